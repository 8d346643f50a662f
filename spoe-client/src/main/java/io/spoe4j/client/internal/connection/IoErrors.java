package io.spoe4j.client.internal.connection;

import io.netty.handler.codec.CodecException;
import io.spoe4j.AgentAddress;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * User-facing text for transport failures. Netty's exceptions print as class names and syscall
 * prefixes ({@code AbstractChannel$AnnotatedConnectException: finishConnect(..) failed with
 * error(-111): Connection refused: /127.0.0.1:1}); users need what happened and where
 * ({@code cannot connect to 127.0.0.1:1: connection refused}). The exception itself stays the
 * cause of the spoe4j exception built from this text. Stateless.
 */
public final class IoErrors {
    /**
     * Netty's native transports prefix errno texts with the syscall: {@code connect(..) failed: } on
     * epoll, {@code io_uring connect(..) failed with error(-111): } on io_uring.
     */
    private static final Pattern SYSCALL = Pattern.compile("^(?:io_uring )?\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");
    /** Netty appends the remote address as {@code InetSocketAddress.toString()}, which always has a '/'. */
    private static final Pattern ADDRESS_SUFFIX = Pattern.compile(": [^\\s/]*/\\S+$");

    private IoErrors() {
    }

    /** {@code cannot connect to ADDRESS: REASON}, e.g. {@code cannot connect to 127.0.0.1:1: connection refused}. */
    public static String connectFailed(SocketAddress remote, Throwable cause) {
        return "cannot connect to " + AgentAddress.format(remote) + ": " + reason(cause);
    }

    /**
     * What went wrong, in lower case and without exception class names, syscall names or the
     * remote address Netty appends: {@code connection refused}, {@code connection reset by peer},
     * {@code connection timed out after 1000 ms}, {@code TLS: ...}.
     */
    public static String reason(Throwable cause) {
        Throwable t = unwrap(cause);
        if (t == null) {
            return "unknown error";
        }
        if (t instanceof ClosedChannelException) {
            return "connection closed";
        }
        if (t instanceof FileNotFoundException && t.getMessage() == null) {
            return "no such file or directory"; // epoll's connect to a missing Unix socket
        }
        String text = clean(t.getMessage());
        if (t instanceof UnknownHostException) {
            return text.isEmpty() ? "unknown host" : "unknown host " + text;
        }
        if (text.isEmpty()) {
            text = words(t.getClass().getSimpleName());
        }
        return t instanceof SSLException ? "TLS: " + text : text;
    }

    private static Throwable unwrap(Throwable cause) {
        Throwable t = cause;
        for (int i = 0; i < 8 && t != null && t.getCause() != null; i++) {
            if (t instanceof CodecException || t instanceof CompletionException
                    // Netty's AnnotatedConnectException wraps the original to append the address.
                    || t instanceof ConnectException && t.getCause() instanceof ConnectException) {
                t = t.getCause();
            } else {
                break;
            }
        }
        return t;
    }

    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        m = SYSCALL.matcher(m).replaceFirst("");
        m = ADDRESS_SUFFIX.matcher(m).replaceFirst("");
        if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }

    /** {@code SocketTimeoutException} becomes {@code socket timeout}: for exceptions that have no message. */
    private static String words(String simpleName) {
        String n = simpleName.endsWith("Exception") ? simpleName.substring(0, simpleName.length() - 9) : simpleName;
        if (n.isEmpty()) {
            return "error";
        }
        return n.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}

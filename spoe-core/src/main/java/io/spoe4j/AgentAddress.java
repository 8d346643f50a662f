package io.spoe4j;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Parses the address forms spoe4j accepts on the command line and in configuration:
 * {@code HOST:PORT}, {@code [IPV6]:PORT}, {@code :PORT} (all interfaces) and {@code unix:PATH}.
 * TCP addresses come back unresolved ({@link InetSocketAddress#createUnresolved}) so parsing never
 * blocks on DNS; Unix addresses as {@link UnixDomainSocketAddress}.
 */
public final class AgentAddress {
    private AgentAddress() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static SocketAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty address (expected HOST:PORT or unix:PATH)");
        }
        if (text.startsWith("unix:") || text.startsWith("unix@")) {
            String path = text.substring(5);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': unix: needs a socket path");
            }
            return UnixDomainSocketAddress.of(Path.of(path));
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "': missing port (expected HOST:PORT or unix:PATH)");
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + text + "': write IPv6 addresses as [ADDRESS]:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port '" + portText + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + port + " is out of range 0-65535");
        }
        return InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    /** The inverse of {@link #parse}: {@code host:port}, {@code [v6]:port} or {@code unix:path}. */
    public static String format(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return "unix:" + unix.getPath();
        }
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}

package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 1);

    /** What Netty's AbstractChannel.AnnotatedConnectException does: the original message plus the address. */
    private static ConnectException annotated(ConnectException original) {
        ConnectException e = new ConnectException(original.getMessage() + ": " + LOCAL);
        e.initCause(original);
        return e;
    }

    @Test
    void aRefusedConnectionNamesTheAddressAndNoClassName() {
        assertEquals("cannot connect to 127.0.0.1:1: connection refused",
                IoErrors.connectFailed(LOCAL, annotated(new ConnectException("Connection refused"))));
        // epoll: the syscall and errno prefix go too
        assertEquals("cannot connect to 127.0.0.1:1: connection refused", IoErrors.connectFailed(LOCAL,
                annotated(new ConnectException("finishConnect(..) failed with error(-111): Connection refused"))));
        // io_uring: its name, the syscall and errno
        assertEquals("cannot connect to 127.0.0.1:1: connection refused", IoErrors.connectFailed(LOCAL,
                annotated(new ConnectException("io_uring connect(..) failed with error(-111): Connection refused"))));
        assertEquals("cannot connect to unix:/run/agent.sock: no such file or directory",
                IoErrors.connectFailed(UnixDomainSocketAddress.of(Path.of("/run/agent.sock")),
                        new ConnectException("connect(..) failed: No such file or directory")));
    }

    @Test
    void reasonsAreLowerCaseTextWithoutTheAppendedAddress() {
        assertEquals("connection timed out after 1000 ms",
                IoErrors.reason(new ConnectTimeoutException("connection timed out after 1000 ms: " + LOCAL)));
        assertEquals("connection reset by peer",
                IoErrors.reason(new IOException("recvAddress(..) failed: Connection reset by peer")));
        assertEquals("connection closed", IoErrors.reason(new ClosedChannelException()));
        assertEquals("no such file or directory", IoErrors.reason(new FileNotFoundException()));
        assertEquals("unknown host agent.invalid", IoErrors.reason(new UnknownHostException("agent.invalid")));
        assertEquals("TLS: no trusted certificate",
                IoErrors.reason(new DecoderException(new SSLHandshakeException("No trusted certificate"))));
        assertEquals("illegal state", IoErrors.reason(new IllegalStateException()));
        assertEquals("unknown error", IoErrors.reason(null));
    }
}

package io.spoe4j.cli.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.http.internal.Replies;
import io.spoe4j.netty.internal.SpoeHttpHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HAProxy 2.6's timeouts, with short configured values: 408 and close for a connection that sends
 * nothing or too slow a head, a silent close of an idle keep-alive connection, 504 for a silent
 * upstream, 503 after the connection attempts, maxconn. Lower bounds of elapsed time are asserted,
 * never upper ones; waits are bounded.
 */
class ClientAndServerTimeoutsTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private GatewayFixture gateway(GatewayLimits limits, Upstream target, String... rules) throws Exception {
        GatewayFixture f = new GatewayFixture(limits, target, null, rules);
        closeables.add(f);
        return f;
    }

    private static GatewayLimits clientTimeouts() {
        return new GatewayLimits(SHORT, SHORT, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5), 3,
                0, GatewayLimits.DEFAULT_MAX_HEAD_BYTES);
    }

    private static final String MUX_408 = new String(Replies.muxError(408), StandardCharsets.ISO_8859_1);

    @Test
    void idleNewConnectionGets408ThenClose() throws Exception {
        GatewayFixture f = gateway(clientTimeouts(), null);
        long t0 = System.nanoTime();
        GatewayFixture.Raw r = f.raw("", GatewayFixture.WAIT);
        assertEquals(MUX_408, r.text());
        assertTrue(r.closed());
        assertTrue(System.nanoTime() - t0 >= SHORT.toNanos());
    }

    @Test
    void incompleteHeadGets408ThenCloseAndNothingIsForwarded() throws Exception {
        GatewayFixture f = gateway(clientTimeouts(), null);
        GatewayFixture.Raw r = f.raw("GET /slow HTTP/1.1\r\nHo", GatewayFixture.WAIT);
        assertEquals(MUX_408, r.text());
        assertTrue(r.closed());
        assertEquals(0, f.upstream.connections.get());
    }

    /** One header byte every 100 ms does not extend timeout http-request (counted from the first byte). */
    @Test
    void slowlorisIsClosedByTimeoutHttpRequest() throws Exception {
        GatewayFixture f = gateway(clientTimeouts(), null);
        byte[] head = "GET /loris HTTP/1.1\r\nHost: aaaaaaaaaaaaaaaa\r\nX-A: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        closeables.add(pacer::shutdownNow);
        try (Socket s = new Socket("127.0.0.1", f.port())) {
            for (int i = 0; i < head.length; i++) {
                byte b = head[i];
                pacer.schedule(() -> {
                    s.getOutputStream().write(b);
                    return null;
                }, 100L * i, TimeUnit.MILLISECONDS);
            }
            GatewayFixture.Raw r = GatewayFixture.readUntilClosed(s, GatewayFixture.WAIT);
            assertEquals(MUX_408, r.text());
            assertTrue(r.closed());
        }
        assertEquals(0, f.upstream.connections.get(), "the head never completed");
    }

    @Test
    void idleKeepAliveConnectionClosesSilently() throws Exception {
        GatewayFixture f = gateway(clientTimeouts(), null);
        try (Socket s = new Socket("127.0.0.1", f.port())) {
            s.getOutputStream().write("GET /one HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            GatewayFixture.Raw r = GatewayFixture.readUntilClosed(s, GatewayFixture.WAIT);
            assertTrue(r.closed());
            assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\nseen 0", r.text(), "the answer, then nothing");
        }
    }

    /** With a body a rule reads (http-buffer-request), the body must arrive within timeout http-request. */
    @Test
    void bufferedBodyNotArrivingGetsTheStream408() throws Exception {
        GatewayFixture f = gateway(clientTimeouts(), null, "http-request wait-for-body time 20s");
        GatewayFixture.Raw r = f.raw("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789",
                GatewayFixture.WAIT);
        String page = new String(Replies.error(408).body(), StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 408 Request Time-out\r\ncontent-length: " + page.length() + "\r\ncache-control: no-cache\r\n"
                + "content-type: text/html\r\nconnection: close\r\n\r\n" + page, r.text());
        assertTrue(r.closed());
    }

    @Test
    void silentUpstreamGets504AndTheConnectionStays() throws Exception {
        GatewayFixture f = gateway(new GatewayLimits(null, null, null, SHORT, Duration.ofSeconds(5), 3, 0,
                GatewayLimits.DEFAULT_MAX_HEAD_BYTES), null);
        f.upstream.silent = true;
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", f.port())) {
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = readAnswer(s);
            assertTrue(System.nanoTime() - t0 >= SHORT.toNanos());
            assertEquals(encoded(504), answer);
            f.upstream.silent = false;
            s.getOutputStream().write("GET /next HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\nseen 0", readAnswer(s), "kept alive");
        }
    }

    /** An upload the client stops sending: the upstream waits too, and timeout server answers 504 and closes. */
    @Test
    void stalledUploadEndsIn504AndClose() throws Exception {
        GatewayFixture f = gateway(new GatewayLimits(null, null, null, SHORT, Duration.ofSeconds(5), 3, 0,
                GatewayLimits.DEFAULT_MAX_HEAD_BYTES), null);
        GatewayFixture.Raw r = f.raw("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789",
                GatewayFixture.WAIT);
        assertTrue(r.text().startsWith("HTTP/1.1 504 Gateway Time-out\r\n"), r.text());
        assertTrue(r.text().contains("\r\nconnection: close\r\n"), r.text());
        assertTrue(r.closed());
    }

    @Test
    void connectTimeoutRetriesThenAnswers503() throws Exception {
        // A listener whose accept queue is full drops SYNs: connecting to it hangs (loopback only).
        ServerSocketChannel full = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 1);
        closeables.add(full);
        for (int i = 0; i < 4; i++) {
            SocketChannel c = SocketChannel.open();
            c.configureBlocking(false);
            c.connect(full.getLocalAddress());
            closeables.add(c);
        }
        int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
        Duration connect = Duration.ofMillis(200);
        GatewayFixture f = gateway(new GatewayLimits(null, null, null, Duration.ofSeconds(30), connect, 1, 0,
                GatewayLimits.DEFAULT_MAX_HEAD_BYTES), new Upstream("127.0.0.1", port, ""));
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", f.port())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(encoded(503), readAnswer(s));
        }
        assertTrue(System.nanoTime() - t0 >= 2 * connect.toNanos(), "two attempts of timeout connect each");
    }

    @Test
    void refusedConnectionRetriesAfterTheTurnAroundThenAnswers503() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Duration connect = Duration.ofMillis(150);
        GatewayFixture f = gateway(new GatewayLimits(null, null, null, Duration.ofSeconds(30), connect, 2, 0,
                GatewayLimits.DEFAULT_MAX_HEAD_BYTES), new Upstream("127.0.0.1", port, ""));
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", f.port())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(encoded(503), readAnswer(s));
        }
        assertTrue(System.nanoTime() - t0 >= 2 * connect.toNanos(), "min(connect, 1s) between attempts");
    }

    @Test
    void maxconnLeavesFurtherConnectionsInTheAcceptQueue() throws Exception {
        GatewayFixture f = gateway(GatewayLimits.DEFAULTS.withMaxconn(1), null);
        try (Socket a = new Socket("127.0.0.1", f.port())) {
            a.getOutputStream().write("GET /a HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 6\r\n\r\nseen 0", readAnswer(a));
            try (Socket b = new Socket("127.0.0.1", f.port())) { // the kernel completes the handshake
                b.getOutputStream().write("GET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                GatewayFixture.Raw waiting = GatewayFixture.readUntilClosed(b, Duration.ofMillis(300));
                assertEquals("", waiting.text(), "not accepted while a is open");
                assertFalse(waiting.closed());
                assertEquals(1, f.gateway.connections());
                a.close();
                GatewayFixture.Raw r = GatewayFixture.readUntilClosed(b, GatewayFixture.WAIT);
                assertTrue(r.text().startsWith("HTTP/1.1 200 OK\r\n"), r.text());
            }
        }
    }

    /** A client that stops reading a large answer is closed after timeout client; the upstream's transfer is cut. */
    @Test
    void clientLeavingTheAnswerUnreadIsClosedAfterTimeoutClient() throws Exception {
        java.util.concurrent.CountDownLatch cut = new java.util.concurrent.CountDownLatch(1);
        try (ServerSocket up = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = up.accept()) {
                    InputStream in = c.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    long size = 1L << 30;
                    c.getOutputStream().write(("HTTP/1.1 200 OK\r\ncontent-length: " + size + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    byte[] chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        c.getOutputStream().write(chunk);
                    }
                } catch (Exception e) {
                    cut.countDown(); // the gateway closed the upstream connection
                }
            });
            t.setDaemon(true);
            t.start();
            GatewayFixture f = gateway(new GatewayLimits(null, null, SHORT, Duration.ofSeconds(30), Duration.ofSeconds(5),
                    3, 0, GatewayLimits.DEFAULT_MAX_HEAD_BYTES), new Upstream("127.0.0.1", up.getLocalPort(), ""));
            try (Socket s = new Socket("127.0.0.1", f.port())) {
                s.setReceiveBufferSize(8192);
                s.getOutputStream().write("GET /big HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                // the client reads nothing: the gateway's writes stall, the upstream's too
                assertTrue(cut.await(GatewayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS),
                        "the upstream transfer was not cut after timeout client");
            }
        }
    }

    private static String encoded(int status) {
        var reply = SpoeHttpHandler.toNetty(Replies.error(status));
        StringBuilder sb = new StringBuilder("HTTP/1.1 " + status + " " + reply.status().reasonPhrase() + "\r\n");
        reply.headers().forEach(h -> sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        sb.append("\r\n").append(reply.content().toString(StandardCharsets.ISO_8859_1));
        reply.release();
        return sb.toString();
    }

    /** One answer framed by its content-length. */
    private static String readAnswer(Socket s) throws Exception {
        s.setSoTimeout((int) GatewayFixture.WAIT.toMillis());
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            assertTrue(c >= 0, "closed after " + sb);
            sb.append((char) c);
        }
        String head = sb.toString().toLowerCase();
        int at = head.indexOf("content-length: ");
        assertNotNull(at >= 0 ? "" : null, head);
        int n = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
        sb.append(new String(in.readNBytes(n), StandardCharsets.ISO_8859_1));
        return sb.toString();
    }
}

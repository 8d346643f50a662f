package io.spoe4j.cli.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bodies no rule reads are streamed both ways, never aggregated: the upstream sees the first bytes
 * of an upload before the client has sent the rest, the client the first bytes of an answer before
 * the upstream has sent the rest; an upstream that stops reading stops the gateway reading the client.
 */
class StreamingTest {
    private static final int MB = 1 << 20;

    @Test
    void uploadReachesTheUpstreamWhileTheClientIsStillSending() throws Exception {
        try (GatewayFixture f = new GatewayFixture(GatewayLimits.DEFAULTS);
                Socket s = new Socket("127.0.0.1", f.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: " + 4 * MB + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[MB]);
            out.flush();
            // a gateway that buffered the whole body would forward nothing before the last byte
            assertTrue(f.upstream.bodyStarted.await(GatewayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS),
                    "the upstream saw no body byte while 3 MB were still to be sent");
            out.write(new byte[3 * MB]);
            out.flush();
            s.setSoTimeout((int) GatewayFixture.WAIT.toMillis());
            String expected = "HTTP/1.1 200 OK\r\ncontent-length: 12\r\n\r\nseen 4194304";
            assertEquals(expected, new String(s.getInputStream().readNBytes(expected.length()),
                    StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void answerReachesTheClientWhileTheUpstreamIsStillSending() throws Exception {
        CountDownLatch clientGotFirstPart = new CountDownLatch(1);
        try (ServerSocket up = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = up.accept()) {
                    InputStream in = c.getInputStream();
                    while (!new String(in.readNBytes(1), StandardCharsets.ISO_8859_1).equals("\n")
                            || in.available() > 0) {
                        // read the head (no body)
                    }
                    OutputStream o = c.getOutputStream();
                    o.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    o.flush();
                    clientGotFirstPart.await(GatewayFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    o.write("4\r\nlast\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    o.flush();
                    in.read();
                } catch (Exception e) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
            try (GatewayFixture f = new GatewayFixture(GatewayLimits.DEFAULTS,
                    new Upstream("127.0.0.1", up.getLocalPort(), ""), null);
                    Socket s = new Socket("127.0.0.1", f.port())) {
                s.setSoTimeout((int) GatewayFixture.WAIT.toMillis());
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                StringBuilder got = new StringBuilder();
                while (!got.toString().endsWith("first\r\n")) {
                    got.append((char) in.read());
                }
                clientGotFirstPart.countDown();
                while (!got.toString().endsWith("0\r\n\r\n")) {
                    got.append((char) in.read());
                }
                assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nfirst\r\n4\r\nlast\r\n0\r\n\r\n",
                        got.toString().replace("Transfer-Encoding", "transfer-encoding"));
            }
        }
    }

    /**
     * The upstream does not read the body: the client's writes must stall once the socket buffers and
     * the gateway's bounded buffers (64 KiB per direction) are full, far below the 64 MB offered.
     */
    @Test
    void anUpstreamThatStopsReadingStopsTheClientsUpload() throws Exception {
        try (GatewayFixture f = new GatewayFixture(GatewayLimits.DEFAULTS)) {
            CountDownLatch release = new CountDownLatch(1);
            f.upstream.readBody = release;
            long offered = 64L * MB;
            long written = 0;
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", f.port()));
                    Selector sel = Selector.open()) {
                c.write(ByteBuffer.wrap(("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: " + offered + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)));
                c.configureBlocking(false);
                c.register(sel, SelectionKey.OP_WRITE);
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                while (written < offered) {
                    // writable again within 2 s, or the upload is stalled: the gateway stopped reading
                    if (sel.select(2_000) == 0) {
                        break;
                    }
                    sel.selectedKeys().clear();
                    chunk.clear();
                    written += c.write(chunk);
                }
                assertTrue(written < 16L * MB, "the client could write " + written + " bytes into a stalled upload");
                release.countDown();
                sel.keys().forEach(SelectionKey::cancel);
                sel.selectNow();
                c.configureBlocking(true);
                while (written < offered) {
                    chunk.clear();
                    chunk.limit((int) Math.min(chunk.capacity(), offered - written));
                    written += c.write(chunk);
                }
                c.socket().setSoTimeout((int) GatewayFixture.WAIT.toMillis());
                String expected = "HTTP/1.1 200 OK\r\ncontent-length: 13\r\n\r\nseen 67108864";
                ByteBuffer in = ByteBuffer.allocate(expected.length());
                while (in.hasRemaining() && c.read(in) >= 0) {
                    // blocking reads until the answer is complete
                }
                assertEquals(expected, new String(in.array(), StandardCharsets.ISO_8859_1));
            }
        }
    }
}

package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway forwards the upstream's answer with the upstream's framing: a chunked answer stays
 * chunked (and {@code res.hdrs} at {@code on-http-response} shows {@code transfer-encoding}, as in
 * HAProxy), a content-length answer keeps its length, on one keep-alive connection; streamed to an
 * HTTP/1.0 client, a chunked answer is delimited by the close.
 */
class GatewayFramingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private GatewayCommand.Running running;
    private ServerSocket upstream;
    private Thread upstreamThread;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop(out);
        }
        if (upstream != null) {
            upstream.close();
            upstreamThread.join(WAIT.toMillis());
        }
    }

    /** One keep-alive upstream connection at a time: {@code /chunked...} answers chunked, anything else with a length. */
    private String startUpstream() throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        upstreamThread = new Thread(() -> {
            while (!upstream.isClosed()) {
                try (Socket s = upstream.accept()) {
                    s.setSoTimeout((int) WAIT.toMillis());
                    InputStream in = s.getInputStream();
                    OutputStream o = s.getOutputStream();
                    for (String head; (head = readHead(in)) != null; ) {
                        String path = head.split(" ")[1];
                        String answer = path.startsWith("/chunked")
                                ? "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Up: one\r\nTransfer-Encoding: chunked\r\n"
                                        + "X-After: 1\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n"
                                : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Up: two\r\n\r\nhello";
                        o.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        o.flush();
                    }
                } catch (IOException closed) {
                    // next connection, or stopped
                }
            }
        }, "framing-upstream");
        upstreamThread.setDaemon(true);
        upstreamThread.start();
        return "http://127.0.0.1:" + upstream.getLocalPort();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
    }

    /** Everything until the gateway closes the connection (it answers an HTTP/1.0 request last). */
    private static String readToEnd(InputStream in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            for (int c; (c = in.read()) >= 0; ) {
                b.write(c);
            }
        } catch (IOException e) {
            throw new AssertionError("the gateway did not close the connection within " + WAIT + "; got: "
                    + b.toString(StandardCharsets.ISO_8859_1), e);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads up to and including {@code end}, failing with what came if it does not within {@link #WAIT}. */
    private static String readUntil(InputStream in, String end) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            for (int c; (c = in.read()) >= 0; ) {
                b.write(c);
                if (b.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
                    return b.toString(StandardCharsets.ISO_8859_1);
                }
            }
            throw new AssertionError("connection closed before '" + end + "'; got: " + b.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new AssertionError("no '" + end + "' within " + WAIT + "; got: " + b.toString(StandardCharsets.ISO_8859_1), e);
        }
    }

    private static String resHdrs(RecordedNotify n) {
        assertNotNull(n, "no NOTIFY within " + WAIT);
        return new String(((io.spoe4j.codec.TypedValue.Str) n.arg("res", "hdrs")).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void chunkedAnswersStayChunkedAndLengthAnswersKeepTheirLength(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), """
                [fr]
                spoe-agent fr-agent
                    messages res
                    option var-prefix fr
                    timeout hello 5s
                    timeout idle 30s
                    timeout processing 5s
                    use-backend agents
                spoe-message res
                    args hdrs=res.hdrs
                    event on-http-response
                """);
        try (SpoaAgent agent = SpoaAgent.builder().build().start()) {
            running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                    "--config", dir.resolve("spoe.conf").toString(), "--engine", "fr",
                    "--agent", "agents=" + agent.endpoint(), "--backend", startUpstream()}), out);
            String reply;
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), running.gateway.address().getPort())) {
                c.setSoTimeout((int) WAIT.toMillis());
                OutputStream o = c.getOutputStream();
                InputStream in = c.getInputStream();
                o.write("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String first = readUntil(in, "\r\n0\r\n\r\n");
                o.write("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String second = readUntil(in, "hello");
                o.write("GET /chunked HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                reply = (first + second + readToEnd(in)).toLowerCase();
            }
            assertEquals("content-type: text/plain\r\nx-up: one\r\ntransfer-encoding: chunked\r\nx-after: 1\r\n\r\n",
                    resHdrs(agent.takeNotify(WAIT)));
            assertEquals("content-length: 5\r\nx-up: two\r\n\r\n", resHdrs(agent.takeNotify(WAIT)));
            // streamed, the answer to an HTTP/1.0 client cannot be chunked: it ends with the connection
            assertEquals("content-type: text/plain\r\nx-up: one\r\nx-after: 1\r\n\r\n",
                    resHdrs(agent.takeNotify(WAIT)));
            String[] answers = reply.split("(?=http/1.1 200 ok\r\n)");
            assertEquals(3, answers.length, reply);
            assertTrue(answers[0].startsWith("http/1.1 200 ok\r\ncontent-type: text/plain\r\nx-up: one\r\n"
                    + "transfer-encoding: chunked\r\nx-after: 1\r\n"), reply);
            assertTrue(answers[0].endsWith("\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n"), reply); // streamed chunk by chunk
            assertTrue(!answers[0].contains("content-length"), reply);
            assertTrue(answers[1].startsWith("http/1.1 200 ok\r\ncontent-length: 5\r\nx-up: two\r\n"), reply);
            assertTrue(answers[1].endsWith("\r\n\r\nhello"), reply);
            assertTrue(!answers[2].contains("content-length") && answers[2].endsWith("\r\n\r\nabcdefg"), reply);
            assertTrue(!answers[2].contains("transfer-encoding"), reply);
        }
    }

    /** Two pipelined requests, each answer held for its on-http-response NOTIFY: both are answered, in order. */
    @Test
    void pipelinedRequestsWithResponseEventsAreAllAnswered(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), """
                [fr]
                spoe-agent fr-agent
                    messages res
                    option var-prefix fr
                    timeout hello 5s
                    timeout idle 30s
                    timeout processing 5s
                    use-backend agents
                spoe-message res
                    args hdrs=res.hdrs
                    event on-http-response
                """);
        try (SpoaAgent agent = SpoaAgent.builder().build().start()) {
            running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                    "--config", dir.resolve("spoe.conf").toString(), "--engine", "fr",
                    "--agent", "agents=" + agent.endpoint(), "--backend", startUpstream()}), out);
            String reply;
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), running.gateway.address().getPort())) {
                c.setSoTimeout((int) WAIT.toMillis());
                c.getOutputStream().write(("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                reply = readToEnd(c.getInputStream()).toLowerCase();
            }
            String[] answers = reply.split("(?=http/1.1 200 ok\r\n)");
            assertEquals(2, answers.length, reply);
            assertTrue(answers[0].contains("transfer-encoding: chunked\r\n") && answers[0].endsWith("\r\n0\r\n\r\n"),
                    reply);
            assertTrue(answers[1].contains("content-length: 5\r\n") && answers[1].endsWith("hello"), reply);
            assertTrue(resHdrs(agent.takeNotify(WAIT)).contains("transfer-encoding: chunked"));
            assertTrue(resHdrs(agent.takeNotify(WAIT)).contains("content-length: 5"));
        }
    }
}

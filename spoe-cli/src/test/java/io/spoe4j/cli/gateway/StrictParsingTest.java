package io.spoe4j.cli.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.TypedValue;
import io.spoe4j.http.internal.Replies;
import io.spoe4j.testkit.RecordedNotify;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests HAProxy 2.6.12 refuses get its mux's 400 (or 422), the connection closes, and neither the
 * upstream nor the agent sees anything of them; requests it accepts (some Netty refuses by default)
 * are forwarded as it forwards them. Each expectation was observed on HAProxy 2.6.12 (the README's
 * parsing table); the conformance suite compares them live.
 */
class StrictParsingTest {
    private static GatewayFixture f;
    private static int probe;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture(GatewayLimits.DEFAULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static Stream<Arguments> refused() {
        String post = "POST /x HTTP/1.1\r\nHost: a\r\n";
        String chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
        return Stream.of(
                Arguments.of("chunk size not hex", chunked + "ZZZ\r\nabc\r\n0\r\n\r\n", 400),
                Arguments.of("chunk size overflow", chunked + "FFFFFFFFFFFFFFFFFF1\r\nabc\r\n0\r\n\r\n", 400),
                Arguments.of("no CRLF after chunk data", chunked + "3\r\nabcX\r\n0\r\n\r\n", 400),
                Arguments.of("trailer without colon", chunked + "3\r\nabc\r\n0\r\nbad trailer\r\n\r\n", 400),
                Arguments.of("empty chunk size", chunked + "\r\nabc\r\n0\r\n\r\n", 400),
                Arguments.of("two different content-lengths", post + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
                Arguments.of("content-length list", post + "Content-Length: 3, 4\r\n\r\nabcd", 400),
                Arguments.of("content-length not a number", post + "Content-Length: abc\r\n\r\nabc", 400),
                Arguments.of("negative content-length", post + "Content-Length: -3\r\n\r\nabc", 400),
                Arguments.of("content-length overflow", post + "Content-Length: 99999999999999999999999\r\n\r\nabc", 400),
                Arguments.of("chunked not last", post + "Transfer-Encoding: chunked, gzip\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400),
                Arguments.of("chunked twice", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3\r\nabc\r\n0\r\n\r\n", 400),
                Arguments.of("identity coding", post + "Transfer-Encoding: identity\r\n\r\n", 400),
                Arguments.of("gzip before chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 422),
                Arguments.of("space in header name", "GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n", 400),
                Arguments.of("control char in header name", "GET / HTTP/1.1\r\nHost: a\r\nBad\u0001: x\r\n\r\n", 400),
                Arguments.of("empty header name", "GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n", 400),
                Arguments.of("space before colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A : x\r\n\r\n", 400),
                Arguments.of("no colon", "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
                Arguments.of("8-bit header name", "GET / HTTP/1.1\r\nHost: a\r\nX-\u00e9: x\r\n\r\n", 400),
                Arguments.of("obs-fold on the first header", "GET / HTTP/1.1\r\n X-A: a\r\nHost: a\r\n\r\n", 400),
                Arguments.of("HTTP/0.9", "GET /\r\n\r\n", 400),
                Arguments.of("extra word in request line", "GET / HTTP/1.1 x\r\nHost: a\r\n\r\n", 400),
                Arguments.of("bad method", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("bad version", "GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("control char in URI", "GET /a\u0001b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("8-bit URI", "GET /a\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("tab in URI", "GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("two different hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                Arguments.of("absolute URI not matching Host", "GET http://b/x HTTP/1.1\r\nHost: a\r\n\r\n", 400),
                Arguments.of("102 headers", "GET / HTTP/1.1\r\nHost: a\r\n" + "X-H: 1\r\n".repeat(101) + "\r\n", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedAsHaproxyDoes(String name, String request, int status) throws Exception {
        GatewayFixture.Raw r = f.raw(request, GatewayFixture.WAIT);
        assertEquals(expected(status), r.text(), name);
        assertTrue(r.closed(), name + ": the connection must close");
        assertNothingForwarded(name);
    }

    @Test
    void invalidChunkAfterTheHeadWasForwardedClosesAndAbortsTheUpstreamRequest() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.port())) {
            s.getOutputStream().write("POST /late HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            RecordedNotify n = f.agent.takeNotify(GatewayFixture.WAIT);
            assertNotNull(n, "the head was passed on to the agent");
            s.getOutputStream().write("ZZZ\r\n".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            GatewayFixture.Raw r = GatewayFixture.readUntilClosed(s, GatewayFixture.WAIT);
            assertEquals(expected(400), r.text());
            assertTrue(r.closed());
        }
        assertNothingForwarded("late bad chunk");
    }

    static Stream<Arguments> accepted() {
        String post = "POST /x HTTP/1.1\r\nHost: a\r\n";
        return Stream.of(
                // HAProxy drops Content-Length, chunked wins, and closes after the answer
                Arguments.of("Content-Length and Transfer-Encoding", post + "Content-Length: 3\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "transfer-encoding: chunked\r\n",
                        "content-length", true),
                Arguments.of("identical content-lengths merged", post + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
                        "content-length: 3\r\n", "content-length: 3\r\ncontent-length", false),
                Arguments.of("content-length list of one value", post + "Content-Length: 3, 3\r\n\r\nabc",
                        "content-length: 3\r\n", "3, 3", false),
                Arguments.of("obs-fold", "GET /x HTTP/1.1\r\nHost: a\r\nX-A: a\r\n b\r\n\r\n", "X-A: a b\r\n", "\r\n b", false),
                Arguments.of("bare LF line ends", "GET /x HTTP/1.1\nHost: a\n\n", "GET /x HTTP/1.1", "\u0000", false),
                Arguments.of("chunked HTTP/1.0", "POST /x HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3\r\nabc\r\n0\r\n\r\n", "abc", "\u0000", true),
                Arguments.of("chunk extension", post + "Transfer-Encoding: chunked\r\n\r\n3;foo=bar\r\nabc\r\n0\r\n\r\n",
                        "abc", "\u0000", false),
                Arguments.of("DEL in URI", "GET /a\u007fb HTTP/1.1\r\nHost: a\r\n\r\n", "GET /a\u007fb HTTP/1.1", "\u0000", false),
                Arguments.of("control char in header value", "GET /x HTTP/1.1\r\nHost: a\r\nX-A: a\u0001b\r\n\r\n",
                        "a\u0001b", "\u0000", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedAsHaproxyDoes(String name, String request, String upstreamSees, String upstreamMustNotSee,
            boolean closes) throws Exception {
        GatewayFixture.Raw r = f.raw(request, closes ? GatewayFixture.WAIT : java.time.Duration.ofMillis(500));
        assertEquals(200, r.status(), name + ": " + r.text());
        assertEquals(closes, r.closed(), name + ": " + r.text());
        String seen = f.upstream.take(GatewayFixture.WAIT);
        assertNotNull(seen, name);
        assertTrue(seen.contains(upstreamSees), name + ": " + seen);
        assertTrue(!seen.toLowerCase().contains(upstreamMustNotSee.toLowerCase()), name + ": " + seen);
        f.agent.takeNotify(GatewayFixture.WAIT);
    }

    private static String expected(int status) {
        if (status == 400) {
            return new String(Replies.muxError(400), StandardCharsets.ISO_8859_1);
        }
        // 422: the mux's page without "Connection: close", then the close
        String body = new String(Replies.error(422).body(), StandardCharsets.ISO_8859_1);
        return "HTTP/1.1 422 Unprocessable Content\r\nContent-length: " + body.length()
                + "\r\nCache-Control: no-cache\r\nContent-Type: text/html\r\n\r\n" + body;
    }

    /** A valid request sent next is the first thing the upstream and the agent see. */
    private static void assertNothingForwarded(String name) throws Exception {
        String path = "/probe" + (++probe);
        GatewayFixture.Raw ok = f.raw("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                GatewayFixture.WAIT);
        assertEquals(200, ok.status(), ok.text());
        String seen = f.upstream.take(GatewayFixture.WAIT);
        assertTrue(seen != null && seen.startsWith("GET " + path + " "), name + ": the upstream saw " + seen);
        RecordedNotify n = f.agent.takeNotify(GatewayFixture.WAIT);
        assertNotNull(n, name);
        assertEquals(path, new String(((TypedValue.Str) n.arg("req", "path")).bytes(), StandardCharsets.UTF_8),
                name + ": the agent saw another request first");
    }
}

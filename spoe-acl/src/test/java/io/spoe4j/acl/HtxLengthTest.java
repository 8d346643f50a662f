package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code req.len} and {@code res.len} against values HAProxy 2.6.12 sent in HTTP mode for the
 * same messages (its HTX block payloads: start line 20 + parts, name + value per header, 1 for
 * the end of headers, the de-chunked body, and for a complete chunked body its trailers and 1).
 * The headers are those HAProxy keeps, as the adapters hand them over (Connection: close dropped).
 */
class HtxLengthTest {
    private static final AclCompiler C = AclCompiler.standard();

    private static long reqLen(RequestAttributes r) {
        return ((Sample.Int) C.sample("req.len").evaluate(r)).value();
    }

    private static long resLen(RequestAttributes r) {
        return ((Sample.Int) C.sample("res.len").evaluate(r)).value();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SimpleRequestAttributes.Builder post(String... headers) {
        SimpleRequestAttributes.Builder b = SimpleRequestAttributes.builder().method("POST").uri("/p").header("Host", "a");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    @Test
    void requestWithoutBody() {
        // GET / HTTP/1.1, Host: a, Connection: close (dropped by HAProxy's parser): 20+3+1+8, 1+1, 1
        assertEquals(38, reqLen(SimpleRequestAttributes.builder().header("Host", "a").build()));
        assertEquals(38, reqLen(SimpleRequestAttributes.builder().header("Host", "a").requestBody(new byte[0]).build()));
        // Connection: close, Foo keeps "Foo"; repeated headers count one block each
        assertEquals(51, reqLen(SimpleRequestAttributes.builder().header("Host", "a").header("Connection", "Foo").build()));
        assertEquals(55, reqLen(SimpleRequestAttributes.builder().header("Host", "a").header("X-A", "1")
                .header("X-Bb", "22").header("x-bb", "333").build()));
        assertEquals(45, reqLen(SimpleRequestAttributes.builder().uri("/abc?x=1").httpVersion("1.0").header("Host", "a").build()));
        assertEquals(47, reqLen(SimpleRequestAttributes.builder().uri("http://a/p").header("Host", "a").build()));
    }

    @Test
    void contentLengthBodies() {
        assertEquals(55, reqLen(post("Content-Length", "0").requestBody(new byte[0]).build()));
        assertEquals(56, reqLen(post("Content-Length", "1").requestBody(bytes("b")).build()));
        assertEquals(66, reqLen(post("Content-Length", "10").requestBody(bytes("b".repeat(10))).build()));
        assertEquals(157, reqLen(post("Content-Length", "100").requestBody(bytes("b".repeat(100))).build()));
        assertEquals(1058, reqLen(post("Content-Length", "1000").requestBody(bytes("b".repeat(1000))).build()));
        assertEquals(10059, reqLen(post("Content-Length", "10000").requestBody(bytes("b".repeat(10000))).build()));
        // Expect: 100-continue is removed once HAProxy waits for the body
        assertEquals(60, reqLen(post("Content-Length", "5").requestBody(bytes("hello")).build()));
    }

    @Test
    void chunkedBodiesCountEndOfTrailers() {
        SimpleRequestAttributes.Builder chunked = post("Transfer-Encoding", "chunked");
        assertEquals(64, reqLen(chunked.build()), "body not buffered: head only");
        assertEquals(65, reqLen(chunked.requestBody(new byte[0]).build()));
        assertEquals(70, reqLen(chunked.requestBody(bytes("hello")).build()));
        assertEquals(73, reqLen(chunked.requestBody(bytes("helloabc")).build()), "two chunks, framing not counted");
        assertEquals(85, reqLen(chunked.requestBody(bytes("hello")).requestTrailer("X-Trailer", "yes")
                .requestTrailer("Ab", "c").build()));
        assertEquals(70, reqLen(post("transfer-encoding", "Chunked").requestBody(bytes("hello")).build()));
    }

    @Test
    void responses() {
        SimpleRequestAttributes r = SimpleRequestAttributes.builder().responseStatus(200).responseReason("X")
                .responseHeader("Content-Type", "text/plain").responseHeader("X-Up", "one").build();
        assertEquals(86, resLen(r.toBuilder().responseHeader("Content-Length", "9").responseBody(bytes("upstream\n")).build()));
        assertEquals(96, resLen(r.toBuilder().responseHeader("Transfer-Encoding", "chunked")
                .responseBody(bytes("upstream\n")).build()));
        assertEquals(86, resLen(r.toBuilder().responseHeader("Transfer-Encoding", "chunked").build()), "body not held");
        assertEquals(42, resLen(SimpleRequestAttributes.builder().responseStatus(204).responseReason("No Content")
                .responseBody(new byte[0]).build()));
        assertEquals(5052, resLen(SimpleRequestAttributes.builder().responseStatus(200).responseReason("OK")
                .responseHeader("Content-Length", "5000").responseBody(bytes("x".repeat(5000))).build()));
        assertEquals(32, resLen(SimpleRequestAttributes.builder().responseStatus(404).build()), "unknown reason counts as empty");
    }

    @Test
    void missingWithoutTheMessageAndFlags() {
        assertNull(C.sample("res.len").evaluate(SimpleRequestAttributes.builder().build()));
        for (String e : new String[] {"req.len", "req_len"}) {
            assertTrue(C.sample(e).needsRequestBody(), e);
            assertFalse(C.sample(e).needsResponse(), e);
        }
        SampleExpression res = C.sample("res.len");
        assertTrue(res.needsResponse());
        assertTrue(res.needsResponseBody());
        assertFalse(res.needsRequestBody());
    }
}

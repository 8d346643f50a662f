package io.spoe4j.acl;

import static io.spoe4j.acl.Requests.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in fetch against three transactions, with HAProxy's types and missing-value
 * behaviour (doc/configuration.txt 7.3.x, src/http_fetch.c).
 */
class FetchTest {
    private static final AclCompiler C = AclCompiler.standard();
    private static final RequestAttributes FULL = Requests.full().build();
    private static final RequestAttributes RESP = Requests.withResponse();
    private static final RequestAttributes BARE = Requests.bare();

    private static Sample s(String v) {
        return Sample.str(v);
    }

    private static Sample i(long v) {
        return Sample.integer(v);
    }

    private static Sample b(String utf8) {
        return Sample.bin(utf8.getBytes(StandardCharsets.UTF_8));
    }

    private static Sample v4(String a) {
        return new Sample.Ipv4(ip(a).getAddress());
    }

    private static Sample v6(String a) {
        return new Sample.Ipv6(ip(a).getAddress());
    }

    static Stream<Object[]> full() {
        return Stream.of(
                row("src", v4("192.0.2.10")),
                row("src_port", i(51234)),
                row("dst", v4("10.0.0.1")),
                row("dst_port", i(443)),
                row("ssl_fc", Sample.bool(true)),
                row("ssl_fc_sni", s("app1.example.com")),
                row("unique-id", s("uid-1")),
                row("method", s("POST")),
                row("path", s("/api/v1/items")),
                row("pathq", s("/api/v1/items?id=7&x=a%20b")),
                row("query", s("id=7&x=a%20b")),
                row("url", s("/api/v1/items?id=7&x=a%20b")),
                row("base", s("App1.Example.com/api/v1/items")),
                row("req.ver", s("1.1")),
                row("req_ver", s("1.1")),
                row("url_param(id)", s("7")),
                row("urlp(x)", s("a%20b")),
                row("urlp(nope)", null),
                row("urlp", s("7")),
                row("urlp(i)", null),
                // req.hdr: last occurrence by default, values split at commas
                row("req.hdr(x-forwarded-for)", s("203.0.113.3")),
                row("req.hdr(X-Forwarded-For,1)", s("203.0.113.1")),
                row("req.hdr(x-forwarded-for,2)", s("203.0.113.2")),
                row("req.hdr(x-forwarded-for,-2)", s("203.0.113.2")),
                row("req.hdr(x-forwarded-for,4)", null),
                row("hdr(host)", s("App1.Example.com")),
                row("req.hdr(Authorization)", s("Bearer t0k3n")),
                row("req.hdr(x-absent)", null),
                row("req.fhdr(x-forwarded-for)", s("203.0.113.3")),
                row("req.fhdr(x-forwarded-for,1)", s("203.0.113.1, 203.0.113.2")),
                row("req.hdr_cnt(x-forwarded-for)", i(3)),
                row("hdr_cnt(x-forwarded-for)", i(3)),
                row("req.fhdr_cnt(x-forwarded-for)", i(2)),
                row("req.hdr_cnt(x-absent)", i(0)),
                row("req.hdr_cnt", i(9)),
                row("req.hdr_val(content-length)", i(11)),
                row("hdr_ip(x-forwarded-for,1)", v4("203.0.113.1")),
                row("req.cook(authsession)", s("second")),
                row("cook(theme)", s("dark")),
                row("req.cook(nope)", null),
                row("req.cook_cnt(authsession)", i(2)),
                row("req.body", b("hello world")),
                row("req.body_len", i(11)),
                row("req.body_size", i(11)),
                // HTX blocks: start line 20+4+26+8, eight headers 204, end of headers 1, body 11
                row("req.len", i(274)),
                row("req_len", i(274)),
                row("req.proto_http", Sample.bool(true)),
                row("var(txn.coraza.app)", s("sample_app")),
                row("var(sess.span_id)", i(99)),
                row("var(txn.unset)", null),
                row("var(txn.unset,fallback)", s("fallback")),
                row("str(users)", s("users")),
                row("int(-5)", i(-5)),
                row("bool(true)", Sample.bool(true)),
                row("bool(false)", Sample.bool(false)),
                row("ipv4(10.1.2.3)", v4("10.1.2.3")),
                row("ipv6(::1)", v6("::1")),
                row("bin(00ff)", Sample.bin(new byte[] {0, (byte) 0xFF})),
                row("always_true", Sample.bool(true)),
                row("always_false", Sample.bool(false)),
                // the response does not exist yet during a request event
                row("status", null),
                row("res.ver", null),
                row("res.hdr(content-type)", null),
                row("res.hdrs", null),
                row("res.hdrs_bin", null),
                row("res.body", null),
                row("res.len", null),
                row("res.hdr_cnt(set-cookie)", null));
    }

    private static Object[] row(Object... cells) {
        return cells;
    }

    private static Stream<DynamicTest> table(Stream<Object[]> rows, RequestAttributes r) {
        return rows.map(row -> DynamicTest.dynamicTest((String) row[0],
                () -> assertEquals(row[1], C.sample((String) row[0]).evaluate(r))));
    }

    @TestFactory
    Stream<DynamicTest> fetchOnRequest() {
        return table(full(), FULL);
    }

    static Stream<Object[]> response() {
        return Stream.of(
                row("status", i(403)),
                row("res.ver", s("1.1")),
                row("resp_ver", s("1.1")),
                row("res.hdr(content-type)", s("text/html")),
                row("shdr(set-cookie)", s("b=2")),
                row("res.hdr(set-cookie,1)", s("a=1")),
                row("res.hdr_cnt(set-cookie)", i(2)),
                row("res.fhdr(set-cookie)", s("b=2")),
                row("res.hdrs", s("content-type: text/html\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\r\n")),
                row("res.body", b("denied")),
                row("res.body_len", i(6)),
                // start line 20+8+3 (no reason given), headers 21+13+13, end of headers 1, body 6
                row("res.len", i(85)));
    }

    @TestFactory
    Stream<DynamicTest> fetchOnResponse() {
        return table(response(), RESP);
    }

    static Stream<Object[]> bare() {
        return Stream.of(
                row("src", v6("2001:db8::1")),
                row("dst", v6("2001:db8::ff")),
                row("dst_port", i(80)),
                row("ssl_fc", Sample.bool(false)),
                row("ssl_fc_sni", null),
                row("unique-id", null),
                row("query", null),
                row("pathq", s("/index.html")),
                row("req.ver", s("2.0")),
                row("base", s("www.example.org/index.html")),
                row("req.body", null),
                row("req.body_len", null),
                row("req.body_size", i(0)),
                row("req.len", i(20 + 3 + 11 + 8 + 4 + 15 + 1)),
                row("req.cook(a)", null),
                row("req.hdrs", s("host: www.example.org\r\n\r\n")));
    }

    @TestFactory
    Stream<DynamicTest> fetchOnBareRequest() {
        return table(bare(), BARE);
    }

    @TestFactory
    Stream<DynamicTest> urlParameters() {
        RequestAttributes r = SimpleRequestAttributes.builder().uri("/p?a=1;b=2&flag&c=&a=9").build();
        return Stream.of(row("urlp(a)", s("1;b=2")), row("urlp(b)", null), row("urlp(b,;)", s("2")), row("urlp(flag)", s("")),
                row("urlp(c)", s("")), row("url_param(a,;)", s("1")))
                .map(row -> DynamicTest.dynamicTest((String) row[0],
                        () -> assertEquals(row[1], C.sample((String) row[0]).evaluate(r))));
    }

    @TestFactory
    Stream<DynamicTest> headerAddresses() {
        return Stream.of(row("10.1.2.3", v4("10.1.2.3")), row("10.1.2.3:8080", v4("10.1.2.3")),
                row("2001:db8::7", v6("2001:db8::7")), row("[2001:db8::7]:443", v6("2001:db8::7")),
                row("example.com", null), row("10.1.2", null), row("", null))
                .map(row -> DynamicTest.dynamicTest("'" + row[0] + "'", () -> {
                    RequestAttributes r = SimpleRequestAttributes.builder().header("X-Real-IP", (String) row[0]).build();
                    assertEquals(row[1], C.sample("req.hdr_ip(x-real-ip)").evaluate(r));
                }));
    }

    static Stream<Object[]> targets() {
        return Stream.of(
                // uri, path, pathq, query
                row("/a/b?c=d", "/a/b", "/a/b?c=d", "c=d"),
                row("/a?", "/a", "/a?", ""),
                row("/", "/", "/", null),
                row("http://h.example:8080/x/y?z", "/x/y", "/x/y?z", "z"),
                row("https://h.example", null, null, null),
                row("*", null, null, null),
                row("h.example:443", null, null, null));
    }

    @TestFactory
    Stream<DynamicTest> requestTargetParts() {
        return targets().map(row -> DynamicTest.dynamicTest((String) row[0],
                () -> requestTargetParts((String) row[0], (String) row[1], (String) row[2], (String) row[3])));
    }

    private static void requestTargetParts(String uri, String path, String pathq, String query) {
        RequestAttributes r = SimpleRequestAttributes.builder().uri(uri).build();
        assertEquals(path == null ? null : s(path), C.sample("path").evaluate(r));
        assertEquals(pathq == null ? null : s(pathq), C.sample("pathq").evaluate(r));
        assertEquals(query == null ? null : s(query), C.sample("query").evaluate(r));
        assertEquals(s(uri), C.sample("url").evaluate(r));
    }

    @TestFactory
    Stream<DynamicTest> dependencyFlagsFollowTheFetch() {
        return Stream.concat(full(), response()).map(row -> DynamicTest.dynamicTest((String) row[0],
                () -> dependencyFlags((String) row[0])));
    }

    private static void dependencyFlags(String expression) {
        SampleExpression e = C.sample(expression);
        boolean requestBody = expression.startsWith("req.body") && !expression.equals("req.body_size")
                || expression.equals("req.len") || expression.equals("req_len");
        assertEquals(requestBody, e.needsRequestBody());
        boolean response = expression.startsWith("res") || expression.startsWith("shdr") || expression.equals("status");
        assertEquals(response, e.needsResponse());
        assertEquals(expression.startsWith("res.body") || expression.equals("res.len"), e.needsResponseBody());
    }

    @org.junit.jupiter.api.Test
    void responseBodyNeedsTheResponseAndTheBody() {
        SampleExpression e = C.sample("res.body");
        assertTrue(e.needsResponse());
        assertTrue(e.needsResponseBody());
        assertFalse(e.needsRequestBody());
        assertTrue(C.sample("req.body,length").needsRequestBody());
    }

    @org.junit.jupiter.api.Test
    void resHdrsBinMatchesTheBinaryLayout() {
        Sample.Bin bin = (Sample.Bin) C.sample("res.hdrs_bin").evaluate(RESP);
        assertEquals("0c636f6e74656e742d74797065097465787" + "42f68746d6c"
                + "0a7365742d636f6f6b696503613d31" + "0a7365742d636f6f6b696503623d32" + "0000",
                HexFormat.of().formatHex(bin.bytes()));
    }

    @org.junit.jupiter.api.Test
    void longHeaderValueUsesMultiByteVarint() {
        String value = "v".repeat(300);
        RequestAttributes r = SimpleRequestAttributes.builder().header("X", value).build();
        byte[] blob = ((Sample.Bin) C.sample("req.hdrs_bin").evaluate(r)).bytes();
        // 01 'x' then 300 as varint = fc 03 (agents-and-users.md golden vector), value, 00 00
        assertEquals("0178fc03", HexFormat.of().formatHex(blob, 0, 4));
        assertEquals(4 + 300 + 2, blob.length);
    }

    @org.junit.jupiter.api.Test
    void binaryBlockSizesHoldForLongAndNonAsciiValues() {
        String big = "x".repeat(70_000);
        RequestAttributes r = SimpleRequestAttributes.builder().header("Big", big).header("X-Name", "caf\u00e9").build();
        byte[] blob = ((Sample.Bin) C.sample("req.hdrs_bin").evaluate(r)).bytes();
        // 70000 -> f0 ... three varint bytes; then 06 "x-name" 05 "caf" c3 a9; then 00 00
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.writeBytes(HexFormat.of().parseHex("03626967"));
        long x = 70_000;
        expected.write((int) (x & 0xFF) | 0xF0);
        x = (x - 240) >>> 4;
        while (x >= 128) {
            expected.write((int) (x & 0xFF) | 0x80);
            x = (x - 128) >>> 7;
        }
        expected.write((int) x);
        expected.writeBytes(big.getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(HexFormat.of().parseHex("06782d6e616d6505636166c3a90000"));
        assertEquals(HexFormat.of().formatHex(expected.toByteArray()), HexFormat.of().formatHex(blob));
        assertEquals(Sample.str("big: " + big + "\r\nx-name: caf\u00e9\r\n\r\n"), C.sample("req.hdrs").evaluate(r));
    }
}

package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every match method, flag and integer operator, as documented in doc/configuration.txt 7.1
 * (7.1.1 flags, 7.1.2 booleans, 7.1.3 integers, 7.1.4 strings, 7.1.6 IP addresses) and derived
 * ACL keywords. Words are split on single spaces.
 */
class MatchTest {
    private static final AclCompiler C = AclCompiler.standard();
    private static final RequestAttributes FULL = Requests.full().build();
    private static final RequestAttributes BARE = Requests.bare();
    private static final RequestAttributes RESP = Requests.withResponse();

    private static Object[] row(String acl, RequestAttributes r, boolean expected) {
        return new Object[] {acl, r, expected};
    }

    static Stream<Object[]> rows() {
        return Stream.of(
                // strings: default exact match for string fetches, -i, several patterns ORed
                row("method POST", FULL, true),
                row("method post", FULL, false),
                row("method -i post", FULL, true),
                row("method GET HEAD", FULL, false),
                row("method GET POST", FULL, true),
                row("path /api/v1/items", FULL, true),
                row("path -m str /api", FULL, false),
                row("path_beg /api/", FULL, true),
                row("path_beg /static/ /images/", FULL, false),
                row("path -m beg /api/", FULL, true),
                row("path_end /items", FULL, true),
                row("path_end .css .js", FULL, false),
                row("path_sub v1", FULL, true),
                row("path_sub v2", FULL, false),
                row("path_reg ^/api/v[0-9]+/", FULL, true),
                row("path_reg ^/API/", FULL, false),
                row("path -i -m reg ^/API/", FULL, true),
                row("path_dir v1", FULL, true),
                row("path_dir api/v1", FULL, true),
                row("path_dir items", FULL, true),
                row("path_dir item", FULL, false),
                row("path_dir /v1/", FULL, true),
                row("path_len 13", FULL, true),
                row("path_len gt 20", FULL, false),
                row("path_len 10:15", FULL, true),
                row("url_beg /api", FULL, true),
                row("url_sub id=7", FULL, true),
                row("base_beg app1.example.com/api", FULL, false),
                row("base_beg -i app1.example.com/api", FULL, true),
                // hdr in an ACL iterates over every value, comma-split, not just the last
                row("hdr(x-forwarded-for) 203.0.113.1", FULL, true),
                row("hdr(x-forwarded-for) 203.0.113.2", FULL, true),
                row("hdr(x-forwarded-for,1) 203.0.113.2", FULL, false),
                row("req.hdr(x-forwarded-for) 203.0.113.3", FULL, true),
                row("hdr_beg(host) -i app1.example.com", FULL, true),
                row("hdr_beg(host) app1.example.com", FULL, false),
                row("hdr_end(host) -i .example.com", FULL, true),
                row("hdr_sub(user-agent) curl", FULL, true),
                row("hdr_reg(user-agent) ^curl/[0-9]", FULL, true),
                row("hdr_dom(host) -i example", FULL, true),
                row("hdr_dom(host) -i exam", FULL, false),
                row("hdr_dom(host) -i .example.com.", FULL, true),
                row("hdr_len(user-agent) 8", FULL, true),
                row("hdr_cnt(x-forwarded-for) ge 3", FULL, true),
                row("hdr_cnt(x-forwarded-for) gt 3", FULL, false),
                row("hdr_ip(x-forwarded-for) 203.0.113.0/24", FULL, true),
                row("hdr_val(content-length) gt 10", FULL, true),
                row("hdr_val(content-length) lt 11", FULL, false),
                row("hdr(x-absent) -m found", FULL, false),
                row("hdr(host) -m found", FULL, true),
                row("cook(authsession) abc123", FULL, true),
                row("cook(authsession) second", FULL, true),
                row("cook(authsession) nope", FULL, false),
                row("cook_beg(theme) da", FULL, true),
                row("req.cook(theme) -m sub ar", FULL, true),
                row("query -m found", BARE, false),
                row("query -m found", FULL, true),
                row("urlp(id) 7", FULL, true),
                row("urlp_reg(x) ^a", FULL, true),
                row("ssl_fc_sni_end .example.com", FULL, true),
                row("req.ver 1.1", FULL, true),
                row("req.ver 2.0", BARE, true),
                // -m on other types: HAProxy casts the sample first
                row("var(sess.span_id) -m int gt 50", FULL, true),
                row("var(txn.coraza.app) -m str sample_app", FULL, true),
                row("var(txn.coraza.error) -m int gt 0", FULL, false),
                row("str(42abc) -m int 42", FULL, true),
                row("str(abc) -m int 0", FULL, true),
                row("int(7) -m str 7", FULL, true),
                row("str(-12) -m int lt 0", FULL, true),
                row("src -m str 192.0.2.10", FULL, true),
                row("str(10.1.2.3) -m ip 10.0.0.0/8", FULL, true),
                row("str(not-an-ip) -m ip 0.0.0.0/0", FULL, false),
                row("str(hi) -m bin 6869", FULL, true),
                row("bin(6869) -m bin 6869", FULL, true),
                row("bin(6869) -m str hi", FULL, true),
                row("int(3) -m bool", FULL, true),
                row("int(0) -m bool", FULL, false),
                row("str(1) -m bool", FULL, true),
                row("ssl_fc", FULL, true),
                row("ssl_fc", BARE, false),
                row("always_false", FULL, false),
                row("str(abc) -m len 3", FULL, true),
                row("str(abc) -m found", FULL, true),
                // integers: default match for int fetches, operators stick to later values, ranges
                row("dst_port 443", FULL, true),
                row("dst_port 80 8080", FULL, false),
                row("dst_port eq 443", FULL, true),
                row("dst_port ge 443", FULL, true),
                row("dst_port gt 443", FULL, false),
                row("dst_port le 443", FULL, true),
                row("dst_port lt 443", FULL, false),
                row("dst_port lt 100 gt 442", FULL, true),
                row("dst_port 1:1024", FULL, true),
                row("dst_port 1024:", FULL, false),
                row("dst_port :443", FULL, true),
                row("src_port 50000:60000", FULL, true),
                row("status 403", RESP, true),
                row("status 400:499", RESP, true),
                row("status 200", FULL, false),
                row("res.hdr(set-cookie) -m beg a=", RESP, true),
                // IP: exact, CIDR, dotted masks, IPv6, v4-mapped and 6to4 cross matching
                row("src 192.0.2.10", FULL, true),
                row("src 192.0.2.0/24", FULL, true),
                row("src 192.0.2.0/255.255.255.0", FULL, true),
                row("src 192.0.3.0/24 10.0.0.0/8", FULL, false),
                row("src 0.0.0.0/0", FULL, true),
                // non-contiguous masks are accepted and checked linearly (pat_idx_tree_ip)
                row("src 0.0.2.10/0.255.255.255", FULL, true),
                row("src 0.0.3.10/0.255.255.255", FULL, false),
                row("src 10.0.0.0/8 0.0.2.10/0.0.255.255", FULL, true),
                // an IPv4 sample is also looked up as ::ffff:a.b.c.d among IPv6 networks
                row("src ::/0", FULL, true),
                row("src 2001:db8::/32", BARE, true),
                row("src 2001:db8::1", BARE, true),
                row("src 2001:db9::/32", BARE, false),
                row("src 192.0.2.0/24", BARE, false),
                row("src ::ffff:192.0.2.0/120", FULL, true),
                row("dst 10.0.0.1/32", FULL, true),
                row("ipv6(::ffff:192.0.2.10) -m ip 192.0.2.0/24", FULL, true),
                row("ipv6(2002:c000:020a::1) -m ip 192.0.2.10", FULL, true),
                row("ipv6(2003:c000:020a::1) -m ip 192.0.2.10", FULL, false),
                row("src -m ip 192.0.2.10", FULL, true),
                // flags: -- ends the flags so patterns may start with '-'
                row("str(-x) -- -x", FULL, true),
                row("str(-x) -m str -- -x", FULL, true),
                row("str(x) -n x", FULL, true),
                row("str(x) -u 7 x", FULL, true),
                row("str(x)", FULL, false),
                // converters in the criterion change the type-based default match
                row("req.hdr(host),lower app1.example.com", FULL, true),
                row("req.hdr(host),lower,length 16", FULL, true),
                row("hdr(host),field(1,.) -i app1", FULL, true),
                row("path,field(2,/) api", FULL, true),
                row("hdr(x-forwarded-for),ipmask(24) 203.0.113.0", FULL, true),
                // predefined ACL definitions compiled the same way
                row("url_reg ^[^/:]*://", FULL, false),
                row("req.len gt 0", FULL, true));
    }

    @TestFactory
    Stream<DynamicTest> matches() {
        return rows().map(row -> DynamicTest.dynamicTest(row[0] + " on " + label(row[1]), () -> {
            List<String> words = Arrays.asList(((String) row[0]).split(" "));
            Acl acl = C.acl("t", words);
            assertEquals(row[2], acl.matches((RequestAttributes) row[1]));
        }));
    }

    @org.junit.jupiter.api.Test
    void veryLongPrefixAndSuffixPatterns() {
        String longWord = "a".repeat(100_000);
        RequestAttributes r = SimpleRequestAttributes.builder().header("x", longWord + "b").build();
        assertEquals(true, C.acl("l", List.of("req.hdr(x)", "-m", "beg", longWord)).matches(r));
        assertEquals(false, C.acl("l", List.of("req.hdr(x)", "-m", "end", longWord)).matches(r));
        assertEquals(true, C.acl("l", List.of("req.hdr(x)", "-i", "-m", "end", "A" + longWord.substring(1) + "B")).matches(r));
        assertEquals(true, C.acl("l", List.of("req.hdr(x)", "-m", "beg", "x", "aa")).matches(r));
    }

    @org.junit.jupiter.api.Test
    void regexRecursionOnHugeInputIsANonMatchNotACrash() throws Exception {
        String huge = "ab".repeat(200_000);
        RequestAttributes r = SimpleRequestAttributes.builder().header("x", huge).build();
        Acl acl = C.acl("r", List.of("req.hdr(x)", "-m", "reg", "^(a|b)*$"));
        SampleExpression sub = C.sample("req.hdr(x),regsub('(a|b)*','x')");
        Object[] results = new Object[2];
        // a small, fixed stack makes java.util.regex overflow on this input whatever the JVM defaults
        Thread t = new Thread(null, () -> {
            results[0] = acl.matches(r);
            results[1] = sub.evaluate(r);
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertEquals(false, results[0]);
        assertEquals(null, results[1]);
    }

    private static String label(Object r) {
        return r == FULL ? "full" : r == BARE ? "bare" : "response";
    }
}

package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * if/unless conditions: implicit AND binds tighter than || / or, '!' negates one term (also
 * when glued to it), anonymous ACLs in braces, named ACLs from several lines ORed, HAProxy's
 * predefined ACLs.
 */
class ConditionTest {
    private static final AclCompiler C = AclCompiler.standard();
    private static final RequestAttributes FULL = Requests.full().build();
    private static final RequestAttributes BARE = Requests.bare();

    private static final Map<String, Acl> NAMED = Map.of(
            "is_post", C.acl("is_post", List.of("method", "POST")),
            "is_api", C.acl("is_api", List.of("path_beg", "/api/")),
            "is_v6", C.acl("is_v6", List.of("src", "2000::/3")),
            "never", C.acl("never", List.of("always_false")));

    private static List<String> words(String s) {
        return Arrays.asList(s.split(" "));
    }

    static Stream<Object[]> rows() {
        return Stream.of(
                new Object[] {"if is_post", FULL, true},
                new Object[] {"if is_post", BARE, false},
                new Object[] {"unless is_post", BARE, true},
                new Object[] {"if ! is_post", BARE, true},
                new Object[] {"if !is_post", FULL, false},
                new Object[] {"if !!is_post", FULL, true},
                new Object[] {"if is_post is_api", FULL, true},
                new Object[] {"if is_post never", FULL, false},
                new Object[] {"if never || is_post", FULL, true},
                new Object[] {"if never or is_post", FULL, true},
                new Object[] {"if is_post never || is_v6", FULL, false},
                new Object[] {"if is_post never || is_v6", BARE, true},
                new Object[] {"if never || never || is_api", FULL, true},
                new Object[] {"if { src 192.0.2.0/24 }", FULL, true},
                new Object[] {"if ! { src 192.0.2.0/24 }", FULL, false},
                new Object[] {"if !{ src 192.0.2.0/24 }", FULL, false},
                new Object[] {"if { hdr_beg(host) -i app1.example.com } || { hdr_beg(host) -i app2.example.com }", FULL, true},
                new Object[] {"if { hdr_beg(host) -i app2.example.com } || { hdr_beg(host) -i app3.example.com }", FULL, false},
                new Object[] {"if { var(txn.coraza.error) -m int gt 0 }", FULL, false},
                new Object[] {"unless { var(txn.coraza.error) -m int gt 0 }", FULL, true},
                new Object[] {"if is_api { dst_port 443 } !is_v6", FULL, true},
                new Object[] {"if TRUE", FULL, true},
                new Object[] {"if FALSE", FULL, false},
                new Object[] {"if METH_POST", FULL, true},
                new Object[] {"if METH_GET", BARE, true},
                new Object[] {"if HTTP_1.1", FULL, true},
                new Object[] {"if HTTP_2.0", BARE, true},
                new Object[] {"if HTTP_CONTENT", FULL, true},
                new Object[] {"if HTTP_CONTENT", BARE, false},
                new Object[] {"if HTTP_URL_SLASH", FULL, true},
                new Object[] {"if HTTP_URL_ABS", FULL, false},
                new Object[] {"if LOCALHOST", FULL, false},
                new Object[] {"if HTTP REQ_CONTENT", FULL, true});
    }

    @TestFactory
    Stream<DynamicTest> conditions() {
        return rows().map(row -> DynamicTest.dynamicTest(row[0] + (row[1] == FULL ? " on full" : " on bare"),
                () -> assertEquals(row[2], C.condition(words((String) row[0]), NAMED).test((RequestAttributes) row[1]))));
    }

    @Test
    void aclLinesWithTheSameNameAreOred() {
        Acl a = C.acl("static", List.of("path_beg", "/static/")).or(C.acl("static", List.of("path_end", ".css")));
        assertEquals("static", a.name());
        assertTrue(a.matches(SimpleRequestAttributes.builder().uri("/static/x").build()));
        assertTrue(a.matches(SimpleRequestAttributes.builder().uri("/x.css").build()));
        assertFalse(a.matches(SimpleRequestAttributes.builder().uri("/x.js").build()));
    }

    @Test
    void missingSampleNeverMatchesSoItsNegationHolds() {
        Condition c = C.condition(words("if ! { req.hdr(x-absent) foo }"), Map.of());
        assertTrue(c.test(FULL));
        assertFalse(C.condition(words("if { req.hdr(x-absent) foo }"), Map.of()).test(FULL));
    }

    @Test
    void namedAclShadowsPredefined() {
        Map<String, Acl> named = Map.of("TRUE", C.acl("TRUE", List.of("always_false")));
        assertFalse(C.condition(words("if TRUE"), named).test(FULL));
    }

    @Test
    void dependenciesPropagateToConditions() {
        Condition c = C.condition(words("if { status 200 } || { req.body -m found }"), Map.of());
        assertTrue(c.needsResponse());
        assertTrue(c.needsRequestBody());
        assertFalse(c.needsResponseBody());
        Condition d = C.condition(words("if is_post"), NAMED);
        assertFalse(d.needsResponse() || d.needsRequestBody() || d.needsResponseBody());
        Acl body = C.acl("b", List.of("res.body", "-m", "sub", "x"));
        assertTrue(body.needsResponseBody());
        assertTrue(body.needsResponse());
    }

    @Test
    void compiledObjectsAreSharedAcrossThreads() throws Exception {
        Condition c = C.condition(words("if { src 192.0.2.0/24 } { hdr(host) -i app1.example.com }"), Map.of());
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                boolean all = true;
                for (int k = 0; k < 2000; k++) {
                    all &= c.test(FULL) && !c.test(BARE);
                }
                ok[id] = all;
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (boolean b : ok) {
            assertTrue(b);
        }
    }
}

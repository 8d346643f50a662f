package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The args and conditions of the real agent configurations in agents-and-users.md §1.3 compile,
 * and yield the types each agent expects (S, I, IP, B, BO, N).
 */
class AgentConfigsTest {
    private static final AclCompiler C = AclCompiler.standard();

    private static Sample.Type typeOf(String expr, RequestAttributes r) {
        Sample s = C.sample(expr).evaluate(r);
        return s == null ? null : s.type();
    }

    @Test
    void corazaRequestAndResponse() {
        RequestAttributes req = Requests.full().build();
        String[][] args = {
            {"var(txn.coraza.app)", "STR"}, {"src", "IPV4"}, {"src_port", "INT"}, {"dst", "IPV4"}, {"dst_port", "INT"},
            {"method", "STR"}, {"path", "STR"}, {"query", "STR"}, {"req.ver", "STR"}, {"req.hdrs", "STR"},
            {"req.body", "BIN"}, {"bool(false)", "BOOL"},
        };
        for (String[] a : args) {
            assertEquals(Sample.Type.valueOf(a[1]), typeOf(a[0], req), a[0]);
        }
        RequestAttributes res = Requests.withResponse();
        for (String[] a : new String[][] {{"res.ver", "STR"}, {"status", "INT"}, {"res.hdrs", "STR"}, {"res.body", "BIN"}}) {
            assertEquals(Sample.Type.valueOf(a[1]), typeOf(a[0], res), a[0]);
            assertNull(typeOf(a[0], req), a[0] + " is missing during the request");
        }
        assertNull(typeOf("var(txn.coraza.id)", res));
    }

    @Test
    void crowdsecAndModsecurity() {
        RequestAttributes r = Requests.full().build();
        for (String e : List.of("unique-id", "url", "method", "path", "req.ver", "req.hdrs", "req.body")) {
            assertTrue(typeOf(e, r) == Sample.Type.STR || typeOf(e, r) == Sample.Type.BIN, e);
        }
        assertEquals(Sample.Type.BOOL, typeOf("ssl_fc", r));
        assertNull(typeOf("var(txn.crowdsec.remediation)", r));
        assertEquals(Sample.Type.BIN, typeOf("req.hdrs_bin", r));
        assertEquals(Sample.Type.INT, typeOf("req.body_size", r));
        assertNull(typeOf("query", Requests.bare()), "query without '?' is NULL");
        Condition deny = C.condition(words("if { var(txn.modsec.code) -m int gt 0 }"), Map.of());
        assertFalse(deny.test(r));
        RequestAttributes blocked = Requests.full().variable("txn.modsec.code", Sample.integer(403)).build();
        assertTrue(deny.test(blocked));
        Condition corazaFailClosed = C.condition(words("if { var(txn.coraza.error) -m int gt 0 }"), Map.of());
        assertTrue(corazaFailClosed.test(Requests.full().variable("txn.coraza.error", Sample.integer(1)).build()));
    }

    @Test
    void spoeAuthMessagesAndHostConditions() {
        RequestAttributes r = Requests.full().build();
        assertEquals(Sample.str("Bearer t0k3n"), C.sample("req.hdr(Authorization)").evaluate(r));
        assertEquals(Sample.str("users"), C.sample("str(users)").evaluate(r));
        assertEquals(Sample.bool(true), C.sample("ssl_fc").evaluate(r));
        assertEquals(Sample.str("App1.Example.com"), C.sample("req.hdr(Host)").evaluate(r));
        assertEquals(Sample.str("/api/v1/items?id=7&x=a%20b"), C.sample("pathq").evaluate(r));
        assertEquals(Sample.str("second"), C.sample("req.cook(authsession)").evaluate(r));
        assertNull(C.sample("var(req.oidc_client_id)").evaluate(r));
        Condition protectedHosts = C.condition(
                words("if { hdr_beg(host) -i app1.example.com } || { hdr_beg(host) -i app2.example.com }"), Map.of());
        assertTrue(protectedHosts.test(r));
        assertFalse(protectedHosts.test(Requests.bare()));
    }

    @Test
    void datadogAndMirror() {
        RequestAttributes r = Requests.withResponse();
        for (String e : List.of("src", "src_port", "method", "pathq", "req.hdrs_bin", "ssl_fc", "req.body", "res.hdrs_bin",
                "status", "res.body", "var(sess.span_id)", "url", "req.ver")) {
            assertTrue(C.sample(e).evaluate(r) != null, e);
        }
        assertNull(C.sample("var(txn.timeout)").evaluate(r));
    }

    @Test
    void fireholReputationCondition() {
        Map<String, Acl> named = Map.of("ip_unknown", C.acl("ip_unknown", words("var(sess.iprep.ip_bad) -m found")));
        // sc-set-gpt0 ... if ip_unknown { var(sess.iprep.ip_bad) -m int eq 1 } (ip_unknown: no cached decision)
        Condition c = C.condition(words("if !ip_unknown || { var(sess.iprep.ip_bad) -m int eq 1 }"), named);
        assertTrue(c.test(Requests.full().variable("sess.iprep.ip_bad", Sample.bool(true)).build()));
        assertFalse(c.test(Requests.full().variable("sess.iprep.ip_bad", Sample.bool(false)).build()));
        assertTrue(c.test(Requests.full().build()));
    }

    private static List<String> words(String s) {
        return Arrays.asList(s.split(" "));
    }
}

package io.spoe4j.config;

import static io.spoe4j.config.Configs.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SimpleRequestAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SpoeConfigReader#parseRule}: one rule written in Java as haproxy.cfg text. */
class ParseRuleTest {
    private static final SpoeConfigReader READER = SpoeConfigReader.standard();

    @Test
    void parsesTheRulesOfEachKind() {
        HttpActionRule deny = (HttpActionRule) READER.parseRule(
                "http-request deny deny_status 403 if { var(txn.coraza.action) -m str deny }");
        assertEquals("<java>", deny.proxy());
        assertEquals(RuleDirection.HTTP_REQUEST, deny.direction());
        assertEquals(403, ((HttpAction.Deny) deny.action()).reply().status());
        assertEquals(new Origin("<java>", 1, 14), deny.origin());
        assertTrue(deny.condition().orElseThrow().test(SimpleRequestAttributes.builder()
                .variable("txn.coraza.action", new Sample.Str("deny")).build()));

        HttpActionRule header = (HttpActionRule) READER.parseRule("http-response set-header X %[var(txn.a)]");
        assertEquals(RuleDirection.HTTP_RESPONSE, header.direction());
        assertEquals("va", ((HttpAction.SetHeader) header.action()).value().evaluate(SimpleRequestAttributes.builder()
                .variable("txn.a", new Sample.Str("va")).build()));

        UseBackendRule b2 = (UseBackendRule) READER.parseRule("use_backend b2 if { path_beg /x }");
        assertEquals("b2", b2.name().text());
        assertTrue(b2.condition().orElseThrow().test(SimpleRequestAttributes.builder().uri("/x/y").build()));

        SetVarRule var = (SetVarRule) READER.parseRule("http-after-response set-var(txn.s) status");
        assertEquals("txn.s", var.variable());
        assertEquals("group", ((SendSpoeGroupRule) READER.parseRule("http-request send-spoe-group eng group")).group());
        HttpActionRule quoted = (HttpActionRule) READER.parseRule(
                "http-request return status 429 content-type text/plain string \"slow down\\n\" hdr retry-after 10");
        assertEquals("slow down\n", new String(((HttpAction.Payload.Constant) ((HttpAction.Return) quoted.action())
                .reply().payload()).body()));
        assertEquals(new HttpAction.TcpContent(true), ((HttpActionRule) READER.parseRule("tcp-request content accept"))
                .action());
    }

    @Test
    void namedAcls() throws Exception {
        Acl internal = AclCompiler.standard().acl("internal", List.of("src", "10.0.0.0/8"));
        HttpActionRule r = (HttpActionRule) READER.parseRule("http-request deny unless internal",
                Map.of("internal", internal));
        assertTrue(r.condition().orElseThrow().test(SimpleRequestAttributes.builder()
                .client(java.net.InetAddress.getByName("192.0.2.1"), 1).build()), "not internal: denied");
        assertFalse(r.condition().orElseThrow().test(SimpleRequestAttributes.builder()
                .client(java.net.InetAddress.getByName("10.1.2.3"), 1).build()));
    }

    @Test
    void errorsCarryTheColumnAndACaret() {
        SpoeConfigException e = fails(() -> READER.parseRule("http-request deny deny_status 99"));
        ConfigError err = e.errors().get(0);
        assertEquals(new Origin("<java>", 1, 31), err.origin());
        assertEquals("error detected in proxy '<java>' while parsing 'http-request deny' rule : Unexpected status code"
                + " '99'.", err.message());
        assertEquals("<java>:1:31: error detected in proxy '<java>' while parsing 'http-request deny' rule : Unexpected"
                + " status code '99'.\nhttp-request deny deny_status 99\n" + " ".repeat(30) + "^", e.getMessage());

        assertEquals("<java>:1:14: 'http-request set-log-level' rule is not applied by spoe4j; ignored.",
                fails(() -> READER.parseRule("http-request set-log-level silent")).getMessage().lines().findFirst()
                        .orElseThrow(), "what a file only warns about is an error here");
        assertTrue(fails(() -> READER.parseRule("http-request deny if internal")).getMessage()
                .contains("unknown ACL 'internal'"));
        assertTrue(fails(() -> READER.parseRule("frontend fe")).getMessage()
                .startsWith("<java>:1:1: expected a rule starting with http-request"));
        assertTrue(fails(() -> READER.parseRule("")).getMessage().startsWith("<java>:1:1: expected a rule"));
        assertTrue(fails(() -> READER.parseRule("http-request set-header x \"y")).getMessage()
                .startsWith("<java>:1:27: unmatched double quote"));
        assertTrue(fails(() -> READER.parseRule("http-request set-var(txn.x) res.hdr(y)")).getMessage()
                .contains("reads response data"));
        assertTrue(fails(() -> READER.parseRule("http-request deny hdr x y default-errorfiles")).getMessage()
                .contains("hdr parameters ignored by the http reply when used with an errorfile."));
    }
}

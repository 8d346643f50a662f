package io.spoe4j.config;

import static io.spoe4j.config.Configs.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SimpleRequestAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code set-var} and {@code unset-var} rules of a haproxy.cfg, in file order with the send-spoe-group rules. */
class SetVarRulesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeSpoeConf() throws Exception {
        Files.writeString(dir.resolve("sv.conf"), """
                [sv]
                spoe-agent sv-agent
                    groups g
                    option var-prefix sv
                    use-backend agents
                spoe-message m
                    args id=var(req.oidc_client_id) p=var(txn.path)
                spoe-group g
                    messages m
                """);
    }

    private SpoeSetup read(String frontendRules) throws Exception {
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, "frontend fe\n    filter spoe engine sv config sv.conf\n    acl api path_beg /api\n"
                + frontendRules + "backend agents\n    mode tcp\n    server a 127.0.0.1:1\n");
        return SpoeConfigReader.standard().readHaproxyCfg(file);
    }

    private static List<String> errors(SpoeConfigException e) {
        return e.errors().stream().map(x -> x.origin().line() + ":" + x.origin().column() + ":" + x.message()).toList();
    }

    @Test
    void setAndUnsetRulesKeepTheirOrderAmongTheSendSpoeGroupRules() throws Exception {
        SpoeSetup s = read("""
                    tcp-request content set-var(sess.tcp) int(7)
                    http-request set-var(req.oidc_client_id) str(myclient)
                    http-request set-var(txn.path) path if { path_beg /api }
                    http-request send-spoe-group sv g
                    http-request unset-var(txn.path) unless api
                    http-response set-var(res.st) status
                    http-response set-var(txn.a.b_c) res.hdr(x-up),lower
                    http-request set-var-fmt(txn.f) %[path]
                """);
        List<ProxyRule> rules = s.proxyRules();
        assertEquals(List.of("SetVarRule sess.tcp", "SetVarRule req.oidc_client_id", "SetVarRule txn.path",
                "SendSpoeGroupRule g", "SetVarRule txn.path", "SetVarRule res.st", "SetVarRule txn.a.b_c",
                "HttpActionRule txn.f"),
                rules.stream().map(r -> r.getClass().getSimpleName() + " " + (r instanceof SetVarRule v ? v.variable()
                        : r instanceof HttpActionRule a ? ((HttpAction.SetVarFmt) a.action()).variable()
                        : ((SendSpoeGroupRule) r).group())).toList());
        assertEquals(List.of(RuleDirection.TCP_REQUEST_CONTENT, RuleDirection.HTTP_REQUEST, RuleDirection.HTTP_REQUEST,
                RuleDirection.HTTP_REQUEST, RuleDirection.HTTP_REQUEST, RuleDirection.HTTP_RESPONSE,
                RuleDirection.HTTP_RESPONSE, RuleDirection.HTTP_REQUEST), rules.stream().map(ProxyRule::direction).toList());
        assertEquals(1, s.rules().size(), "rules() keeps only the send-spoe-group rules");
        assertEquals(rules, s.proxyRules("fe"));
        assertEquals(List.of(), s.proxyRules("other"));

        SimpleRequestAttributes api = SimpleRequestAttributes.builder().method("GET").uri("/api/x").build();
        SimpleRequestAttributes web = SimpleRequestAttributes.builder().method("GET").uri("/web").build();
        SetVarRule client = (SetVarRule) rules.get(1);
        assertEquals(new Sample.Str("myclient"), client.expression().orElseThrow().evaluate(api));
        assertTrue(client.condition().isEmpty());
        assertFalse(client.isUnset());
        SetVarRule path = (SetVarRule) rules.get(2);
        assertEquals(new Sample.Str("/api/x"), path.expression().orElseThrow().evaluate(api));
        assertTrue(path.condition().orElseThrow().test(api));
        assertFalse(path.condition().orElseThrow().test(web));
        SetVarRule unset = (SetVarRule) rules.get(4);
        assertTrue(unset.isUnset());
        assertTrue(unset.condition().orElseThrow().test(web), "unless api, with the frontend's named ACL");
        assertFalse(unset.condition().orElseThrow().test(api));
        assertEquals(new Origin(dir.resolve("haproxy.cfg").toString(), 6, 18), path.origin());
        assertEquals(Sample.integer(7), ((SetVarRule) rules.get(0)).expression().orElseThrow().evaluate(api));
        HttpAction.SetVarFmt fmt = (HttpAction.SetVarFmt) ((HttpActionRule) rules.get(7)).action();
        assertEquals("/api/x", fmt.format().evaluate(api), "set-var-fmt is applied now");
    }

    @Test
    void badRulesAreErrorsWithFileLineAndColumn() throws Exception {
        SpoeConfigException e = fails(() -> read("""
                    http-request set-var(foo) str(a)
                    http-request set-var(txn.x str(a)
                    http-request set-var(txn.) str(a)
                    http-request set-var(txn.a-b) str(a)
                    http-request set-var(txn.x,ifnotexists) str(a)
                    http-request set-var(txn.x)
                    http-request set-var(txn.x) if { path_beg /a }
                    http-request set-var(txn.x) nosuchfetch
                    http-request set-var(txn.x) str(a) when x
                    http-request unset-var(txn.x) str(a)
                    http-request set-var(txn.x) str(a) if { nosuch -m found }
                """));
        List<String> m = errors(e);
        assertEquals(11, m.size(), m.toString());
        assertEquals("4:26:'http-request set-var': invalid variable name 'foo'. Only 'proc', 'sess', 'txn', 'req' and "
                + "'res' scopes are available.", m.get(0));
        assertEquals("5:18:'http-request set-var': missing ')' after the variable name in 'set-var(txn.x'.", m.get(1));
        assertEquals("6:26:'http-request set-var': missing variable name after 'txn.'.", m.get(2));
        assertEquals("7:31:'http-request set-var': invalid character '-' in variable name 'txn.a-b' (expected letters,"
                + " digits, '_' or '.').", m.get(3));
        assertEquals("8:31:'http-request set-var': set-var conditions ('ifnotexists') are not supported by spoe4j.",
                m.get(4));
        assertEquals("9:18:'http-request set-var': expects a sample expression after 'set-var(txn.x)'.", m.get(5));
        assertEquals("10:18:'http-request set-var': expects a sample expression after 'set-var(txn.x)'.", m.get(6));
        assertTrue(m.get(7).startsWith("11:33:'http-request set-var': "), m.get(7));
        assertEquals("12:40:'http-request set-var' expects 'if' or 'unless' after the expression, found 'when'.",
                m.get(8));
        assertEquals("13:35:'http-request unset-var' expects 'if' or 'unless' after the variable, found 'str(a)'.",
                m.get(9));
        assertEquals("14:45:error detected while parsing a 'http-request set-var' condition : unknown fetch 'nosuch'.",
                m.get(10));
        assertEquals("    http-request set-var(foo) str(a)", e.errors().get(0).sourceLine());
    }

    @Test
    void requestRulesReadingTheResponseAreErrorsResponseRulesMayReadIt() throws Exception {
        SpoeConfigException e = fails(() -> read("""
                    http-request set-var(txn.x) res.hdr(x-up)
                    http-request unset-var(req.y) if { status 200 }
                    tcp-request content set-var(txn.z) status
                    http-response set-var(txn.ok) res.hdr(x-up) if { status 200 }
                """));
        assertEquals(List.of(
                "4:18:'http-request set-var(txn.x)': the expression 'res.hdr(x-up)' reads response data, which is not"
                        + " available here",
                "5:18:the condition of this 'http-request unset-var(req.y)' rule reads response data, which is not"
                        + " available here",
                "6:25:'tcp-request content set-var(txn.z)': the expression 'status' reads response data, which is not"
                        + " available here"), errors(e));
        assertEquals("    http-request set-var(txn.x) res.hdr(x-up)", e.errors().get(0).sourceLine());
    }

    @Test
    void setVarInAnAnonymousDefaultsSectionIsAnErrorInANamedOneAWarning() throws Exception {
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, "defaults\n    http-request set-var(txn.x) str(a)\n");
        SpoeConfigException e = fails(() -> SpoeConfigReader.standard().readHaproxyCfg(file));
        assertEquals(List.of("2:5:'http-request' not allowed in anonymous 'defaults' section."), errors(e));
        Files.writeString(file, "defaults base\n    http-request set-var(txn.x) str(a)\n");
        SpoeSetup s = SpoeConfigReader.standard().readHaproxyCfg(file);
        assertEquals(List.of(), s.proxyRules());
        assertEquals("'http-request' rules of defaults section 'base' are not applied by spoe4j; ignored.",
                s.warnings().get(0).message());
    }
}

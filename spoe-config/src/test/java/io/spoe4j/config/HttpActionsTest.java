package io.spoe4j.config;

import static io.spoe4j.config.Configs.readCfg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.config.HttpAction.Payload;
import io.spoe4j.config.HttpAction.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each HTTP action of a haproxy.cfg, parsed with its arguments into the model (checked against HAProxy 2.6.12). */
class HttpActionsTest {
    @TempDir
    Path dir;

    private static final SimpleRequestAttributes TX = SimpleRequestAttributes.builder().method("GET").uri("/api/x?a=1")
            .header("host", "example.com").variable("txn.coraza.action", new Sample.Str("deny"))
            .variable("txn.coraza.data", new Sample.Str("https://example.com/blocked"))
            .variable("txn.a", new Sample.Str("va")).build();

    private List<ProxyRule> rules(String... lines) {
        StringBuilder cfg = new StringBuilder("defaults\n    mode http\n    timeout connect 1s\nfrontend fe\n"
                + "    bind :80\n    acl api path_beg /api\n");
        for (String l : lines) {
            cfg.append("    ").append(l).append('\n');
        }
        cfg.append("backend be\n    server s1 127.0.0.1:8080\n");
        return readCfg(dir, cfg.toString()).proxyRules("fe");
    }

    private HttpActionRule rule(String line) {
        List<ProxyRule> r = rules(line);
        assertEquals(1, r.size(), r.toString());
        return (HttpActionRule) r.get(0);
    }

    private HttpAction action(String line) {
        return rule(line).action();
    }

    private static String body(Payload p) {
        return new String(((Payload.Constant) p).body(), StandardCharsets.UTF_8);
    }

    @Test
    void denyLegacyFormsAnswerTheErrorPage() {
        assertEquals(new Reply(403, Optional.empty(), new Payload.Default(), List.of()),
                ((HttpAction.Deny) action("http-request deny")).reply());
        assertEquals(new Reply(429, Optional.empty(), new Payload.Default(), List.of()),
                ((HttpAction.Deny) action("http-request deny deny_status 429 if api")).reply());
        assertEquals(502, ((HttpAction.Deny) action("http-response deny")).reply().status(), "http-response default");
        assertEquals(new Reply(500, Optional.empty(), new Payload.Default(), List.of()),
                ((HttpAction.Tarpit) action("http-request tarpit")).reply());
        assertTrue(action("http-request tarpit").isFinal());
    }

    @Test
    void corazaDenyWithAHeaderIsAnEmptyReplyWithTheHeader() {
        HttpActionRule r = rule("http-request deny deny_status 403 hdr waf-block \"request\" if { var(txn.coraza.action)"
                + " -m str deny }");
        Reply reply = ((HttpAction.Deny) r.action()).reply();
        assertEquals(403, reply.status());
        assertEquals(new Payload.Empty(), reply.payload(), "HAProxy 2.6 builds an empty reply, not the error page");
        assertEquals("waf-block", reply.headers().get(0).name());
        assertEquals("request", reply.headers().get(0).value().evaluate(TX));
        assertTrue(r.condition().orElseThrow().test(TX));
        assertEquals(RuleDirection.HTTP_REQUEST, r.direction());
        assertEquals("fe", r.proxy());
        assertEquals(new Origin(dir.resolve("haproxy.cfg").toString(), 7, 18), r.origin());
    }

    @Test
    void returnWithEveryPayload() throws Exception {
        Files.writeString(dir.resolve("page.html"), "<h1>blocked</h1>");
        Files.writeString(dir.resolve("page.lf"), "id=%[var(txn.a)]");
        Files.writeString(dir.resolve("e403.http"), "HTTP/1.1 403 Forbidden\r\ncontent-length: 2\r\n\r\nno");
        Reply empty = ((HttpAction.Return) action("http-request return")).reply();
        assertEquals(new Reply(200, Optional.empty(), new Payload.Empty(), List.of()), empty);
        Reply s = ((HttpAction.Return) action("http-request return status 404 content-type text/plain string \"not here\""
                + " hdr x-a %[var(txn.a)] hdr x-b b")).reply();
        assertEquals(404, s.status());
        assertEquals(Optional.of("text/plain"), s.contentType());
        assertEquals("not here", body(s.payload()));
        assertEquals(List.of("x-a", "x-b"), s.headers().stream().map(HttpAction.HeaderFormat::name).toList());
        assertEquals("va", s.headers().get(0).value().evaluate(TX));
        Reply lf = ((HttpAction.Return) action("http-request return content-type text/plain lf-string"
                + " \"path=%[path]\"")).reply();
        assertEquals("path=/api/x", ((Payload.Format) lf.payload()).body().evaluate(TX));
        Reply file = ((HttpAction.Return) action("http-request return content-type text/html file page.html")).reply();
        assertEquals("<h1>blocked</h1>", body(file.payload()));
        Reply lfFile = ((HttpAction.Return) action("http-request return content-type text/plain lf-file page.lf")).reply();
        assertEquals("id=va", ((Payload.Format) lfFile.payload()).body().evaluate(TX));
        Reply ef = ((HttpAction.Deny) action("http-request deny errorfile e403.http")).reply();
        Payload.Errorfile errorfile = (Payload.Errorfile) ef.payload();
        assertEquals("e403.http", errorfile.file());
        assertArrayEquals("HTTP/1.1 403 Forbidden\r\ncontent-length: 2\r\n\r\nno".getBytes(StandardCharsets.UTF_8),
                errorfile.response());
        assertEquals(new Payload.Default(), ((HttpAction.Return) action("http-request return status 503"
                + " default-errorfiles")).reply().payload());
        assertEquals(new Payload.Empty(), ((HttpAction.Return) action("http-request return status 418")).reply().payload(),
                "any status 200-599 without a payload");
        Reply denyBody = ((HttpAction.Deny) action("http-request deny status 451 content-type text/plain string x")).reply();
        assertEquals(451, denyBody.status(), "deny takes every reply argument once one is not deny_status");
        Reply resp = ((HttpAction.Return) action("http-response return status 200 content-type text/plain lf-string"
                + " %[res.hdr(x)]")).reply();
        assertInstanceOf(Payload.Format.class, resp.payload(), "response-side formats may read the response");
    }

    @Test
    void redirect() {
        HttpActionRule r = rule("http-request redirect code 302 location %[var(txn.coraza.data)] if"
                + " { var(txn.coraza.action) -m str redirect }");
        HttpAction.Redirect red = (HttpAction.Redirect) r.action();
        assertEquals(HttpAction.RedirectType.LOCATION, red.type());
        assertEquals("https://example.com/blocked", red.target().evaluate(TX));
        assertEquals(302, red.code());
        assertFalse(red.dropQuery() || red.appendSlash() || red.ignoreEmpty());
        assertFalse(r.condition().orElseThrow().test(TX));
        HttpAction.Redirect all = (HttpAction.Redirect) action("http-request redirect prefix /new code 301 drop-query"
                + " append-slash set-cookie SEEN=1 clear-cookie OLD ignore-empty");
        assertEquals(new HttpAction.Redirect(HttpAction.RedirectType.PREFIX, all.target(), 301, true, true,
                Optional.empty(), Optional.of("OLD"), true), all, "the last cookie argument wins");
        HttpAction.Redirect scheme = (HttpAction.Redirect) action("http-request redirect scheme https code 308"
                + " set-cookie A=b");
        assertEquals(HttpAction.RedirectType.SCHEME, scheme.type());
        assertEquals(Optional.of("A=b"), scheme.setCookie());
        assertEquals(308, scheme.code());
        assertEquals(302, ((HttpAction.Redirect) action("http-response redirect location /x")).code());
        assertEquals("/b", ((HttpAction.Redirect) action("http-request redirect location /a location /b")).target()
                .evaluate(TX), "a later location wins, as in HAProxy");
    }

    @Test
    void headerActions() {
        HttpAction.SetHeader set = (HttpAction.SetHeader) action("http-request set-header X-Crowdsec-Remediation"
                + " %[var(txn.a)]");
        assertEquals("X-Crowdsec-Remediation", set.name());
        assertEquals("va", set.value().evaluate(TX));
        assertFalse(set.add());
        assertTrue(((HttpAction.SetHeader) action("http-request add-header X-A b")).add());
        assertEquals(new HttpAction.DelHeader("X-Forwarded-For", HttpAction.NameMatch.STR, Optional.empty()),
                action("http-request del-header X-Forwarded-For"));
        assertEquals(HttpAction.NameMatch.BEG, ((HttpAction.DelHeader) action("http-request del-header x-dd- -m beg")).match());
        HttpAction.DelHeader reg = (HttpAction.DelHeader) action("http-request del-header ^x-(a|b)$ -m reg");
        assertEquals(HttpAction.NameMatch.REG, reg.match());
        assertTrue(reg.regex().orElseThrow().matcher("x-a").matches());
        HttpAction.ReplaceHeader rh = (HttpAction.ReplaceHeader) action("http-request replace-header Cookie"
                + " (.*)secret=[^;]*(.*) \\1\\2");
        assertFalse(rh.eachValue());
        assertEquals("Cookie", rh.name());
        assertEquals("(.*)secret=[^;]*(.*)", rh.regex().pattern());
        assertEquals("\\1\\2", rh.replacement().text());
        assertTrue(((HttpAction.ReplaceHeader) action("http-response replace-value Cache-Control ^private$ public"))
                .eachValue());
        assertEquals(RuleDirection.HTTP_AFTER_RESPONSE, rule("http-after-response set-header Set-Cookie"
                + " %[var(txn.a)]").direction());
        assertEquals("del-header", rule("http-after-response del-header Server").action().keyword());
    }

    @Test
    void requestLineRewrites() {
        for (HttpAction.RequestLinePart part : HttpAction.RequestLinePart.values()) {
            HttpAction.SetRequestLine a = (HttpAction.SetRequestLine) action("http-request " + part.keyword()
                    + " /v2%[path] if api");
            assertEquals(part, a.part());
            assertEquals("/v2/api/x", a.value().evaluate(TX));
        }
    }

    @Test
    void variablesAndStatus() {
        HttpAction.SetVarFmt who = (HttpAction.SetVarFmt) action("http-request set-var-fmt(txn.who) %[req.hdr(host)]");
        assertEquals("txn.who", who.variable());
        assertEquals("example.com", who.format().evaluate(TX));
        assertEquals("", ((HttpAction.SetVarFmt) action("http-request set-var-fmt(txn.empty) if api")).format()
                .evaluate(TX), "HAProxy accepts a set-var-fmt without a format");
        assertEquals(RuleDirection.HTTP_RESPONSE, rule("http-response set-var-fmt(txn.s) %[status]").direction());
        assertEquals(new HttpAction.SetStatus(401, Optional.empty()), action("http-response set-status 401"));
        assertEquals(new HttpAction.SetStatus(503, Optional.of("Try later")),
                action("http-after-response set-status 503 reason \"Try later\""));
        List<ProxyRule> vars = rules("http-after-response set-var(txn.a) str(x)", "http-after-response unset-var(txn.a)",
                "tcp-request content set-var-fmt(sess.t) %[src]");
        assertEquals(List.of(RuleDirection.HTTP_AFTER_RESPONSE, RuleDirection.HTTP_AFTER_RESPONSE,
                RuleDirection.TCP_REQUEST_CONTENT), vars.stream().map(ProxyRule::direction).toList());
        assertInstanceOf(SetVarRule.class, vars.get(0));
    }

    @Test
    void dropWaitLuaAndTcp() {
        HttpActionRule drop = rule("http-request silent-drop if { var(txn.coraza.action) -m str drop }");
        assertEquals(new HttpAction.SilentDrop(), drop.action());
        assertTrue(drop.action().isFinal());
        assertEquals(new HttpAction.SilentDrop(), action("http-response silent-drop"));
        assertEquals(new HttpAction.WaitForBody(Duration.ofSeconds(20), 100 * 1024),
                action("http-request wait-for-body time 20s at-least 100k"));
        assertEquals(new HttpAction.WaitForBody(Duration.ofMillis(1500), 0), action("http-request wait-for-body time 1500"));
        assertEquals(new HttpAction.WaitForBody(Duration.ofSeconds(1), 3L << 30),
                action("http-response wait-for-body time 1s at-least 3g"));
        assertEquals(new HttpAction.Lua("crowdsec_handle", List.of()),
                action("http-request lua.crowdsec_handle if { var(txn.crowdsec.remediation) -m found }"));
        assertEquals(new HttpAction.Lua("f", List.of("a", "b c")), action("http-response lua.f a \"b c\" if api"));
        HttpActionRule reject = rule("tcp-request content reject if { src 192.0.2.1 }");
        assertEquals(new HttpAction.TcpContent(false), reject.action());
        assertEquals(RuleDirection.TCP_REQUEST_CONTENT, reject.direction());
        assertEquals("accept", action("tcp-request content accept").keyword());
        assertEquals(new HttpAction.SilentDrop(), action("tcp-request content silent-drop"));
    }

    @Test
    void useBackendAndDefaultBackend() {
        List<ProxyRule> r = rules("use_backend be if ! { var(sess.auth.is_authenticated) -m bool }",
                "use_backend be_%[req.hdr(host)] if api", "default_backend be");
        UseBackendRule first = (UseBackendRule) r.get(0);
        assertEquals("be", first.name().text());
        assertFalse(first.isDefault());
        assertTrue(first.condition().orElseThrow().test(TX), "not authenticated");
        assertEquals("be_example.com", ((UseBackendRule) r.get(1)).name().evaluate(TX));
        UseBackendRule def = (UseBackendRule) r.get(2);
        assertTrue(def.isDefault());
        assertEquals(Optional.empty(), def.condition());
        assertEquals("be", def.name().evaluate(TX));
        assertEquals(RuleDirection.HTTP_REQUEST, def.direction());
    }

    @Test
    void rulesKeepFileOrderAcrossKinds() {
        List<ProxyRule> r = rules("http-request set-var(txn.x) str(a)", "http-request deny if api",
                "http-response set-header a b", "use_backend be if api", "http-request set-header b c");
        assertEquals(List.of("SetVarRule", "HttpActionRule", "HttpActionRule", "UseBackendRule", "HttpActionRule"),
                r.stream().map(x -> x.getClass().getSimpleName()).toList());
    }
}

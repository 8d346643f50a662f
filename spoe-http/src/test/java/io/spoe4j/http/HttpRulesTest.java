package io.spoe4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SimpleRequestAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule engine without SPOE engines: each action, the order of rule sets and final actions. */
class HttpRulesTest {

    static SimpleRequestAttributes.Builder request(String method, String uri) {
        return SimpleRequestAttributes.builder().method(method).uri(uri).httpVersion("1.1").header("host", "example.com");
    }

    static HttpRules rules(String... lines) {
        HttpRules.Builder b = HttpRules.builder();
        for (String l : lines) {
            b.rule(l);
        }
        return b.build();
    }

    static Decision request(HttpRules rules, HttpTransaction txn) {
        return txn.request(Runnable::run).toCompletableFuture().getNow(null);
    }

    /** Replays edits onto a list, as an adapter does onto its own headers. */
    static List<String> replay(HttpTransaction txn, List<String> start, boolean response) {
        List<String> out = new ArrayList<>(start);
        HeaderEditor e = new HeaderEditor() {
            @Override
            public void remove(String name) {
                out.removeIf(h -> h.substring(0, h.indexOf(':')).equalsIgnoreCase(name));
            }

            @Override
            public void add(String name, String value) {
                out.add(name + ": " + value);
            }
        };
        if (response) {
            txn.applyResponseEdits(e);
        } else {
            txn.applyRequestEdits(e);
        }
        return out;
    }

    @Test
    void denyWhenAVariableSaysSo() {
        HttpRules rules = rules("http-request set-var(txn.waf.action) str(deny) if { path_beg /admin }",
                "http-request deny deny_status 403 hdr waf-block request if { var(txn.waf.action) -m str deny }");
        Decision.Respond denied = assertInstanceOf(Decision.Respond.class,
                request(rules, rules.newTransaction(List.of(), request("GET", "/admin/x").build(), true)));
        assertEquals(403, denied.reply().status());
        assertEquals("request", denied.reply().header("waf-block"));
        assertEquals(Duration.ZERO, denied.delay());
        Decision ok = request(rules, rules.newTransaction(List.of(), request("GET", "/public").build(), true));
        assertEquals(Decision.Forward.none(), ok);
    }

    @Test
    void theFirstFinalActionStopsTheRuleSet() {
        HttpRules rules = rules("http-request return status 200 content-type text/plain string first",
                "http-request deny");
        Decision.Respond r = assertInstanceOf(Decision.Respond.class,
                request(rules, rules.newTransaction(List.of(), request("GET", "/").build(), true)));
        assertEquals(200, r.reply().status());
        assertEquals("first", r.reply().bodyText());
        assertEquals("text/plain", r.reply().header("content-type"));
    }

    @Test
    void headerRewritesAreSeenByLaterRulesAndReplayedInOrder() {
        HttpRules rules = rules("http-request set-header X-A %[path]",
                "http-request add-header X-B one",
                "http-request add-header X-B two",
                "http-request set-header X-Copy %[req.hdr(x-a)]",
                "http-request del-header x-drop",
                "http-request del-header x-pre -m beg",
                "http-request replace-header X-R (.*)-old \\1-new",
                "http-request replace-value X-V ^a(.*) b\\1");
        RequestAttributes base = request("GET", "/p?q=1").header("x-drop", "1").header("x-prefixed", "2")
                .header("x-r", "v-old").header("x-v", "a1, a2").build();
        HttpTransaction txn = rules.newTransaction(List.of(), base, true);
        assertEquals(Decision.Forward.none(), request(rules, txn));
        List<String> headers = replay(txn, List.of("host: example.com", "x-drop: 1", "x-prefixed: 2", "x-r: v-old",
                "x-v: a1, a2"), false);
        assertEquals(List.of("host: example.com", "X-A: /p", "X-B: one", "X-B: two", "X-Copy: /p", "X-R: v-new",
                "X-V: b1, b2"), headers);
        assertTrue(txn.attributes().requestHeaders().contains(new HttpHeader("X-Copy", "/p")));
    }

    /**
     * replace-header and replace-value edit the headers where they are; replace-value keeps the
     * separators and blanks around each value and does not split inside quotes (HAProxy 2.6, found
     * by the actions conformance suite).
     */
    @Test
    void replaceHeaderAndValueKeepPlaceAndSeparators() {
        HttpRules rules = rules("http-request replace-value x-list ^a(.*)$ b\\1",
                "http-request replace-header x-r ^(\\w+)-(\\w+)$ \\2-\\1");
        RequestAttributes base = request("GET", "/").header("x-list", "a1, c2,a3").header("x-r", "foo-bar")
                .header("x-other", "o").header("x-list", " a4 ,\"a5,a6\"").header("x-r", "no match").build();
        HttpTransaction txn = rules.newTransaction(List.of(), base, true);
        assertEquals(Decision.Forward.none(), request(rules, txn));
        List<String> out = new ArrayList<>(List.of("host: example.com", "x-list: a1, c2,a3", "x-r: foo-bar", "x-other: o",
                "x-list:  a4 ,\"a5,a6\"", "x-r: no match"));
        txn.applyRequestEdits(new HeaderEditor() {
            @Override
            public void remove(String name) {
                throw new AssertionError("no removal expected");
            }

            @Override
            public void add(String name, String value) {
                throw new AssertionError("no addition expected");
            }

            @Override
            public void replace(String name, List<String> values) {
                int i = 0;
                for (int j = 0; j < out.size(); j++) {
                    if (out.get(j).startsWith(name + ":")) {
                        out.set(j, name + ": " + values.get(i++));
                    }
                }
            }
        });
        assertEquals(List.of("host: example.com", "x-list: b1, c2,b3", "x-r: bar-foo", "x-other: o",
                "x-list:  b4 ,\"a5,a6\"", "x-r: no match"), out);
        assertEquals(List.of(new HttpHeader("host", "example.com"), new HttpHeader("x-list", "b1, c2,b3"),
                new HttpHeader("x-r", "bar-foo"), new HttpHeader("x-other", "o"), new HttpHeader("x-list", " b4 ,\"a5,a6\""),
                new HttpHeader("x-r", "no match")), txn.attributes().requestHeaders(), "later rules see them in place");
    }

    @Test
    void requestLineRewrites() {
        HttpRules rules = rules("http-request set-method POST", "http-request set-path /new%[path]",
                "http-request set-query a=%[url_param(q)]");
        HttpTransaction txn = rules.newTransaction(List.of(), request("GET", "/old?q=7").build(), true);
        request(rules, txn);
        assertEquals(Optional.of("POST"), txn.editedMethod());
        assertEquals(Optional.of("/new/old?a=7"), txn.editedUri());
        assertEquals("/new/old?a=7", txn.attributes().uri());
        HttpRules uri = rules("http-request set-uri /x?y", "http-request set-pathq /z");
        HttpTransaction t2 = uri.newTransaction(List.of(), request("GET", "/a").build(), true);
        request(uri, t2);
        assertEquals(Optional.of("/z"), t2.editedUri());
    }

    @Test
    void setVarFmtAndReturnWithLogFormatBody() {
        HttpRules rules = rules("http-request set-var-fmt(txn.who) user-%[req.hdr(x-user)]",
                "http-request return status 429 content-type text/plain lf-string \"slow down %[var(txn.who)]\" "
                        + "hdr retry-after 10");
        HttpTransaction txn = rules.newTransaction(List.of(), request("GET", "/").header("x-user", "ann").build(), true);
        Decision.Respond r = assertInstanceOf(Decision.Respond.class, request(rules, txn));
        assertEquals(429, r.reply().status());
        assertEquals("slow down user-ann", r.reply().bodyText());
        assertEquals("10", r.reply().header("retry-after"));
        assertEquals(new Sample.Str("user-ann"), txn.variables().get("txn.who"));
    }

    @Test
    void redirectToAVariable() {
        HttpRules rules = rules("http-request set-var(txn.to) str(https://login.example.com/)",
                "http-request redirect code 302 location %[var(txn.to)] if { var(txn.to) -m found }");
        Decision.Respond r = assertInstanceOf(Decision.Respond.class,
                request(rules, rules.newTransaction(List.of(), request("GET", "/").build(), true)));
        assertEquals(302, r.reply().status());
        assertEquals("https://login.example.com/", r.reply().header("location"));
    }

    @Test
    void dropsAndTcpContentRules() {
        HttpRules drop = rules("http-request silent-drop if { path /bad }");
        assertEquals(new Decision.Drop(true), request(drop, drop.newTransaction(List.of(), request("GET", "/bad").build(),
                true)), "silent-drop resets");
        HttpRules reject = rules("tcp-request content reject if { src 127.0.0.1 }");
        RequestAttributes local = request("GET", "/").client(java.net.InetAddress.getLoopbackAddress(), 5000).build();
        assertEquals(new Decision.Drop(false), request(reject, reject.newTransaction(List.of(), local, true)),
                "reject closes, as HAProxy 2.6 does (no reset)");
        HttpRules accept = rules("tcp-request content accept", "tcp-request content reject",
                "http-request deny deny_status 403");
        Decision.Respond r = assertInstanceOf(Decision.Respond.class,
                request(accept, accept.newTransaction(List.of(), local, true)));
        assertEquals(403, r.reply().status());
    }

    @Test
    void tarpitWaitsForTheTarpitTimeout() {
        HttpRules rules = HttpRules.builder().rule("http-request tarpit").tarpitTimeout(Duration.ofSeconds(2)).build();
        Decision.Respond r = assertInstanceOf(Decision.Respond.class,
                request(rules, rules.newTransaction(List.of(), request("GET", "/").build(), true)));
        assertEquals(500, r.reply().status());
        assertEquals(Duration.ofSeconds(2), r.delay());
    }

    @Test
    void responseRulesThenAfterResponseRules() {
        HttpRules rules = rules("http-response set-status 401 reason Login if { status 200 }",
                "http-response set-header WWW-Authenticate Basic if { status 401 }",
                "http-after-response add-header X-Audit %[status]");
        HttpTransaction txn = rules.newTransaction(List.of(), request("GET", "/").responseStatus(200)
                .responseVersion("1.1").responseHeader("content-length", "0").build(), true);
        assertEquals(Decision.Forward.none(), request(rules, txn));
        assertEquals(Decision.Forward.none(), txn.response(Runnable::run).toCompletableFuture().getNow(null));
        assertEquals(401, txn.editedStatus());
        assertEquals(Optional.of("Login"), txn.editedReason());
        assertEquals(List.of("content-length: 0", "WWW-Authenticate: Basic", "X-Audit: 401"),
                replay(txn, List.of("content-length: 0"), true));
    }

    @Test
    void afterResponseRulesApplyToLocalReplies() {
        HttpRules rules = rules("http-request deny deny_status 403", "http-after-response set-header X-Blocked yes",
                "http-after-response set-status 451 if { status 403 }");
        Decision.Respond r = assertInstanceOf(Decision.Respond.class,
                request(rules, rules.newTransaction(List.of(), request("GET", "/").build(), true)));
        assertEquals(451, r.reply().status());
        assertEquals("yes", r.reply().header("x-blocked"));
    }

    @Test
    void responseDenyIsAReply() {
        HttpRules rules = rules("http-response deny deny_status 502 if { res.hdr(x-leak) -m found }");
        HttpTransaction txn = rules.newTransaction(List.of(), request("GET", "/").responseStatus(200)
                .responseHeader("x-leak", "secret").build(), true);
        request(rules, txn);
        Decision.Respond r = assertInstanceOf(Decision.Respond.class,
                txn.response(Runnable::run).toCompletableFuture().getNow(null));
        assertEquals(502, r.reply().status());
    }

    @Test
    void useBackendFirstMatchElseDefault() {
        HttpRules rules = HttpRules.builder().rule("use_backend api if { path_beg /api }")
                .rule("use_backend %[req.hdr(x-be)] if { req.hdr(x-be) -m found }")
                .rule("default_backend web")
                .backend("api", List.of(io.spoe4j.config.SpoeConfigReader.standard()
                        .parseRule("http-request set-header X-Api yes")))
                .build();
        HttpTransaction api = rules.newTransaction(List.of(), request("GET", "/api/v1").build(), true);
        assertEquals(new Decision.Forward(Optional.of("api")), request(rules, api));
        assertEquals(List.of("X-Api: yes"), replay(api, List.of(), false));
        HttpTransaction dyn = rules.newTransaction(List.of(), request("GET", "/").header("x-be", "blue").build(), true);
        assertEquals(new Decision.Forward(Optional.of("blue")), request(rules, dyn));
        HttpTransaction web = rules.newTransaction(List.of(), request("GET", "/").build(), true);
        assertEquals(new Decision.Forward(Optional.of("web")), request(rules, web));
        assertEquals(Optional.of("web"), web.backend());
    }

    @Test
    void luaActionsRunJavaActions() {
        HttpRules rules = HttpRules.builder()
                .rule("http-request lua.block if { path /x }")
                .rule("http-request lua.tag")
                .action("block", ctx -> JavaAction.reply(ctx.errorReply(403)))
                .action("tag", ctx -> {
                    ctx.setHeader("x-tag", String.join(",", ctx.args()) + ctx.attributes().uri());
                    ctx.setVariable("txn.tagged", Sample.Bool.TRUE);
                    return JavaAction.proceed();
                }).build();
        Decision.Respond r = assertInstanceOf(Decision.Respond.class,
                request(rules, rules.newTransaction(List.of(), request("GET", "/x").build(), true)));
        assertEquals(403, r.reply().status());
        HttpTransaction txn = rules.newTransaction(List.of(), request("GET", "/y").build(), true);
        assertEquals(Decision.Forward.none(), request(rules, txn));
        assertEquals(List.of("x-tag: /y"), replay(txn, List.of(), false));
        assertEquals(Sample.Bool.TRUE, txn.variables().get("txn.tagged"));
    }

    @Test
    void aLuaActionWithoutAJavaActionIsAWarningNotASilentSkip() {
        HttpRules rules = rules("http-request lua.nothing_registered");
        assertEquals(1, rules.warnings().size(), rules.warnings().toString());
        assertTrue(rules.warnings().get(0).message().contains("no Java action"), rules.warnings().toString());
        assertEquals(Decision.Forward.none(), request(rules, rules.newTransaction(List.of(), request("GET", "/").build(),
                true)));
    }

    @Test
    void unsetVariablesReadAsMissing() {
        HttpRules rules = rules("http-request set-var(req.x) str(1)", "http-request unset-var(req.x)",
                "http-request deny if { var(req.x) -m found }");
        HttpTransaction txn = rules.newTransaction(List.of(), request("GET", "/").build(), true);
        assertEquals(Decision.Forward.none(), request(rules, txn));
        assertNull(txn.variables().get("req.x"));
    }
}

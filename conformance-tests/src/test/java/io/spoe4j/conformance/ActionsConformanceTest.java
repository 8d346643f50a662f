package io.spoe4j.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HAProxy's HTTP actions, HAProxy 2.6 against spoe4j: each scenario sends one request through
 * HAProxy, through the spoe4j gateway built from the same haproxy.cfg and, for the request-side
 * actions Undertow applies, through the Undertow handler; it compares what the client received
 * (status line, headers, body, whether the connection stayed open), what the upstream received
 * (which one, request line, headers, body) and the NOTIFYs ({@link HttpDiffer}). Scenarios sharing a
 * configuration share one HAProxy process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActionsConformanceTest {

    /**
     * One request under one configuration: {@code expect} must appear in HAProxy's rendering,
     * {@code undertow} runs it through Undertow too, {@code minMillis} asserts a delay (tarpit,
     * wait-for-body), {@code luaReply} marks an answer built by a Lua action (HAProxy writes its
     * header names in Lua's table order: see {@link HttpDiffer}).
     */
    record Scenario(String setup, String name, ActionHarness.Request request, String expect, boolean undertow,
            int minMillis, boolean luaReply) {
        Scenario(String setup, String name, ActionHarness.Request request, String expect, boolean undertow,
                int minMillis) {
            this(setup, name, request, expect, undertow, minMillis, false);
        }

        /** Through the gateway and Undertow. */
        static Scenario both(String setup, String name, String request, String expect) {
            return new Scenario(setup, name, ActionHarness.Request.of(request), expect, true, 0);
        }

        /** Through the gateway only. */
        static Scenario gateway(String setup, String name, String request, String expect) {
            return new Scenario(setup, name, ActionHarness.Request.of(request), expect, false, 0);
        }

        /** A silent-drop: the connection vanishes. */
        static Scenario vanishing(String setup, String name, String request) {
            return new Scenario(setup, name, ActionHarness.Request.vanishing(request), "answer: none", false, 0);
        }

        /** Answered by a Lua action (HAProxy) or its Java port (spoe4j, through the gateway and Undertow). */
        static Scenario lua(String setup, String name, String request, String expect) {
            return new Scenario(setup, name, ActionHarness.Request.of(request), expect, true, 0, true);
        }

        @Override
        public String toString() {
            return setup + ": " + name;
        }
    }

    private static final Map<String, Supplier<ActionSetup>> SETUPS = Map.ofEntries(
            Map.entry("actions", ActionSetups::actions), Map.entry("body", ActionSetups::body),
            Map.entry("coraza", DocumentedSetups::coraza), Map.entry("crowdsec", LuaActionSetups::crowdsec),
            Map.entry("criteo", DocumentedSetups::criteo), Map.entry("datadog", LuaActionSetups::datadog),
            Map.entry("modsecurity", DocumentedSetups::modsecurity));

    private final Map<String, ActionHarness> running = new HashMap<>();

    /** A keep-alive GET: the connection's fate is then told by a probe request. */
    static String get(String path, String... headers) {
        StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\nHost: example.org\n");
        for (String h : headers) {
            b.append(h).append('\n');
        }
        return b.append('\n').toString();
    }

    static String post(String path, String body, String... headers) {
        StringBuilder b = new StringBuilder("POST " + path + " HTTP/1.1\nHost: example.org\n");
        for (String h : headers) {
            b.append(h).append('\n');
        }
        return b.append("Content-Type: text/plain\nContent-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\n\n").append(body).toString();
    }

    static String close(String request) {
        return request.replaceFirst("\n\n", "\nConnection: close\n\n");
    }

    private static Scenario s(String setup, String name, String request, String expect) {
        return new Scenario(setup, name, ActionHarness.Request.of(request), expect, false, 0);
    }

    /** Also through Undertow. */
    private static Scenario u(String setup, String name, String request, String expect) {
        return new Scenario(setup, name, ActionHarness.Request.of(request), expect, true, 0);
    }

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        String a = "actions";
        l.add(u(a, "no action: forwarded as is", get("/plain?q=1", "X-A: 1", "x-b: two"), "upstream: up1"));
        l.add(u(a, "no action, Connection: close", close(get("/plain")), "connection: closed"));
        // deny
        l.add(u(a, "deny", get("/d", "x-act: deny"), "answer: HTTP/1.1 403"));
        l.add(u(a, "deny, Connection: close", close(get("/d", "x-act: deny")), "answer: HTTP/1.1 403"));
        l.add(u(a, "deny deny_status 429", get("/d", "x-act: deny-429"), "answer: HTTP/1.1 429"));
        l.add(u(a, "deny with hdr", get("/d", "x-act: deny-hdr"), "x-why: deny-hdr"));
        l.add(u(a, "deny with content-type and string", get("/d", "x-act: deny-string"), "blocked by rule"));
        l.add(u(a, "deny on an errorfile", get("/d", "x-act: deny-errorfile"), "our own 503 errorfile"));
        l.add(u(a, "deny of a POST with a body", post("/d", "some=body", "x-act: deny"), "answer: HTTP/1.1 403"));
        // return
        l.add(u(a, "return string with hdr", get("/r", "x-act: return-string"), "x-r: two"));
        l.add(u(a, "return lf-string", get("/r/p", "x-act: return-lf-string"), "path=/r/p act=return-lf-string"));
        l.add(u(a, "return file", get("/r", "x-act: return-file"), "a page"));
        l.add(u(a, "return lf-file", get("/r/f", "x-act: return-lf-file"), "method=GET path=/r/f"));
        l.add(u(a, "return without payload", get("/r", "x-act: return-empty"), "x-empty: yes"));
        l.add(u(a, "return 204", get("/r", "x-act: return-204"), "answer: HTTP/1.1 204"));
        // redirect
        l.add(u(a, "redirect location code 301", get("/old?q=1", "x-act: redirect-location"), "location: /moved"));
        l.add(u(a, "redirect location from a variable, 303", get("/old", "x-act: redirect-var",
                "x-target: https://example.com/blocked?x=1"), "location: https://example.com/blocked?x=1"));
        l.add(u(a, "redirect prefix", get("/a/b?q=1", "x-act: redirect-prefix"), "location: /pre/a/b?q=1"));
        l.add(u(a, "redirect prefix drop-query 307", get("/a/b?q=1", "x-act: redirect-drop-query"), "HTTP/1.1 307"));
        l.add(u(a, "redirect prefix append-slash", get("/a/b?q=1", "x-act: redirect-append-slash"), "location: /pre/a/b"));
        l.add(u(a, "redirect location drop-query append-slash", get("/a/b?q=1", "x-act: redirect-location-slash"),
                "location: /dir"));
        l.add(u(a, "redirect scheme 308", get("/s?x=1", "x-act: redirect-scheme"), "location: https://example.org/s?x=1"));
        l.add(u(a, "redirect set-cookie", get("/c", "x-act: redirect-set-cookie"), "set-cookie: SESSION=abc"));
        l.add(u(a, "redirect clear-cookie", get("/c", "x-act: redirect-clear-cookie"), "set-cookie: SESSION; path=/; Max-Age=0;"));
        // silent-drop, tarpit
        // Not through Undertow: it can only close (a FIN), where HAProxy's connection vanishes (README)
        l.add(new Scenario(a, "silent-drop", ActionHarness.Request.vanishing(get("/x", "x-act: silent-drop")),
                "answer: none", false, 0));
        l.add(new Scenario(a, "tarpit with timeout tarpit 500ms", ActionHarness.Request.of(get("/t", "x-act: tarpit")),
                "answer: HTTP/1.1 500", true, 450));
        // header rewrites
        l.add(u(a, "set-header replaces every occurrence", get("/h", "X-A: old1", "x-b: b", "x-a: old2",
                "x-act: set-header"), "x-a: new-a"));
        l.add(u(a, "add-header", get("/h", "X-A: old1", "x-act: add-header"), "x-a: added add-header"));
        l.add(u(a, "del-header", get("/h", "X-A: old1", "x-b: b", "x-a: old2", "x-act: del-header"), "x-b: b"));
        l.add(u(a, "del-header -m str", get("/h", "X-A: old1", "x-b: b", "x-act: del-header-str"), "x-b: b"));
        l.add(u(a, "del-header -m beg", get("/h", "X-A: 1", "y-x: 2", "X-B: 3", "x-act: del-header-beg"), "y-x: 2"));
        l.add(u(a, "del-header -m sub", get("/h", "x-dup: 1", "dupe: 2", "x-c: 3", "x-act: del-header-sub"), "x-c: 3"));
        l.add(u(a, "del-header -m reg", get("/h", "x-a: 1", "x-b: 2", "x-ab: 3", "x-act: del-header-reg"), "x-ab: 3"));
        l.add(u(a, "replace-header", get("/h", "x-r: foo-bar", "x-r: no match here", "X-R: baz-qux",
                "x-act: replace-header"), "x-r: bar-foo"));
        l.add(u(a, "replace-value", get("/h", "x-list: a1, c2,a3", "x-list: a4", "x-act: replace-value"), "b1"));
        // request line
        l.add(u(a, "set-path", get("/old/p?q=1", "x-act: set-path"), "GET /new/path?q=1 HTTP/1.1"));
        l.add(u(a, "set-pathq", get("/old/p?q=1", "x-act: set-pathq"), "GET /new/path?n=1 HTTP/1.1"));
        l.add(u(a, "set-query", get("/old/p?q=1", "x-act: set-query"), "GET /old/p?n=2&m=set-query HTTP/1.1"));
        l.add(u(a, "set-query without a query", get("/old/p", "x-act: set-query"), "?n=2"));
        l.add(u(a, "set-uri", get("/old/p?q=1", "x-act: set-uri"), "GET /uri?u=1 HTTP/1.1"));
        l.add(u(a, "set-method", get("/m", "x-act: set-method"), "PUT /m HTTP/1.1"));
        l.add(u(a, "set-var-fmt, read by a later message and a header", get("/f/g", "x-act: set-var-fmt"),
                "x-fmt: GET /f/g act=set-var-fmt"));
        // response side
        l.add(s(a, "http-response set-status with reason", get("/x", "x-act: res-set-status"), "HTTP/1.1 299 Fine Thanks"));
        l.add(s(a, "http-response set-status without reason", get("/x", "x-act: res-set-status-code"), "HTTP/1.1 404"));
        l.add(u(a, "http-response set-header", get("/x", "x-act: res-set-header"), "x-up: replaced"));
        l.add(u(a, "http-response add-header", get("/x", "x-act: res-add-header"), "x-up: three"));
        l.add(u(a, "http-response del-header", get("/x", "x-act: res-del-header"), "x-res: res-seen"));
        l.add(u(a, "http-response replace-value", get("/x", "x-act: res-replace-value"), "x-up: Two"));
        l.add(s(a, "http-response deny", get("/x", "x-act: res-deny"), "answer: HTTP/1.1 502"));
        l.add(s(a, "http-response deny with hdr", get("/x", "x-act: res-deny-hdr"), "x-why: response"));
        l.add(s(a, "http-response return", get("/x", "x-act: res-return"), "replaced"));
        l.add(s(a, "http-response redirect", get("/x", "x-act: res-redirect"), "location: /elsewhere"));
        l.add(u(a, "http-response set-var", get("/status/404", "x-act: res-set-var"), "x-rv: 404"));
        // http-after-response, on upstream answers and on local ones
        l.add(u(a, "after-response set-header, add-header on an upstream answer", get("/x", "x-data: after"),
                "x-after2: two"));
        l.add(u(a, "after-response del-header on an upstream answer", get("/x", "x-data: after-del"), "upstream: up1"));
        l.add(s(a, "after-response set-status on an upstream answer", get("/x", "x-data: after-status"),
                "HTTP/1.1 418"));
        l.add(u(a, "after-response set-var on an upstream answer", get("/x", "x-data: after-var"), "x-av: after-var"));
        l.add(u(a, "after-response on a deny", get("/x", "x-act: deny", "x-data: after"), "x-after: deny"));
        l.add(u(a, "after-response set-status on a return", get("/x", "x-act: return-string", "x-data: after-status"),
                "HTTP/1.1 418"));
        l.add(u(a, "after-response set-status with reason on a deny", get("/x", "x-act: deny-string",
                "x-data: after-status-reason"), "HTTP/1.1 299 Yes"));
        l.add(u(a, "after-response del-header on a redirect", get("/x", "x-act: redirect-location", "x-data: after-del"),
                "location: /moved"));
        l.add(u(a, "after-response set-var on a tarpit", get("/x", "x-act: tarpit", "x-data: after-var"), "x-av: after-var"));
        // tcp-request content
        l.add(u(a, "tcp-request content reject", get("/x", "x-tcp: reject"), "answer: none"));
        l.add(u(a, "tcp-request content accept ends the rule set", get("/x", "x-tcp: accept"), "upstream: up1"));
        // routing
        l.add(s(a, "use_backend on a variable, the backend's rules", get("/x", "x-act: backend2"), "upstream: up2"));
        l.add(s(a, "use_backend on an ACL", get("/two/x"), "upstream: up2"));
        l.add(s(a, "use_backend then a backend-side local answer", get("/two/x", "x-act: deny"), "HTTP/1.1 403"));
        // wait-for-body
        String b = "body";
        l.add(s(b, "wait-for-body: the whole body at once", post("/b", "0123456789abcdefghijklmnopqrstuv"), "x-len: 32"));
        String head = "POST /b HTTP/1.1\nHost: example.org\nContent-Type: text/plain\nContent-Length: 40\n\n";
        l.add(new Scenario(b, "wait-for-body: at-least reached, the rest later",
                new ActionHarness.Request(List.of(head + "0123456789abcdefghij", "klmnopqrstuvwxyz0123"), true, false),
                "x-len: 20", false, 0));
        l.add(new Scenario(b, "wait-for-body: time runs out before at-least", ActionHarness.Request.of(head + "01234"),
                "answer: HTTP/1.1 408", false, 900));
        l.add(s(b, "wait-for-body: no body", get("/b"), "x-len: 0"));
        l.addAll(DocumentedSetups.scenarios());
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void spoe4jAnswersAsHaproxyDoes(Scenario scenario) {
        ActionHarness h = harness(scenario.setup());
        List<ActionHarness.Observed> sides = h.exchange(scenario.request(), scenario.undertow());
        HttpDiffer.assertSame(scenario.toString(), sides, h.setup, scenario.expect(), scenario.minMillis(),
                scenario.luaReply(), h);
    }

    /** One running harness at a time: scenarios come grouped by setup, so each HAProxy starts once. */
    private ActionHarness harness(String setup) {
        ActionHarness h = running.get(setup);
        if (h == null) {
            running.values().forEach(ActionHarness::close);
            running.clear();
            h = ActionHarness.start(SETUPS.get(setup).get());
            running.put(setup, h);
        }
        return h;
    }

    @AfterAll
    void stopAll() {
        running.values().forEach(ActionHarness::close);
        running.clear();
    }
}

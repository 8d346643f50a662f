package io.spoe4j.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential scenarios: each sends one HTTP request through HAProxy 2.6 and through the
 * spoe4j gateway, both running the same haproxy.cfg/spoe.conf against recording agents that answer
 * alike, and compares every NOTIFY field by field and the variables each proxy then exposes.
 * Scenarios sharing a configuration share one HAProxy process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyConformanceTest {

    /** One request under one configuration; {@code expected} are messages HAProxy must send, {@code varying} args compared by type only. */
    record Scenario(String name, String setup, String request, List<String> expected, Set<String> varying) {
        @Override
        public String toString() {
            return setup + ": " + name;
        }
    }

    private static final Map<String, Supplier<Setup>> SETUPS = Map.ofEntries(
            Map.entry("fetches", Setups::fetches), Map.entry("acls", Setups::acls),
            Map.entry("events", Setups::events), Map.entry("events-all", () -> Setups.events(true)),
            Map.entry("tcp", Setups::tcpEvents),
            Map.entry("groups", Setups::groups), Map.entry("options", Setups::options),
            Map.entry("setvars", Setups::setVars),
            Map.entry("coraza", AgentSetups::coraza), Map.entry("crowdsec", AgentSetups::crowdsec),
            Map.entry("criteo", AgentSetups::criteo), Map.entry("datadog", AgentSetups::datadog),
            Map.entry("mirror", AgentSetups::mirror), Map.entry("crowdsec-uid", () -> AgentSetups.crowdsec(true)),
            Map.entry("uid", Setups::uniqueId),
            Map.entry("lengths", () -> Setups.lengths(true)), Map.entry("lengths-streamed", () -> Setups.lengths(false)));

    private final Map<String, Harness> running = new HashMap<>();

    static String get(String path, String... headers) {
        StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\nHost: example.org\n");
        for (String h : headers) {
            b.append(h).append('\n');
        }
        return b.append("Connection: close\n\n").toString();
    }

    static String post(String path, String body, String... headers) {
        StringBuilder b = new StringBuilder("POST " + path + " HTTP/1.1\nHost: example.org\n");
        for (String h : headers) {
            b.append(h).append('\n');
        }
        return b.append("Content-Type: text/plain\nContent-Length: ").append(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .append("\nConnection: close\n\n").append(body).toString();
    }

    static Scenario s(String setup, String name, String request, List<String> expected, String... varying) {
        return new Scenario(name, setup, request, expected, Set.of(varying));
    }

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        // --- sample fetches and converters (one message each) ---
        l.add(s("fetches", "method path query url pathq base req.ver", get("/a/b.html?x=1&y=%20z", "x-scn: basic"), List.of("basic")));
        l.add(s("fetches", "req.hdr occurrences, hdr_cnt, fhdr, hdr_val, hdr_ip, hdr()",
                get("/", "x-scn: headers", "X-A: Alpha", "x-dup: one", "X-Dup: two", "x-DUP: three", "x-list: a, b", "x-list: c",
                        "x-num: 42", "x-ip: 10.0.0.7"), List.of("headers")));
        l.add(s("fetches", "req.cook cook_cnt cook_val", get("/", "x-scn: cookies", "Cookie: a=1; b=two; n=17", "Cookie: a=3"),
                List.of("cookies")));
        l.add(s("fetches", "url_param urlp", get("/p?a=1&b=2&e=&a=9", "x-scn: params"), List.of("params")));
        l.add(s("fetches", "src dst dst_port src_port ssl_fc ssl_fc_sni", get("/", "x-scn: conn"), List.of("conn"), "sport"));
        l.add(s("fetches", "typed constants bool int ipv4 ipv6 str bin and a NULL", get("/", "x-scn: typed"), List.of("typed")));
        l.add(s("fetches", "req.hdrs and req.hdrs_bin with repeated mixed-case headers",
                get("/h", "x-scn: hdrs", "X-Mixed: One", "x-mixed: two", "X-MIXED: Three", "Accept: */*"), List.of("hdrs")));
        l.add(s("fetches", "req.body req.body_len req.body_size", post("/b", "hello body \u00e9", "x-scn: body"), List.of("body")));
        l.add(s("fetches", "HTTP/1.0 request", "GET /old?v=1 HTTP/1.0\nHost: example.org\nx-scn: basic\n\n", List.of("basic")));
        l.add(s("fetches", "PUT with body and percent-encoded path", post("/a%20b/c?k=%41", "put-body", "x-scn: basic")
                .replaceFirst("POST", "PUT"), List.of("basic")));
        l.add(s("fetches", "req.body on a GET without body", get("/b", "x-scn: body"), List.of("body")));
        l.add(s("fetches", "converters lower upper length", get("/", "x-scn: conv-case", "X-A: MiXeD"), List.of("conv-case")));
        l.add(s("fetches", "converters hex base64 b64dec url_dec json", get("/", "x-scn: conv-enc", "x-j: a\"b\\c"), List.of("conv-enc")));
        l.add(s("fetches", "converters field word regsub ipmask bytes bool", get("/", "x-scn: conv-split", "x-n: 5"), List.of("conv-split")));
        l.add(s("fetches", "unnamed args", get("/pos?k=v", "x-scn: positional"), List.of("positional")));
        l.add(s("fetches", "missing values become NULL", get("/nothing", "x-scn: missing"), List.of("missing")));
        // --- ACL matchers and operators ---
        l.add(s("acls", "x-t abc", get("/x", "x-t: abc"), List.of("m-str", "m-beg", "m-end", "m-reg", "m-len", "m-multi", "m-bin")));
        l.add(s("acls", "x-t ABC (-i)", get("/x", "x-t: ABC"), List.of("m-str-i", "m-unless")));
        l.add(s("acls", "x-t xyz (or, named acl, hdr_sub)", get("/x", "x-t: xyz"), List.of("m-or", "m-named", "m-hdr-sub")));
        l.add(s("acls", "x-t absent", get("/x"), List.of("m-unless", "m-ip", "m-not-ssl")));
        l.add(s("acls", "ints gt and range", get("/x", "x-n: 12"), List.of("m-int-gt", "m-int-range", "m-bool")));
        l.add(s("acls", "int range low and negative", get("/x", "x-n: -3"), List.of("m-int-eq-neg", "m-bool")));
        l.add(s("acls", "int zero is false", get("/x", "x-n: 0"), List.of("m-unless")));
        l.add(s("acls", "dom dir path_beg", get("/api/v1", "x-d: www.example.org"), List.of("m-dom", "m-dir", "m-path-beg")));
        l.add(s("acls", "dir below root and found", get("/v1/api/x", "x-f: ", "x-d: examples.org"), List.of("m-dir", "m-found", "m-named")));
        l.add(s("acls", "ip patterns", get("/x", "x-ip: 10.9.8.7"), List.of("m-ip-hdr")));
        l.add(s("acls", "ip exact pattern", get("/x", "x-ip: 192.168.1.1"), List.of("m-ip-hdr")));
        l.add(s("acls", "sub and and-condition", get("/x", "x-t: abxc"), List.of("m-sub", "m-and", "m-beg")));
        // --- events ---
        l.add(s("events", "every HTTP event, GET", get("/e?q=1"), List.of("session", "fe-http", "fe-http-2", "be-http", "http-res")));
        l.add(s("events", "every HTTP event, POST body", post("/e", "a=1&b=2"), List.of("fe-http", "http-res")));
        l.add(s("events", "condition keeps a message", get("/e", "x-drop: yes"), List.of("dropped")));
        l.add(s("events", "non-200 response", get("/status/404"), List.of("http-res")));
        l.add(s("events-all", "TCP events, res.body and a req variable read at response time", get("/e?q=1"),
                List.of("fe-tcp", "be-tcp", "tcp-res")));
        l.add(s("events", "chunked upstream answer keeps transfer-encoding in res.hdrs", get("/chunked"), List.of("http-res")));
        l.add(s("tcp", "TCP events in HTTP mode, in HAProxy's order", get("/t?q=2"),
                List.of("fe-tcp", "fe-http", "be-tcp", "be-http", "tcp-res", "http-res")));
        // --- groups ---
        l.add(s("groups", "two-message group, response group", get("/g"), List.of("a", "b", "d")));
        l.add(s("groups", "conditional group sent", get("/g", "x-g: two"), List.of("a", "b", "c", "d")));
        l.add(s("groups", "conditional group dropped", get("/g", "x-g: one"), List.of("a", "b", "d")));
        // --- haproxy.cfg set-var / unset-var rules ---
        l.add(s("setvars", "set-var rules feed var() in order, conditional one set", get("/api/x", "x-n: 5"),
                List.of("fe-http", "req-msg", "http-res", "res-msg")));
        l.add(s("setvars", "set-var rules, conditions not holding", get("/web", "x-n: 7", "x-skip: 1"),
                List.of("fe-http", "req-msg", "http-res", "res-msg")));
        // --- options ---
        l.add(s("options", "set-process-time and set-total-time", get("/o"), List.of("fast"), "ptime", "ttime"));
        l.add(s("options", "timing-out agent sets set-on-error", get("/o", "x-slow: 1"), List.of("slow"), "ptime", "ttime"));
        // --- agents' shipped configurations ---
        l.add(s("coraza", "request phase", post("/login?u=1", "user=a", "User-Agent: t/1"), List.of("coraza-req"), "src-port"));
        l.add(s("coraza", "request and response phase with id", get("/page", "x-coraza: id"), List.of("coraza-req", "coraza-res"), "src-port"));
        l.add(s("coraza", "response phase with res.body, as shipped", get("/page"), List.of("coraza-res"), "src-port"));
        l.add(s("crowdsec", "session and http-body", post("/c?x=1", "body"), List.of("crowdsec-tcp", "crowdsec-http-body"), "src-port"));
        l.add(s("crowdsec", "no-body group", get("/c", "x-nobody: 1"), List.of("crowdsec-tcp", "crowdsec-http-no-body"), "src-port"));
        l.add(s("criteo", "protected host: both messages in one NOTIFY", get("/secure", "Host2: x", "Authorization: Basic dTpw", "Cookie: authsession=abc"),
                List.of("try-auth-ldap", "try-auth-oidc")));
        l.add(s("criteo", "unprotected host: nothing sent", get("/open", "x-public: 1"), List.of()));
        l.add(s("datadog", "request headers, body and response", post("/dd?a=b", "{\"k\":1}", "x-dd: 1"),
                List.of("http-request-headers-msg", "http-request-body-msg", "http-response-headers-msg"), "ip_port"));
        l.add(s("crowdsec-uid", "as shipped: unique-id-format %[uuid()]", get("/c"), List.of("crowdsec-tcp"), "src-port", "id"));
        l.add(s("uid", "unique-id-format and unique-id-header, byte for byte", get("/u/v?x=1"), List.of("uid-msg")));
        l.add(s("mirror", "mirrored request", post("/m?x=y", "mirror-me", "X-Mirror: Yes", "x-mirror: again"), List.of("mirror")));
        // --- req.len / res.len: HAProxy's HTX block sizes ---
        String chunked = "POST /l HTTP/1.1\nHost: example.org\nTransfer-Encoding: chunked\nConnection: close\n\n"
                + "5\nhello\n3;ext=1\nabc\n0\n";
        List<String> all = List.of("fe-len", "be-len", "res-len");
        l.add(s("lengths", "no body, repeated headers, Connection: close dropped", get("/l?q=1", "X-A: 1", "x-dup: a", "X-Dup: bb"), all));
        l.add(s("lengths", "content-length body", post("/l", "a=1&b=2"), all));
        l.add(s("lengths", "content-length body of 3000 bytes", post("/l", "x".repeat(3000)), all));
        l.add(s("lengths", "chunked body: data only, end of trailers", chunked + "\n", all));
        l.add(s("lengths", "chunked body with trailers", chunked + "X-Trailer: yes\nAb: c\n\n", all));
        l.add(s("lengths", "chunked response", get("/chunked"), all));
        l.add(s("lengths", "non-200 response", get("/status/404"), all));
        l.add(s("lengths-streamed", "content-length body without http-buffer-request", post("/l", "a=1&b=2"), all));
        l.add(s("lengths-streamed", "chunked body without http-buffer-request", chunked + "\n", all));
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void agentsCannotTellTheProxiesApart(Scenario scenario) {
        Harness h = harness(scenario.setup());
        Harness.Pair pair = h.exchange(scenario.request());
        Differ.assertSame(scenario.toString(), pair, h, scenario.varying(), scenario.expected());
    }

    /** One running harness at a time: scenarios come grouped by setup, so each HAProxy starts once. */
    private Harness harness(String setup) {
        Harness h = running.get(setup);
        if (h == null) {
            running.values().forEach(Harness::close);
            running.clear();
            h = Harness.start(SETUPS.get(setup).get());
            running.put(setup, h);
        }
        return h;
    }

    @AfterAll
    void stopAll() {
        running.values().forEach(Harness::close);
        running.clear();
    }
}

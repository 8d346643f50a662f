package io.spoe4j.conformance;

import static io.spoe4j.conformance.NotifyConformanceTest.get;
import static io.spoe4j.conformance.NotifyConformanceTest.post;

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
 * Several requests on one keep-alive client connection, sent sequentially (each once the previous
 * answer is read) and pipelined (all in one write), through HAProxy 2.6 and through the spoe4j
 * gateway: every NOTIFY of the connection compared in order, then each answer's variables. The only
 * tolerance beyond {@link NotifyConformanceTest}'s is the documented {@code on-client-session}
 * difference, asserted by {@link Differ#assertSameConnection}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepAliveConformanceTest {

    /**
     * Requests on one connection; {@code expected} are messages HAProxy must send, {@code varying} args
     * compared by type only, {@code perConnection} the setup's {@code on-client-session} messages.
     */
    record Scenario(String name, String setup, List<String> requests, boolean pipelined, List<String> expected,
            Set<String> varying, Set<String> perConnection) {
        @Override
        public String toString() {
            return setup + ": " + name + (pipelined ? " (pipelined)" : " (sequential)");
        }
    }

    private static final Map<String, Supplier<Setup>> SETUPS = Map.of(
            "events", Setups::events, "events-all", () -> Setups.events(true), "tcp", Setups::tcpEvents,
            "groups", Setups::groups, "setvars", Setups::setVars, "crowdsec", AgentSetups::crowdsec,
            "criteo", AgentSetups::criteo, "mirror", AgentSetups::mirror, "uid", Setups::uniqueId);

    private final Map<String, Harness> running = new HashMap<>();

    /** The requests as written, {@code Connection: close} kept on the last one only. */
    static List<String> conn(String... requests) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            out.add(i == requests.length - 1 ? requests[i] : requests[i].replace("Connection: close\n", ""));
        }
        return out;
    }

    static List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>(withResponseEvents(false));
        // Pipelined under response-side events: HAProxy processes an HTTP/1 connection's requests
        // one at a time, so each request's NOTIFYs, response ones included, precede the next one's.
        l.addAll(withResponseEvents(true));
        for (boolean pipelined : new boolean[] {false, true}) {
            l.add(new Scenario("CrowdSec: on-client-session message and groups", "crowdsec",
                    conn(post("/c?x=1", "body"), get("/c", "x-nobody: 1"), post("/c?x=3", "more")), pipelined,
                    List.of("crowdsec-tcp", "crowdsec-http-body", "crowdsec-http-no-body"), Set.of("src-port"),
                    Set.of("crowdsec-tcp")));
            l.add(new Scenario("unique-id-format per request, byte for byte", "uid",
                    conn(get("/u/1?x=1"), get("/u/2", "x-missing: present"), get("/u/3?y")), pipelined,
                    List.of("uid-msg"), Set.of(), Set.of()));
        }
        l.add(new Scenario("criteo: protected, unprotected, protected", "criteo",
                conn(get("/secure", "Authorization: Basic dTpw"), get("/open"), get("/secure", "Cookie: authsession=abc")), true,
                List.of("try-auth-ldap", "try-auth-oidc"), Set.of(), Set.of()));
        l.add(new Scenario("spoa-mirror: GET, POST, GET", "mirror",
                conn(get("/m?a=1", "X-Mirror: 1"), post("/m", "mirror-me"), get("/m?a=3")), true,
                List.of("mirror"), Set.of(), Set.of()));
        return l;
    }

    /**
     * Scenarios whose setups have response-side events (on-tcp-response, on-http-response, an
     * http-response send-spoe-group) besides the request-side ones. Sequentially they pass; pipelined
     * they show the difference reproduced by {@link PipelinedResponseEventsProbe}.
     */
    static List<Scenario> withResponseEvents(boolean pipelined) {
        List<Scenario> l = new ArrayList<>();
        l.add(new Scenario("three GETs, every HTTP event, variables chained per request", "events",
                conn(get("/e?q=1"), get("/e?q=2", "x-drop: yes"), get("/status/404")), pipelined,
                List.of("session", "fe-http", "fe-http-2", "dropped", "be-http", "http-res"), Set.of(), Set.of("session")));
        l.add(new Scenario("GET, POST with body, chunked answer, GET", "events",
                conn(get("/e"), post("/e?p=1", "a=1&b=2"), get("/chunked"), get("/e?last=1")), pipelined,
                List.of("session", "fe-http", "be-http", "http-res"), Set.of(), Set.of("session")));
        l.add(new Scenario("TCP and HTTP events of both sides per request", "events-all",
                conn(get("/e?q=1"), get("/e?q=2")), pipelined,
                List.of("session", "fe-tcp", "be-tcp", "tcp-res", "http-res"), Set.of(), Set.of("session")));
        l.add(new Scenario("TCP events in HTTP mode, in HAProxy's order", "tcp",
                conn(get("/t?q=1"), get("/t?q=2")), pipelined,
                List.of("fe-tcp", "fe-http", "be-tcp", "be-http", "tcp-res", "http-res"), Set.of(), Set.of()));
        l.add(new Scenario("groups, conditional group sent on the second request only", "groups",
                conn(get("/g"), get("/g", "x-g: two"), get("/g", "x-g: one")), pipelined,
                List.of("a", "b", "c", "d"), Set.of(), Set.of()));
        l.add(new Scenario("set-var rules per request", "setvars",
                conn(get("/api/x", "x-n: 5"), get("/web", "x-n: 7", "x-skip: 1")), pipelined,
                List.of("fe-http", "req-msg", "http-res", "res-msg"), Set.of(), Set.of()));
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void agentsCannotTellTheProxiesApartOnOneConnection(Scenario scenario) {
        Harness h = harness(scenario.setup());
        Harness.ConnectionPair pair = h.exchange(scenario.requests(), scenario.pipelined());
        Differ.assertSameConnection(scenario.toString(), pair, h, scenario.varying(), scenario.expected(),
                scenario.perConnection());
    }

    /** One running harness at a time, as in {@link NotifyConformanceTest}. */
    Harness harness(String setup) {
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

package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * haproxy.cfg {@code set-var}/{@code unset-var} rules run by the handler in HAProxy's order among
 * the events and {@code send-spoe-group} rules, on the request and the response side, and read by
 * the messages' {@code var()}. The testkit agent echoes every named argument as a txn variable.
 */
class SetVarRulesTest {
    private static final String SPOE_CONF = """
            [sv]
            spoe-agent sv-agent
                messages m-req m-res
                groups g-x
                option var-prefix sv
                timeout processing 20s
                use-backend agents
            spoe-message m-req
                args path=path early=var(txn.early) x=var(req.x)
                event on-frontend-http-request
            spoe-message m-x
                args x=var(req.x) p=var(txn.p) c=var(txn.c) early=var(txn.early) kept=var(txn.kept) gone=var(txn.gone)
            spoe-group g-x
                messages m-x
            spoe-message m-res
                args r=var(res.r) late=var(res.late) x=var(req.x)
                event on-http-response
            """;

    private static final String HAPROXY_CFG = """
            listen fe
                mode http
                filter spoe engine sv config spoe.conf
                tcp-request content set-var(txn.early) str(tcp)
                http-request set-var(req.x) req.hdr(x-in)
                http-request set-var(txn.p) var(txn.sv.path)
                http-request set-var(txn.c) str(cond) if { path_beg /cond }
                http-request set-var(txn.kept) str(first)
                http-request set-var(txn.kept) req.hdr(x-absent)
                http-request set-var(txn.gone) str(set)
                http-request unset-var(txn.gone) if { req.hdr(x-unset) -m found }
                http-request send-spoe-group sv g-x
                tcp-response content set-var(res.r) status
                http-response set-var(res.late) str(late)
                http-response set-var(txn.after) var(txn.sv.r)
            backend agents
                mode tcp
                server a1 %s
            """;

    private final Harness h = new Harness();
    private SpoaAgent agent;
    private URI base;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        agent = h.agent();
        Files.writeString(dir.resolve("spoe.conf"), SPOE_CONF);
        SpoeSetup setup = SpoeConfigReader.standard().parseHaproxyCfg("haproxy.cfg",
                HAPROXY_CFG.formatted(agent.endpoint()), dir);
        SpoeEngine engine = h.track(SpoeEngine.builder().setup(setup, "fe", "sv").threads(1).build());
        base = h.server(SpoeHandler.builder(engine).setup(setup, "fe").build(h.recorder()));
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(Harness.BOUND_SECONDS));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return h.send(b.build());
    }

    private Message take(String name) {
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertNotNull(n, "no NOTIFY within " + Harness.BOUND_SECONDS + " s (expected " + name + ")");
        assertEquals(name, n.messages().get(0).name(), n.toString());
        return n.messages().get(0);
    }

    @Test
    void aSetVarFeedsAMessageArgumentThroughVarInHaproxysOrder() {
        assertEquals(200, get("/a", "x-in", "hello").statusCode());
        Message req = take("m-req");
        assertEquals(TypedValue.string("tcp"), req.arg("early"), "tcp-request content rules run before the event");
        assertEquals(TypedValue.NULL, req.arg("x"), "on-frontend-http-request fires before the http-request rules");
        Message grp = take("m-x");
        assertEquals(TypedValue.string("hello"), grp.arg("x"));
        assertEquals(TypedValue.string("/a"), grp.arg("p"), "a set-var after the event reads the agent's variable");
        assertEquals(TypedValue.string("tcp"), grp.arg("early"));
        assertEquals(TypedValue.string("first"), grp.arg("kept"), "a missing sample leaves the variable alone");
        Harness.Seen seen = h.takeSeen();
        assertEquals(Sample.str("/a"), seen.variables().get("txn.p"));
        assertEquals(null, seen.variables().get("req.x"), "req variables are pruned before the next handler runs");
        List<SpoeResult> results = seen.spoe().results();
        assertEquals(List.of("on-client-session", "on-frontend-http-request", "g-x"),
                results.stream().map(SpoeResult::name).toList().subList(0, 3), results::toString);
        take("m-res");
    }

    @Test
    void aSetVarWhoseConditionDoesNotHoldIsSkipped() {
        assertEquals(200, get("/plain").statusCode());
        take("m-req");
        assertEquals(TypedValue.NULL, take("m-x").arg("c"), "path_beg /cond does not hold");
        take("m-res");
        h.takeSeen();
        assertEquals(200, get("/cond/1").statusCode());
        take("m-req");
        assertEquals(TypedValue.string("cond"), take("m-x").arg("c"));
        take("m-res");
        h.takeSeen();
    }

    @Test
    void anUnsetVarRemovesTheVariableWhenItsConditionHolds() {
        assertEquals(200, get("/u").statusCode());
        take("m-req");
        assertEquals(TypedValue.string("set"), take("m-x").arg("gone"));
        take("m-res");
        h.takeSeen();
        assertEquals(200, get("/u", "x-unset", "1").statusCode());
        take("m-req");
        assertEquals(TypedValue.NULL, take("m-x").arg("gone"), "unset-var removed it");
        take("m-res");
        assertEquals(null, h.takeSeen().variables().get("txn.gone"));
    }

    @Test
    void responseRulesRunAroundOnHttpResponseInTheResponseGate() {
        HttpResponse<String> r = get("/r", "x-in", "v");
        assertEquals(200, r.statusCode());
        take("m-req");
        take("m-x");
        Message res = take("m-res");
        assertEquals(TypedValue.int64(200), res.arg("r"), "tcp-response content rules run before on-http-response");
        assertEquals(TypedValue.NULL, res.arg("late"), "http-response rules run after on-http-response");
        assertEquals(TypedValue.NULL, res.arg("x"), "req variables are pruned once the request is forwarded");
        Harness.Seen seen = h.takeSeen();
        // the client has the response, so the gate opened after every response step ran
        assertEquals(Sample.integer(200), seen.spoe().variables().get("txn.sv.r"));
        assertEquals(Sample.integer(200), seen.spoe().variables().get("txn.after"), "http-response set-var read it");
        assertEquals(Sample.str("late"), seen.spoe().variables().get("res.late"));
    }
}

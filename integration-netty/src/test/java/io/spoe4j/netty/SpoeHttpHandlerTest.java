package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.Origin;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpoeHttpHandlerTest {
    private final GatewayHarness h = new GatewayHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void variablesReachTheUpstreamAsHeadersAndForgedOnesAreRemoved() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN)).build());

        HttpResponse<String> r = h.http.send(HttpRequest.newBuilder(h.uri("/hello?x=1"))
                .header("X-Spoe-Txn-Ex-Method", "FORGED").header("x-spoe-other", "forged").timeout(GatewayHarness.WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, r.statusCode());
        Map<String, String> echo = GatewayHarness.lines(r.body());
        assertEquals("GET", echo.get("x-spoe-txn-ex-method"), r.body());
        assertEquals("/hello", echo.get("x-spoe-txn-ex-path"), r.body());
        long score = ExampleAgent.ipScore(new byte[] {127, 0, 0, 1});
        RecordedNotify session = h.agent.takeNotify(GatewayHarness.WAIT);
        assertEquals(Long.toString(score), echo.get("x-spoe-sess-ex-ip_score"), r.body() + "\n" + session);
        assertNull(echo.get("x-spoe-other"), r.body());
        assertEquals(ExampleAgent.CHECK_CLIENT_IP, session.messages().get(0).name());
        RecordedNotify request = h.agent.takeNotify(GatewayHarness.WAIT);
        assertEquals("echo", request.messages().get(0).name());
    }

    @Test
    void haproxyRulesDenyRedirectRewriteAndRouteOnVariables() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN))
                .proxyRules(GatewayHarness.rules(
                        "http-request deny deny_status 429 if { var(txn.ex.path) -m beg /admin }",
                        "http-request redirect location /new if { var(txn.ex.path) -m str /old }",
                        "http-request set-path /rewritten%[path] if { var(txn.ex.path) -m beg /rw }",
                        "http-request set-header x-spoe-txn-ex-forged no",
                        "use_backend blue if { var(txn.ex.path) -m end .blue }"))
                .build());

        HttpResponse<String> denied = h.get("/admin/x");
        assertEquals(429, denied.statusCode());
        HttpResponse<String> redirect = h.get("/old");
        assertEquals(302, redirect.statusCode());
        assertEquals(Optional.of("/new"), redirect.headers().firstValue("location"));
        assertEquals("blue", GatewayHarness.lines(h.get("/x.blue").body()).get("backend"));
        Map<String, String> rewritten = GatewayHarness.lines(h.get("/rw/a").body());
        assertEquals("/rewritten/rw/a", rewritten.get("path"), rewritten.toString());
        HttpResponse<String> ok = h.get("/fine");
        assertEquals(200, ok.statusCode());
        assertNull(GatewayHarness.lines(ok.body()).get("backend"));
        // a header the rules set with the variable prefix is stripped like a client's, so none can be forged
        assertNull(GatewayHarness.lines(ok.body()).get("x-spoe-txn-ex-forged"), ok.body());
    }

    @Test
    void badRulesAreRejectedWithTheProblemNamed() {
        io.spoe4j.config.SpoeConfigException e = assertThrows(io.spoe4j.config.SpoeConfigException.class,
                () -> GatewayHarness.rules("http-request deny if { no_such_fetch }"));
        assertTrue(e.getMessage().contains("no_such_fetch"), e.getMessage());
        IllegalArgumentException noEngine = assertThrows(IllegalArgumentException.class,
                () -> SpoeHttpOptions.builder().build());
        assertTrue(noEngine.getMessage().startsWith("engine"), noEngine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpoeHttpOptions.builder().requestHeaderPrefix("x spoe"));
    }

    @Test
    void groupRulesRunWhenTheirConditionHolds() throws Exception {
        h.agent();
        SpoeEngine engine = h.engine(FailurePolicy.FAIL_OPEN);
        SendSpoeGroupRule rule = new SendSpoeGroupRule("gw", RuleDirection.HTTP_REQUEST, "ex", "grp",
                Optional.of(AclCompiler.standard().condition(List.of("if", "{", "path_beg", "/api", "}"), Map.of())),
                Origin.JAVA);
        h.start(SpoeHttpOptions.builder().engine(engine).groupRules(List.of(rule)).build());

        Map<String, String> api = GatewayHarness.lines(h.get("/api/v1").body());
        assertEquals("/api/v1", api.get("x-spoe-txn-ex-group_path"), api.toString());
        Map<String, String> other = GatewayHarness.lines(h.get("/web").body());
        assertNull(other.get("x-spoe-txn-ex-group_path"), other.toString());
        assertEquals("/web", other.get("x-spoe-txn-ex-path"), other.toString());
    }

    @Test
    void agentDownFailOpenLetsRequestsThroughAndFailClosedRejectsThem() throws Exception {
        String down;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = "127.0.0.1:" + s.getLocalPort();
        }
        String conf = GatewayHarness.CONF.formatted("2s");
        h.start(SpoeHttpOptions.builder().engine(h.engine(conf, down, FailurePolicy.FAIL_OPEN)).build());
        HttpResponse<String> open = h.get("/open");
        assertEquals(200, open.statusCode());
        Map<String, String> echo = GatewayHarness.lines(open.body());
        assertNull(echo.get("x-spoe-txn-ex-path"), open.body());
        // on-client-session failed first, which disables the engine for the session (no continue-on-error).
        assertEquals("/open", echo.get("path"), open.body());
        h.server.close().await(GatewayHarness.WAIT.toMillis());

        h.start(SpoeHttpOptions.builder().engine(h.engine(conf.replace("[ex]", "[ex]"), down,
                FailurePolicy.FAIL_CLOSED)).build());
        HttpResponse<String> closed = h.get("/closed");
        assertEquals(SpoeHttpOptions.DEFAULT_FAIL_CLOSED_STATUS, closed.statusCode());
        assertFalse(closed.body().contains("path:"), closed.body());
        // Later requests of the connection (the engine is disabled for its session) are rejected too.
        assertEquals(SpoeHttpOptions.DEFAULT_FAIL_CLOSED_STATUS, h.get("/closed-again").statusCode());
    }

    @Test
    void slowAgentTimesOutAndTheErrorVariableDrivesACorazaStyleRule() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder()
                .engine(h.engine(GatewayHarness.CONF.formatted("300ms"), h.agent.endpoint(), FailurePolicy.FAIL_OPEN))
                .proxyRules(GatewayHarness.rules("http-request deny if { var(txn.ex.error) -m int gt 0 }")).build());
        // First the on-client-session NOTIFY is answered by the dispatcher; the request's NOTIFY stalls.
        h.agent.enqueue(Response.empty());
        h.agent.enqueue(Response.fault(new Fault.Stall()));
        HttpResponse<String> r = h.get("/slow");
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(200, h.get("/fast").statusCode());
    }

    @Test
    void failClosedOnTimeoutRejects() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().failClosedStatus(504)
                .engine(h.engine(GatewayHarness.CONF.formatted("300ms"), h.agent.endpoint(),
                        FailurePolicy.FAIL_CLOSED)).build());
        h.agent.enqueue(Response.empty());
        h.agent.enqueue(Response.fault(new Fault.Stall()));
        assertEquals(504, h.get("/slow").statusCode());
    }
}

package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static io.spoe4j.client.engine.EngineHarness.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.BackendConfig;
import io.spoe4j.config.ServerConfig;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building engines from files, a whole haproxy.cfg setup or Java, and the builder's checks. */
class EngineBuilderTest {
    static final String SPOE_CONF = """
            [waf]
            spoe-agent waf-agent
                messages check
                option var-prefix waf
                timeout processing 20s
                use-backend agents
            spoe-message check
                args method=method path=path
                event on-frontend-http-request
            """;

    private final EngineHarness h = new EngineHarness();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void fromAHaproxyCfgSetupWithItsBackend() throws Exception {
        SpoaAgent agent = h.agent();
        Files.writeString(dir.resolve("spoe.conf"), SPOE_CONF);
        String cfg = """
                frontend fe
                    mode http
                    bind :8080
                    filter spoe engine waf config spoe.conf
                backend agents
                    mode tcp
                    server a1 %s
                """.formatted(agent.endpoint());
        SpoeSetup setup = SpoeConfigReader.standard().parseHaproxyCfg("haproxy.cfg", cfg, dir);
        SpoeEngine engine = h.track(SpoeEngine.builder().setup(setup, "fe", "waf").threads(1).build());
        assertEquals("waf", engine.name());
        assertEquals(FailurePolicy.FAIL_OPEN, engine.failurePolicy());

        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/x")));
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(Status.PROCESSED, r.status(), r::toString);
        assertEquals("a1", r.server(), "the server name comes from the backend section");
        assertEquals("check", take(agent).messages().get(0).name());
    }

    @Test
    void fromASpoeConfFileAndExplicitServers() throws Exception {
        SpoaAgent agent = h.agent();
        Path file = Files.writeString(dir.resolve("waf.conf"), SPOE_CONF);
        SpoeEngine engine = h.track(SpoeEngine.builder().spoeConf(file, "waf").server(agent.endpoint())
                .failurePolicy(FailurePolicy.FAIL_CLOSED).threads(1).build());
        assertEquals(FailurePolicy.FAIL_CLOSED, engine.failurePolicy());
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/x")));
        assertEquals(Status.PROCESSED, await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)).status());
    }

    @Test
    void callsReturnAtOnceWhileTheAgentIsSlow() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeEngine engine = h.engine(EngineHarness.parse(SPOE_CONF, "waf"), agent, FailurePolicy.FAIL_OPEN);
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/x")));
        CompletableFuture<SpoeResult> pending = txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST).toCompletableFuture();
        assertFalse(pending.isDone(), "the exchange runs in the background until its 20 s deadline");
        take(agent);
        txn.close();
        assertEquals(4, await(pending).errorCode());
    }

    @Test
    void theBuilderNamesWhatIsMissingOrWrong() {
        IllegalArgumentException noConfig = assertThrows(IllegalArgumentException.class,
                () -> SpoeEngine.builder().server("127.0.0.1:1").build());
        assertTrue(noConfig.getMessage().contains("config"), noConfig.getMessage());

        SpoeEngine.Builder noServer = SpoeEngine.builder().config(EngineHarness.parse(SPOE_CONF, "waf"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, noServer::build);
        assertTrue(e.getMessage().contains("use-backend 'agents'"), e.getMessage());

        BackendConfig tls = BackendConfig.builder("agents").mode("tcp")
                .server(ServerConfig.builder("s1", "127.0.0.1:1").ssl(true).build()).build();
        IllegalArgumentException ssl = assertThrows(IllegalArgumentException.class,
                () -> SpoeEngine.builder().config(EngineHarness.parse(SPOE_CONF, "waf")).backend(tls).build());
        assertTrue(ssl.getMessage().contains("'s1'") && ssl.getMessage().contains("sslContext"), ssl.getMessage());

        assertThrows(IllegalArgumentException.class, () -> SpoeEngine.builder().threads(-1));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SpoeEngine.builder().setup(SpoeSetup.builder().build(), "fe", "nope"));
        assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
    }

    @Test
    void theAdapterViewAnswersVarFromTheEngineThenFromTheAdapter() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "block", TypedValue.bool(true))));
        SpoeEngine engine = h.engine(EngineHarness.parse(SPOE_CONF, "waf"), agent, FailurePolicy.FAIL_OPEN);
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/"))).newTransaction(
                EngineHarness.request("GET", "/x").variable("txn.app.name", Sample.str("shop")).build()));
        assertNull(txn.attributes().variable("txn.waf.block"));
        await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(Sample.bool(true), txn.attributes().variable("txn.waf.block"));
        assertEquals(Sample.str("shop"), txn.attributes().variable("txn.app.name"));

        txn.attributes(txn.attributes());
        assertEquals("/x", txn.attributes().uri(), "re-wrapping the view does not nest it");
        assertEquals(Sample.bool(true), txn.attributes().variable("txn.waf.block"));
    }
}

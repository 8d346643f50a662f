package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static io.spoe4j.client.engine.EngineHarness.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SpoeEngine#sendGroup(String, RequestAttributes)} and {@link SpoeEngine#fire(SpoeEvent, RequestAttributes)}:
 * one call from code, misuse reported through the stage, an agent that is down a failed result naming its backend.
 */
class OneCallTest {
    static final String CONF = """
            spoe-agent waf-agent
                messages on-req
                groups check
                option var-prefix waf
                timeout processing 20s
                use-backend agents
            spoe-message on-req
                args path=path
                event on-frontend-http-request
            spoe-message inspect
                args method=method path=path
            spoe-group check
                messages inspect
            """;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static Throwable failure(CompletionStage<SpoeResult> stage) {
        try {
            SpoeResult r = stage.toCompletableFuture().get(EngineHarness.BOUND_SECONDS, TimeUnit.SECONDS);
            return fail("the stage should have failed, got " + r);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("the stage did not complete");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void sendGroupSendsTheGroupAndTheResultReadsWithTheNaturalComparison() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "action", TypedValue.string("deny")),
                Action.setVar(Scope.TXN, "score", TypedValue.int32(90))));

        SpoeResult r = await(engine.sendGroup("check", get("/admin")));

        assertEquals(Status.PROCESSED, r.status(), r::toString);
        assertEquals(List.of("inspect"), r.messages());
        assertTrue(r.variables().text("txn.waf.action").orElse("").equals("deny"), r.variables()::toString);
        assertEquals(90, r.variables().integer("txn.waf.score").orElse(-1));
        RecordedNotify n = take(agent);
        assertEquals(TypedValue.string("/admin"), n.arg("inspect", "path"));
    }

    @Test
    void eachCallIsItsOwnSessionAndTransaction() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "action", TypedValue.string("deny"))));
        await(engine.sendGroup("check", get("/1")));
        SpoeResult second = await(engine.sendGroup("check", get("/2")));
        assertEquals(Status.PROCESSED, second.status(), second::toString);
        assertEquals(Optional.empty(), second.variables().text("txn.waf.action"), "no txn variable carried over");
        take(agent);
        assertEquals(TypedValue.string("/2"), take(agent).arg("inspect", "path"));
    }

    @Test
    void fireSendsTheMessagesOfAnEvent() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        SpoeResult r = await(engine.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST, get("/x")));
        assertEquals(Status.PROCESSED, r.status(), r::toString);
        assertEquals(List.of("on-req"), r.messages());
        SpoeResult none = await(engine.fire(SpoeEvent.ON_CLIENT_SESSION, get("/x")));
        assertEquals(SpoeResult.SkipReason.NO_MESSAGE, none.skipReason(), none::toString);
    }

    @Test
    void anUnknownGroupFailsTheStageNamingTheGroupsAndAMessageNameIsExplained() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        Throwable e = failure(engine.sendGroup("nope", get("/")));
        assertInstanceOf(IllegalArgumentException.class, e);
        assertEquals("SPOE engine 'waf-agent' has no group 'nope' (its groups: check)", e.getMessage());

        Throwable m = failure(engine.sendGroup("inspect", get("/")));
        assertInstanceOf(IllegalArgumentException.class, m);
        assertTrue(m.getMessage().contains("'inspect' is a spoe-message"), m::getMessage);
        assertEquals(0, agent.notifyCount(), "nothing was sent");
    }

    @Test
    void aClosedEngineFailsTheStage() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        engine.close();
        Throwable e = failure(engine.sendGroup("check", get("/")));
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals("SPOE engine 'waf-agent' is closed", e.getMessage());
        assertInstanceOf(IllegalStateException.class, failure(engine.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST, get("/"))));
    }

    @Test
    void onlyNullArgumentsThrow() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        assertThrows(NullPointerException.class, () -> engine.sendGroup(null, get("/")));
        assertThrows(NullPointerException.class, () -> engine.sendGroup("check", null));
        assertThrows(NullPointerException.class, () -> engine.fire(null, get("/")));
        assertThrows(NullPointerException.class, () -> engine.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST, null));
    }

    @Test
    void anAgentThatIsDownIsAFailedResultWhoseErrorNamesTheAgentBackend() throws IOException {
        String dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = "127.0.0.1:" + s.getLocalPort();
        }
        SpoeEngine engine = h.track(SpoeEngine.builder().config(EngineHarness.parse(CONF, null)).server(dead)
                .threads(1).failurePolicy(FailurePolicy.FAIL_CLOSED).build());

        SpoeResult r = await(engine.sendGroup("check", get("/")));

        assertEquals(Status.FAILED, r.status(), r::toString);
        assertTrue(r.shouldBlock());
        SpoeConnectionException c = assertInstanceOf(SpoeConnectionException.class, r.error());
        assertTrue(c.detail().endsWith("cannot connect to " + dead + ": connection refused (agent backend 'agents')"),
                c::detail);
        Throwable connect = failure(engine.connect().thenApply(v -> (SpoeResult) null));
        assertTrue(connect.getMessage().contains("connection refused (agent backend 'agents')"), connect::getMessage);
    }
}

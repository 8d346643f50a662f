package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static io.spoe4j.client.engine.EngineHarness.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.SkipReason;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions (downstream connections): on-client-session once, sess variables, several engines side by side. */
class EngineSessionsTest {
    static final String CONF = """
            spoe-agent sess-agent
                messages conn req
                option var-prefix s
                option set-on-error err
                timeout processing PROCESSING
                use-backend agents
            spoe-message conn
                args ip=src
                event on-client-session
            spoe-message req
                args seen=var(sess.s.count) p=path
                event on-frontend-http-request
            """;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private SpoeEngine engine(SpoaAgent agent, String timeout) {
        return h.engine(CONF.replace("PROCESSING", timeout), agent);
    }

    @Test
    void onClientSessionFiresOncePerSessionBeforeItsTransactions() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.actions(Action.setVar(Scope.SESS, "count", TypedValue.int32(1))));
        SpoeSession session = h.track(engine(agent, "20s").newSession(get("/")));
        SpoeTransaction t1 = h.track(session.newTransaction(get("/one")));
        CompletionStage<SpoeResult> r1 = t1.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST);
        SpoeTransaction t2 = h.track(session.newTransaction(get("/two")));
        CompletionStage<SpoeResult> r2 = t2.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST);

        SpoeResult cs = await(session.clientSessionResult());
        assertEquals(Status.PROCESSED, cs.status(), cs::toString);
        assertEquals("on-client-session", cs.name());
        assertEquals(Status.PROCESSED, await(r1).status());
        assertEquals(Status.PROCESSED, await(r2).status());

        assertEquals("conn", take(agent).messages().get(0).name(), "on-client-session goes first");
        for (int i = 0; i < 2; i++) {
            var m = take(agent).messages().get(0);
            assertEquals("req", m.name());
            assertEquals(TypedValue.int64(1), m.arg("seen"), "each transaction sees the session's variable");
        }
        assertEquals(3, agent.notifyCount(), "on-client-session was not sent again for the second transaction");
    }

    @Test
    void sessVariablesAreSharedByTheTransactionsOfOneSessionOnly() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = engine(agent, "20s");
        SpoeSession a = h.track(engine.newSession(get("/")));
        await(a.clientSessionResult());
        SpoeTransaction a1 = h.track(a.newTransaction(get("/a1")));
        agent.enqueue(Response.actions(Action.setVar(Scope.SESS, "count", TypedValue.uint32(7)),
                Action.setVar(Scope.TXN, "only", TypedValue.bool(true))));
        await(a1.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));

        SpoeTransaction a2 = h.track(a.newTransaction(get("/a2")));
        assertEquals(Sample.integer(7), a2.variables().get("sess.s.count"));
        assertNull(a2.variables().get("txn.s.only"), "txn variables stay with their transaction");
        assertEquals(Sample.bool(true), a1.variables().get("txn.s.only"));
        assertEquals(Sample.integer(7), a.variables().get("sess.s.count"));

        SpoeSession b = h.track(engine.newSession(get("/")));
        await(b.clientSessionResult());
        SpoeTransaction b1 = h.track(b.newTransaction(get("/b1")));
        assertNull(b1.variables().get("sess.s.count"), "another connection has its own sess store");
        await(b1.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        var notifies = new java.util.ArrayList<io.spoe4j.codec.Message>();
        for (int i = 0; i < 4; i++) {
            notifies.add(take(agent).messages().get(0));
        }
        var last = notifies.get(3);
        assertEquals(TypedValue.string("/b1"), last.arg("p"));
        assertEquals(TypedValue.NULL, last.arg("seen"), "a missing variable is sent as NULL");
    }

    @Test
    void anOnClientSessionErrorDisablesTheSessionWithoutContinueOnError() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.stall()));
        SpoeSession session = h.track(engine(agent, "300ms").newSession(get("/")));
        SpoeResult cs = await(session.clientSessionResult());
        assertEquals(1, cs.errorCode(), cs::toString);
        assertTrue(session.disabled());
        assertEquals(Sample.integer(1), session.variables().get("txn.s.err"));
        SpoeTransaction txn = h.track(session.newTransaction(get("/")));
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(SkipReason.DISABLED, r.skipReason(), "skipped: no NOTIFY was sent for the transaction");
    }

    @Test
    void enginesSideBySideHaveTheirOwnAgentsIdsAndVariables() {
        SpoaAgent agentA = h.agent();
        SpoaAgent agentB = h.agent();
        SpoeEngine a = engine(agentA, "20s");
        SpoeEngine b = h.engine(EngineHarness.parse(CONF.replace("PROCESSING", "20s").replace("var-prefix s",
                "var-prefix other"), null), agentB, io.spoe4j.client.FailurePolicy.FAIL_OPEN);
        assertNotEquals(a.engineId(), b.engineId());
        agentA.enqueue(Response.actions(Action.setVar(Scope.SESS, "count", TypedValue.int64(1))));
        agentB.enqueue(Response.actions(Action.setVar(Scope.SESS, "count", TypedValue.int64(2))));
        SpoeSession sa = h.track(a.newSession(get("/")));
        SpoeSession sb = h.track(b.newSession(get("/")));
        await(sa.clientSessionResult());
        await(sb.clientSessionResult());
        assertEquals(Sample.integer(1), sa.variables().get("sess.s.count"));
        assertEquals(Sample.integer(2), sb.variables().get("sess.other.count"));
        assertNull(sa.variables().get("sess.other.count"));
        assertEquals(a.engineId(), agentA.takeHello(EngineHarness.WAIT).hello().engineId());
        assertEquals(b.engineId(), agentB.takeHello(EngineHarness.WAIT).hello().engineId());
        assertEquals(1, agentA.notifyCount());
        assertEquals(1, agentB.notifyCount());
    }

    @Test
    void closingASessionInterruptsOnClientSessionAndSkipsItsTransactions() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.stall()));
        SpoeSession session = h.track(engine(agent, "20s").newSession(get("/")));
        take(agent);
        session.close();
        SpoeResult cs = await(session.clientSessionResult());
        assertEquals(4, cs.errorCode(), cs::toString);
        SpoeTransaction txn = h.track(session.newTransaction(get("/")));
        assertEquals(SkipReason.DISABLED, await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)).skipReason());
    }

    @Test
    void concurrentTransactionsEachGetTheirOwnAnswer() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(n -> {
            var req = n.message("req");
            return req == null ? Response.empty()
                    : Response.actions(Action.setVar(Scope.TXN, "echo", req.arg("p")));
        });
        SpoeEngine engine = engine(agent, "20s");
        int count = 200;
        var txns = new java.util.ArrayList<SpoeTransaction>();
        var results = new java.util.ArrayList<CompletionStage<SpoeResult>>();
        for (int i = 0; i < count; i++) {
            SpoeSession session = h.track(engine.newSession(get("/")));
            SpoeTransaction txn = h.track(session.newTransaction(get("/t" + i)));
            txns.add(txn);
            results.add(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        }
        for (int i = 0; i < count; i++) {
            SpoeResult r = await(results.get(i));
            assertEquals(Status.PROCESSED, r.status(), r::toString);
            assertEquals(Sample.str("/t" + i), txns.get(i).variables().get("txn.s.echo"));
        }
        assertEquals(2 * count, agent.notifyCount(), "one on-client-session and one request per transaction");
    }
}

package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static io.spoe4j.client.engine.EngineHarness.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.DropReason;
import io.spoe4j.client.SpoeResult.DroppedVariable;
import io.spoe4j.client.SpoeResult.SkipReason;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.client.SpoeResult.Variable;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ACK actions applied to the stores with HAProxy's naming rules, and seen by later events. */
class EngineVariablesTest {
    static final String CONF = """
            spoe-agent var-agent
                messages first second resp
                groups chain
                option var-prefix vp
                register-var-names allowed
                timeout processing 20s
                use-backend agents
            spoe-message first
                args a=str(1)
                event on-frontend-http-request
            spoe-message second
                args id=var(txn.vp.id) span=var(sess.vp.span)
                event on-backend-http-request if { var(txn.vp.go) -m str yes }
            spoe-message resp
                args id=var(txn.vp.id) r=var(req.vp.r)
                event on-http-response
            spoe-message chained
                args id=var(txn.vp.id) app=var(txn.app.name)
            spoe-group chain
                messages chained
            """;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private SpoeTransaction txn(SpoeEngine engine) {
        SpoeSession session = h.track(engine.newSession(get("/")));
        return h.track(session.newTransaction(get("/")));
    }

    @Test
    void variablesSetByOneEventFeedTheArgumentsAndConditionsOfLaterOnes() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/")))
                .newTransaction(EngineHarness.request("GET", "/").variable("txn.app.name", Sample.str("shop")).build()));
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "id", TypedValue.string("abc")),
                Action.setVar(Scope.TXN, "go", TypedValue.string("yes")),
                Action.setVar(Scope.SESS, "span", TypedValue.uint64(77)),
                Action.setVar(Scope.REQ, "r", TypedValue.string("rv"))));

        SpoeResult first = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(List.of(new Variable("txn.vp.id", Sample.str("abc")), new Variable("txn.vp.go", Sample.str("yes")),
                new Variable("sess.vp.span", Sample.integer(77)), new Variable("req.vp.r", Sample.str("rv"))),
                first.applied());
        take(agent);

        SpoeResult second = await(txn.fire(SpoeEvent.ON_BACKEND_HTTP_REQUEST));
        assertEquals(Status.PROCESSED, second.status(), "the condition reads the variable set by the first event");
        Message m = take(agent).messages().get(0);
        assertEquals(TypedValue.string("abc"), m.arg("id"));
        assertEquals(TypedValue.int64(77), m.arg("span"), "agent integers are stored as signed 64-bit");

        txn.attributes(EngineHarness.request("GET", "/").responseStatus(200)
                .variable("txn.app.name", Sample.str("shop")).build());
        await(txn.fire(SpoeEvent.ON_HTTP_RESPONSE));
        Message resp = take(agent).messages().get(0);
        assertEquals(TypedValue.string("abc"), resp.arg("id"), "Coraza's response phase reads the request's id");
        assertEquals(TypedValue.string("rv"), resp.arg("r"));

        await(txn.sendGroup("chain"));
        Message chained = take(agent).messages().get(0);
        assertEquals(TypedValue.string("abc"), chained.arg("id"));
        assertEquals(TypedValue.string("shop"), chained.arg("app"), "names the engine does not hold come from the adapter");
    }

    @Test
    void requestForwardedOnATransactionThatNeverSetAVariable() {
        SpoeTransaction txn = txn(h.engine(CONF, h.agent()));
        txn.requestForwarded();
        assertEquals(java.util.Map.of(), txn.variables().snapshot());
    }

    @Test
    void requestForwardedDropsReqAndResVariablesAndKeepsTxnAndSess() {
        SpoaAgent agent = h.agent();
        SpoeTransaction txn = txn(h.engine(CONF, agent));
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "id", TypedValue.string("abc")),
                Action.setVar(Scope.SESS, "span", TypedValue.uint64(77)),
                Action.setVar(Scope.REQ, "r", TypedValue.string("rv")),
                Action.setVar(Scope.RES, "early", TypedValue.string("set-during-the-request"))));
        await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        take(agent);
        assertEquals(Sample.str("rv"), txn.variables().get("req.vp.r"));

        txn.requestForwarded();

        assertNull(txn.variables().get("req.vp.r"), "HAProxy prunes its req/res store once connected to the server");
        assertNull(txn.variables().get("res.vp.early"), "one store for req and res in HAProxy: both pruned");
        assertEquals(Sample.str("abc"), txn.variables().get("txn.vp.id"));
        assertEquals(Sample.integer(77), txn.variables().get("sess.vp.span"));
        assertEquals(java.util.Set.of("txn.vp.id", "sess.vp.span"), txn.variables().snapshot().keySet());

        txn.attributes(EngineHarness.request("GET", "/").responseStatus(200).build());
        agent.enqueue(Response.actions(Action.setVar(Scope.RES, "late", TypedValue.string("kept")),
                Action.setVar(Scope.REQ, "again", TypedValue.string("kept too"))));
        await(txn.fire(SpoeEvent.ON_HTTP_RESPONSE));
        Message resp = take(agent).messages().get(0);
        assertEquals(TypedValue.NULL, resp.arg("r"), "on-http-response sees var(req.vp.r) as absent");
        assertEquals(TypedValue.string("abc"), resp.arg("id"));
        assertEquals(Sample.str("kept"), txn.variables().get("res.vp.late"), "variables set after the prune stay");
        assertEquals(Sample.str("kept too"), txn.variables().get("req.vp.again"));
    }

    @Test
    void withoutTheVariableTheConditionalMessageIsNotSent() {
        SpoaAgent agent = h.agent();
        SpoeTransaction txn = txn(h.engine(CONF, agent));
        SpoeResult r = await(txn.fire(SpoeEvent.ON_BACKEND_HTTP_REQUEST));
        assertEquals(SkipReason.NO_MESSAGE, r.skipReason());
        assertEquals(0, agent.notifyCount());
    }

    @Test
    void nullValueAndUnsetVarRemoveVariables() {
        SpoaAgent agent = h.agent();
        SpoeTransaction txn = txn(h.engine(CONF, agent));
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "a", TypedValue.int32(-5)),
                Action.setVar(Scope.TXN, "b", TypedValue.bool(true)),
                Action.setVar(Scope.RES, "c", TypedValue.ipv4(new byte[] {10, 0, 0, 1}))));
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "a", TypedValue.NULL),
                Action.unsetVar(Scope.TXN, "b")));
        await(txn.sendGroup("chain"));
        assertEquals(Sample.integer(-5), txn.variables().get("txn.vp.a"));
        assertEquals(Sample.bool(true), txn.variables().get("txn.vp.b"));
        assertEquals(new Sample.Ipv4(new byte[] {10, 0, 0, 1}), txn.variables().get("res.vp.c"));

        SpoeResult r = await(txn.sendGroup("chain"));
        assertEquals(List.of(new Variable("txn.vp.a", null), new Variable("txn.vp.b", null)), r.applied());
        assertNull(txn.variables().get("txn.vp.a"));
        assertNull(txn.variables().get("txn.vp.b"));
        assertEquals(1, txn.variables().snapshot().size(), txn.variables().snapshot()::toString);
    }

    @Test
    void namesLongerThan63BytesAreDroppedAndReported() {
        SpoaAgent agent = h.agent();
        SpoeTransaction txn = txn(h.engine(CONF, agent));
        String fits = "x".repeat(63 - "txn.vp.".length());
        String tooLong = fits + "y";
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, fits, TypedValue.string("ok")),
                Action.setVar(Scope.TXN, tooLong, TypedValue.string("dropped")),
                Action.unsetVar(Scope.TXN, tooLong)));
        SpoeResult r = await(txn.sendGroup("chain"));
        assertEquals(List.of(new Variable("txn.vp." + fits, Sample.str("ok"))), r.applied());
        assertEquals(List.of(new DroppedVariable("txn.vp." + tooLong, DropReason.NAME_TOO_LONG),
                new DroppedVariable("txn.vp." + tooLong, DropReason.NAME_TOO_LONG)), r.dropped());
        assertNull(txn.variables().get("txn.vp." + tooLong));
        assertEquals(63, ("txn.vp." + fits).length());
    }

    @Test
    void procVariablesNeedRegistrationOrForceSetVarAndAreSharedByTheEngine() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        SpoeTransaction txn = txn(engine);
        agent.enqueue(Response.actions(Action.setVar(Scope.PROC, "allowed", TypedValue.uint32(1)),
                Action.setVar(Scope.PROC, "other", TypedValue.uint32(2))));
        SpoeResult r = await(txn.sendGroup("chain"));
        assertEquals(List.of(new Variable("proc.vp.allowed", Sample.integer(1))), r.applied());
        assertEquals(List.of(new DroppedVariable("proc.vp.other", DropReason.NOT_REGISTERED)), r.dropped());
        assertEquals(Sample.integer(1), engine.processVariables().get("proc.vp.allowed"));
        assertEquals(Sample.integer(1), txn(engine).variables().get("proc.vp.allowed"), "proc is per engine");

        SpoaAgent forced = h.agent();
        SpoeEngine force = h.engine(EngineHarness.parse(CONF.replace("register-var-names allowed",
                "option force-set-var"), null), forced, FailurePolicy.FAIL_OPEN);
        forced.enqueue(Response.actions(Action.setVar(Scope.PROC, "other", TypedValue.binary(new byte[] {1, 2}))));
        SpoeResult f = await(txn(force).sendGroup("chain"));
        assertTrue(f.dropped().isEmpty(), f::toString);
        assertArrayEquals(new byte[] {1, 2}, ((Sample.Bin) force.processVariables().get("proc.vp.other")).bytes());
        assertNull(engine.processVariables().get("proc.vp.other"), "engines do not share proc variables");
    }
}

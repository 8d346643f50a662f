package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static io.spoe4j.client.engine.EngineHarness.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.SpoaAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SpoeTransaction#setVariable} and {@link SpoeTransaction#unsetVariable}: what haproxy.cfg set-var rules do. */
class TransactionSetVariableTest {
    static final String CONF = """
            spoe-agent sv-agent
                messages m
                option var-prefix sv
                timeout processing 20s
                use-backend agents
            spoe-message m
                args client=var(req.oidc_client_id) path=var(txn.path) s=var(sess.s) p=var(proc.p) r=var(res.r)
                event on-frontend-http-request if { var(txn.go) -m bool }
            """;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void variablesSetByNameFeedArgumentsAndConditionsAndUnsetRemovesThem() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        SpoeSession session = h.track(engine.newSession(get("/")));
        SpoeTransaction txn = h.track(session.newTransaction(get("/")));

        assertEquals(Status.SKIPPED, await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)).status(),
                "the condition reads txn.go, not set yet");
        txn.setVariable("txn.go", Sample.bool(true));
        txn.setVariable("req.oidc_client_id", Sample.str("myclient"));
        txn.setVariable("txn.path", Sample.str("/api"));
        txn.setVariable("sess.s", Sample.integer(-4));
        txn.setVariable("proc.p", Sample.integer(9));
        txn.setVariable("res.r", Sample.str("x"));
        txn.unsetVariable("res.r");
        txn.unsetVariable("txn.never.set");
        assertEquals(Sample.str("myclient"), txn.variables().get("req.oidc_client_id"));
        assertEquals(Sample.integer(-4), session.variables().get("sess.s"), "sess lives in the session");

        assertEquals(Status.PROCESSED, await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)).status());
        Message m = take(agent).messages().get(0);
        assertEquals(TypedValue.string("myclient"), m.arg("client"));
        assertEquals(TypedValue.string("/api"), m.arg("path"));
        assertEquals(TypedValue.int64(-4), m.arg("s"));
        assertEquals(TypedValue.int64(9), m.arg("p"));
        assertEquals(TypedValue.NULL, m.arg("r"));

        SpoeTransaction next = h.track(session.newTransaction(get("/")));
        assertNull(next.variables().get("txn.path"), "txn is per transaction");
        assertEquals(Sample.integer(-4), next.variables().get("sess.s"));
        next.unsetVariable("sess.s");
        assertNull(txn.variables().get("sess.s"), "one session store");
    }

    @Test
    void namesWithoutAnEngineScopeAreRejected() {
        SpoeEngine engine = h.engine(CONF, h.agent());
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/")));
        for (String bad : new String[] {"path", "txn.", "check.x", "foo.bar", ".x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> txn.setVariable(bad, Sample.str("v")), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> txn.unsetVariable(bad), bad);
        }
        assertThrows(NullPointerException.class, () -> txn.setVariable("txn.x", null));
        assertTrue(txn.variables().snapshot().isEmpty(), txn.variables().snapshot().toString());
    }
}

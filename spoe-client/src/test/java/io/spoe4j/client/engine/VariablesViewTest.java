package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SpoeVariables#isEmpty()} and {@link SpoeVariables#forEach} of the engine's view agree with its snapshot. */
class VariablesViewTest {
    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static Map<String, Sample> collect(SpoeVariables vars) {
        Map<String, Sample> seen = new HashMap<>();
        vars.forEach((n, v) -> {
            if (seen.put(n, v) != null) {
                throw new AssertionError("forEach visited " + n + " twice");
            }
        });
        return seen;
    }

    @Test
    void isEmptyAndForEachAgreeWithTheSnapshot() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(EngineVariablesTest.CONF, agent);
        SpoeSession session = h.track(engine.newSession(get("/")));
        SpoeTransaction txn = h.track(session.newTransaction(get("/")));
        SpoeVariables vars = txn.variables();
        assertTrue(vars.isEmpty(), vars.snapshot()::toString);
        assertEquals(Map.of(), collect(vars));

        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "a", TypedValue.int32(7)),
                Action.setVar(Scope.SESS, "s", TypedValue.string("x")),
                Action.setVar(Scope.REQ, "r", TypedValue.bool(true))));
        await(txn.sendGroup("chain"));
        assertFalse(vars.isEmpty());
        Map<String, Sample> seen = collect(vars);
        assertEquals(vars.snapshot(), seen);
        assertEquals(3, seen.size(), seen::toString);
        assertEquals(Sample.integer(7), seen.get("txn.vp.a"));
    }
}

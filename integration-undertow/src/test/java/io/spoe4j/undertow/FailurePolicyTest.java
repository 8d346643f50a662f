package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Agent down and processing timeouts, under both failure policies. */
class FailurePolicyTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    /** An address where no agent listens: an agent's port, once the agent is closed. */
    private String deadAgent() {
        SpoaAgent agent = SpoaAgent.builder().build().start();
        String endpoint = agent.endpoint();
        agent.close();
        return endpoint;
    }

    @Test
    void agentDownFailOpenLetsTheRequestThroughWithTheError() {
        SpoeEngine engine = h.engine(deadAgent(), FailurePolicy.FAIL_OPEN, "2s");
        URI base = h.server(SpoeHandler.builder(engine).build(h.recorder()));
        assertEquals(200, h.get(base, "/x").statusCode());
        Harness.Seen seen = h.takeSeen();
        SpoeResult event = seen.spoe().results().get(1);
        assertEquals(SpoeResult.Status.FAILED, event.status(), event::toString);
        assertTrue(event.errorCode() > 0);
        assertEquals(Sample.integer(event.errorCode()), seen.variables().get("txn.ua.err"), "set-on-error is applied");
    }

    @Test
    void agentDownFailClosedBlocksTheRequest() {
        SpoeEngine engine = h.engine(deadAgent(), FailurePolicy.FAIL_CLOSED, "2s");
        URI base = h.server(SpoeHandler.builder(engine).blockStatus(502).build(h.recorder()));
        assertEquals(502, h.get(base, "/x").statusCode());
        assertNull(h.seen.poll(), "a blocked exchange never reaches the next handler");
    }

    @Test
    void timeoutFailOpenSetsTheErrorAndContinues() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.stall()));
        SpoeEngine engine = h.engine(agent, FailurePolicy.FAIL_OPEN, "1500ms");
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(h.recorder()));
        assertEquals(200, h.get(base, "/t").statusCode());
        Harness.Seen seen = h.takeSeen();
        assertEquals(Sample.integer(1), seen.variables().get("txn.ua.err"), "set-on-error 1: timeout");
        assertEquals("1", seen.headers().get("x-spoe-txn-ua-err"));
    }

    @Test
    void timeoutFailClosedAnswersTheBlockStatus() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.stall()));
        SpoeEngine engine = h.engine(agent, FailurePolicy.FAIL_CLOSED, "1500ms");
        URI base = h.server(SpoeHandler.builder(engine).build(h.recorder()));
        HttpResponse<String> r = h.get(base, "/t");
        assertEquals(SpoeHandler.DEFAULT_BLOCK_STATUS, r.statusCode());
        assertNull(h.seen.poll());
        assertEquals(200, h.get(base, "/again").statusCode(), "the next request is answered normally");
    }
}

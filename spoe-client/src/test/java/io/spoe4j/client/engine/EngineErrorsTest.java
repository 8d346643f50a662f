package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static io.spoe4j.client.engine.EngineHarness.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeEngineException;
import io.spoe4j.client.SpoeResourceException;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.Payload;
import io.spoe4j.client.SpoeResult.SkipReason;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.client.SpoeTimeoutException;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.Capability;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** set-on-error codes, timing variables, continue-on-error, the processing timeout and the failure policy. */
class EngineErrorsTest {
    static final String CONF = """
            spoe-agent err-agent
                messages req resp
                groups g big
                option var-prefix e
                option set-on-error err
                option set-process-time ptime
                option set-total-time ttime
                timeout hello 60s
                timeout processing PROCESSING
                use-backend agents
            spoe-message req
                args p=path
                event on-frontend-http-request
            spoe-message resp
                args s=status
                event on-http-response
            spoe-message gm
                args m=method
            spoe-message bm
                args body=req.body
            spoe-group g
                messages gm
            spoe-group big
                messages bm
            """;
    /** Long enough never to expire on a loaded machine unless the agent stalls for ever. */
    static final String LONG = "20s";
    /** Used only where the agent stalls for ever, so the timeout is certain. */
    static final String SHORT = "300ms";

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private SpoeEngine engine(SpoaAgent agent, String timeout, String extraOptions) {
        return engine(agent, timeout, extraOptions, FailurePolicy.FAIL_OPEN);
    }

    private SpoeEngine engine(SpoaAgent agent, String timeout, String extraOptions, FailurePolicy policy) {
        String conf = CONF.replace("PROCESSING", timeout)
                .replace("    use-backend agents", extraOptions.isEmpty() ? "    use-backend agents"
                        : "    " + extraOptions + "\n    use-backend agents");
        return h.engine(EngineHarness.parse(conf, null), agent, policy);
    }

    private SpoeTransaction txn(SpoeEngine engine) {
        return h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/p")));
    }

    private static void assertFailed(SpoeResult r, int code) {
        assertEquals(Status.FAILED, r.status(), r::toString);
        assertEquals(code, r.errorCode(), r::toString);
        assertEquals(code, r.error().errorCode());
        assertEquals(Sample.integer(code), r.variable("txn.e.err"), "set-on-error holds the code");
        assertNotNull(r.variable("txn.e.ptime"), "set-process-time is set on errors too");
        assertNotNull(r.variable("txn.e.ttime"));
    }

    @Test
    void processingTimeoutIsCode1AndDisablesTheTransaction() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeTransaction txn = txn(engine(agent, SHORT, ""));
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertFailed(r, 1);
        assertInstanceOf(SpoeTimeoutException.class, r.error());
        assertEquals(Sample.integer(1), txn.variables().get("txn.e.err"));
        assertTrue(txn.disabled());

        SpoeResult later = await(txn.fire(SpoeEvent.ON_HTTP_RESPONSE));
        assertEquals(Status.SKIPPED, later.status());
        assertEquals(SkipReason.DISABLED, later.skipReason(), "skipped: no NOTIFY once disabled");
    }

    @Test
    void continueOnErrorSkipsOnlyTheFailingEvent() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.stall()));
        SpoeTransaction txn = txn(engine(agent, SHORT, "option continue-on-error"));
        assertFailed(await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)), 1);
        assertFalse(txn.disabled());

        SpoeResult later = await(txn.sendGroup("g"));
        assertEquals(Status.PROCESSED, later.status(), later::toString);
        // The timed-out NOTIFY reached the agent unless the deadline passed while connecting.
        RecordedNotify n = take(agent);
        if (n.messages().get(0).name().equals("req")) {
            n = take(agent);
        }
        assertEquals("gm", n.messages().get(0).name());
        assertEquals(Sample.integer(1), txn.variables().get("txn.e.err"), "the error variable is not reset");
    }

    @Test
    void timingVariablesAccumulateOverTheTransaction() {
        SpoaAgent agent = h.agent();
        SpoeTransaction txn = txn(engine(agent, LONG, ""));
        SpoeResult a = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        SpoeResult b = await(txn.sendGroup("g"));
        assertEquals(Sample.integer(a.processTimeMs()), a.variable("txn.e.ptime"));
        assertEquals(Sample.integer(a.processTimeMs()), a.variable("txn.e.ttime"));
        assertEquals(a.processTimeMs() + b.processTimeMs(), b.totalTimeMs());
        assertEquals(Sample.integer(b.totalTimeMs()), txn.variables().get("txn.e.ttime"));
        assertNull(a.variable("txn.e.err"), "no error, no error variable");
    }

    @Test
    void agentDisconnectIs256PlusItsStatus() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.disconnect(42, "go away")));
        SpoeResult r = await(txn(engine(agent, LONG, "")).fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertFailed(r, 256 + 42);
        assertEquals(42, assertInstanceOf(SpoeConnectionException.class, r.error()).status());
    }

    @Test
    void connectionClosedBeforeTheAckIs257() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.closeSocket()));
        assertFailed(await(txn(engine(agent, LONG, "")).sendGroup("g")), 257);
    }

    @Test
    void noConnectionPossibleIsAResourceError() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = engine(agent, LONG, "");
        SpoeTransaction txn = txn(engine);
        engine.close();
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertFailed(r, 2);
        assertInstanceOf(SpoeResourceException.class, r.error());
    }

    @Test
    void tooBigWithoutFragmentationIsCode3AndSendsNothing() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = engine(agent, LONG, "max-frame-size 256\n    no option send-frag-payload");
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/")))
                .newTransaction(EngineHarness.request("POST", "/").requestBody(new byte[300]).build()));
        SpoeResult r = await(txn.sendGroup("big"));
        assertFailed(r, 3);
        assertEquals(Payload.TOO_BIG, r.payload());
        assertTrue(r.payloadBytes() > 256 - 32, r::toString);
        assertInstanceOf(SpoeTooBigException.class, r.error());
        assertEquals(List.of("bm"), r.messages());
        assertEquals(0, agent.notifyCount());
    }

    @Test
    void tooBigWithFragmentationIsSentInFragmentsWhenTheAgentSupportsThem() {
        SpoaAgent agent = h.agent(AgentHelloSpec.standard().withCapabilities(Capability.PIPELINING,
                Capability.FRAGMENTATION));
        SpoeEngine engine = engine(agent, LONG, "max-frame-size 256");
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/")))
                .newTransaction(EngineHarness.request("POST", "/").requestBody(new byte[300]).build()));
        SpoeResult r = await(txn.sendGroup("big"));
        assertEquals(Status.PROCESSED, r.status(), r::toString);
        assertEquals(Payload.FRAGMENTED, r.payload());
        RecordedNotify n = take(agent);
        assertTrue(n.fragments() > 1, "arrived in " + n.fragments() + " frames");
    }

    @Test
    void tooBigForAnAgentWithoutFragmentationIsCode3() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = engine(agent, LONG, "max-frame-size 256");
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/")))
                .newTransaction(EngineHarness.request("POST", "/").requestBody(new byte[300]).build()));
        SpoeResult r = await(txn.sendGroup("big"));
        assertFailed(r, 3);
        assertEquals(Payload.FRAGMENTED, r.payload(), "the engine chose fragmentation; the agent cannot take it");
        assertEquals(0, agent.notifyCount());
    }

    @Test
    void closingTheTransactionInterruptsItsExchangeWithCode4() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeTransaction txn = txn(engine(agent, LONG, ""));
        var running = txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST);
        take(agent);
        txn.close();
        SpoeResult r = await(running);
        assertFailed(r, 4);
        assertInstanceOf(SpoeEngineException.class, r.error());
        assertEquals(SkipReason.DISABLED, await(txn.sendGroup("g")).skipReason());
    }

    @Test
    void anUnexpectedErrorIsCode255() {
        SpoaAgent agent = h.agent();
        SpoeTransaction txn = txn(engine(agent, LONG, "option continue-on-error"));
        Condition broken = new Condition() {
            @Override
            public boolean test(RequestAttributes attributes) {
                throw new IllegalStateException("adapter bug");
            }

            @Override
            public boolean needsResponse() {
                return false;
            }

            @Override
            public boolean needsRequestBody() {
                return false;
            }

            @Override
            public boolean needsResponseBody() {
                return false;
            }
        };
        SpoeResult r = await(txn.sendGroup("g", broken));
        assertFailed(r, 255);
        assertInstanceOf(IllegalStateException.class, r.error().getCause());
        assertEquals(0, agent.notifyCount());
    }

    @Test
    void processingTimeoutCoversTheWaitForAConnection() {
        SpoaAgent agent = h.agent(SpoaAgent.builder().helloDelay(Duration.ofHours(1)));
        SpoeResult r = await(txn(engine(agent, SHORT, "")).fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertFailed(r, 1);
        SpoeTimeoutException e = assertInstanceOf(SpoeTimeoutException.class, r.error());
        assertTrue(e.phase() == SpoeTimeoutException.Phase.QUEUE || e.phase() == SpoeTimeoutException.Phase.HELLO,
                "timed out waiting for a connection, not for the ACK: " + e.phase());
        assertEquals(0, agent.notifyCount());
    }

    @Test
    void failClosedBlocksOnlyFailures() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.fault(Fault.closeSocket()));
        SpoeEngine closed = engine(agent, LONG, "option continue-on-error", FailurePolicy.FAIL_CLOSED);
        SpoeTransaction txn = txn(closed);
        SpoeResult failed = await(txn.sendGroup("g"));
        assertTrue(failed.failed());
        assertTrue(failed.shouldBlock());
        SpoeResult ok = await(txn.sendGroup("g"));
        assertEquals(Status.PROCESSED, ok.status(), ok::toString);
        assertFalse(ok.shouldBlock());

        SpoaAgent other = h.agent();
        other.enqueue(Response.fault(Fault.closeSocket()));
        SpoeResult open = await(txn(engine(other, LONG, "")).sendGroup("g"));
        assertTrue(open.failed());
        assertFalse(open.shouldBlock(), "fail-open lets the request through, as HAProxy does");
    }

    @Test
    void maxerrrateSkipsWithoutSettingTheErrorVariable() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(n -> Response.fault(Fault.closeSocket()));
        SpoeEngine engine = engine(agent, LONG, "maxerrrate 1");
        SpoeResult skipped = null;
        // An error, then at once another request: skipped unless the one-second window turned in between.
        for (int attempt = 0; attempt < 10 && skipped == null; attempt++) {
            SpoeTransaction txn = txn(engine);
            assertEquals(Status.FAILED, await(txn.sendGroup("g")).status());
            SpoeResult next = await(txn(engine).sendGroup("g"));
            if (next.skipped()) {
                skipped = next;
            }
        }
        assertNotNull(skipped, "no request was skipped after 10 errors with maxerrrate 1");
        assertEquals(SkipReason.RATE_LIMIT, skipped.skipReason());
        assertTrue(skipped.applied().isEmpty(), "no error variable on a skip");
        assertEquals(0, skipped.errorCode());
    }
}

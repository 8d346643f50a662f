package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.AgentReply;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeEngineListener;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Engine listeners: added after build, several at once, each with its own start context. */
class EngineListenerTest {
    static final String CONF = """
            spoe-agent l-agent
                messages req
                option var-prefix l
                timeout hello 60s
                timeout processing 20s
                use-backend agents
            spoe-message req
                args p=path
                event on-frontend-http-request
            """;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** Records what it sees; its start context is its tag followed by a counter. */
    static final class Recording implements SpoeEngineListener {
        final String tag;
        final List<String> events = new CopyOnWriteArrayList<>();
        private int started;

        Recording(String tag) {
            this.tag = tag;
        }

        @Override
        public synchronized Object exchangeStarted(String engine, SpoeResult.Kind kind, String name) {
            return tag + (++started);
        }

        @Override
        public void exchangeEnded(SpoeResult result, long processNanos, Object context) {
            events.add("ended " + result.name() + " " + result.status() + " " + context
                    + (processNanos >= 0 ? " timed" : ""));
        }

        @Override
        public void replied(AgentReply reply) {
            events.add("replied");
        }

        @Override
        public void notifySent(String server, long streamId, long frameId, int frameBytes) {
            events.add("notify " + streamId + " " + (frameBytes > 11));
        }

        @Override
        public void streamClosed(String engine, boolean session, int exchanges, long totalNanos) {
            events.add("closed " + (session ? "session " : "transaction ") + exchanges + (totalNanos > 0 ? " timed" : ""));
        }
    }

    @Test
    void listenersAddedAfterBuildSeeEventsInOrderWithTheirOwnContext() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.engine(CONF, agent);
        Recording a = new Recording("a");
        Recording b = new Recording("b");
        engine.addListener(a);
        engine.addListener(b);
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/p")));
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertTrue(r.processed(), r::toString);
        // Reported before the result completes: already there.
        assertEquals(List.of("ended on-client-session SKIPPED a1", "notify 1 true", "replied",
                "ended on-frontend-http-request PROCESSED a2 timed"), a.events);
        assertEquals(List.of("ended on-client-session SKIPPED b1", "notify 1 true", "replied",
                "ended on-frontend-http-request PROCESSED b2 timed"), b.events);
        txn.close();
        txn.close();
        assertEquals("closed transaction 1 timed", a.events.get(a.events.size() - 1), "once, however often closed");
        assertEquals(5, a.events.size());
    }

    @Test
    void aListenerAddedDuringAnExchangeSeesOnlyTheNextOnes() {
        SpoaAgent agent = h.agent();
        agent.enqueue(Response.empty().delay(Duration.ofMillis(300)));
        SpoeEngine engine = h.engine(CONF, agent);
        Recording first = new Recording("f");
        engine.addListener(first);
        SpoeTransaction txn = h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/p")));
        CompletionStage<SpoeResult> running = txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST);
        agent.takeNotify(EngineHarness.WAIT);
        Recording late = new Recording("l");
        engine.addListener(late);
        assertTrue(await(running).processed());
        assertTrue(first.events.contains("ended on-frontend-http-request PROCESSED f2 timed"), first.events::toString);
        assertTrue(late.events.stream().noneMatch(e -> e.startsWith("ended")), late.events::toString);
        SpoeTransaction next = h.track(h.track(engine.newSession(get("/"))).newTransaction(get("/p")));
        assertTrue(await(next.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)).processed());
        assertTrue(late.events.contains("ended on-frontend-http-request PROCESSED l2 timed"), late.events::toString);
    }
}

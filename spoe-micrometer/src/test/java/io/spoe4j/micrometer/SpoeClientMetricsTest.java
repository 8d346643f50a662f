package io.spoe4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The binder of a bare client: requests by outcome, sizes, connections, gauges. */
class SpoeClientMetricsTest {
    private static final Duration LONG = Duration.ofSeconds(20);

    private static List<Message> msg(int i) {
        return List.of(Message.of("m", new Arg("i", TypedValue.int32(i))));
    }

    @Test
    void repliedAndFailedRequestsAreCountedByServerAndCode() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).build()) {
            SpoeClientMetrics.of(client, "bare").bindTo(registry);
            client.send(msg(1), LONG).toCompletableFuture().get(30, TimeUnit.SECONDS);
            agent.enqueue(Response.fault(Fault.stall()));
            try {
                client.send(msg(2), Duration.ofMillis(200)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                // the timeout, counted below
            }
            String server = agent.endpoint();
            Counter replied = registry.find("spoe4j.requests").tags("engine", "bare", "server", server,
                    "outcome", "replied").counter();
            assertEquals(1, replied.count());
            Counter timedOut = registry.find("spoe4j.requests").tags("engine", "bare", "server", server,
                    "outcome", "failed", "code", "1").counter();
            assertEquals(1, timedOut.count());
            assertEquals(2, registry.find("spoe4j.notify.size").tags("server", server).summary().count());
            assertEquals(1, registry.find("spoe4j.ack.size").tags("server", server).summary().count());
            assertEquals(1, registry.find("spoe4j.server.up").tags("server", server).gauge().value());
            assertTrue(registry.find("spoe4j.request.duration").tags("outcome", "failed").timer()
                    .totalTime(TimeUnit.MILLISECONDS) >= 200, "the timeout took its 200 ms");
        }
    }
}

package io.spoe4j.client;

import io.spoe4j.options.Balance;
import io.spoe4j.options.PoolOptions;
import static io.spoe4j.client.Await.msg;
import static io.spoe4j.client.Await.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.client.internal.pool.DefaultSpoeClient;
import io.spoe4j.testkit.Dispatcher;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Many threads, two servers and an agent that randomly stalls, disconnects, closes or answers
 * late: every request completes exactly once by its deadline, no slot stays reserved, and the
 * pool still serves requests afterwards.
 */
class ConcurrencyTest {

    private static Dispatcher chaos() {
        return n -> {
            long i = n.messages().get(0).arg("n").asLong();
            if (i % 97 == 0) {
                return Response.fault(Fault.disconnect(13, "chaos"));
            }
            if (i % 89 == 0) {
                return Response.fault(Fault.closeSocket());
            }
            if (i % 13 == 0) {
                return Response.fault(Fault.stall());
            }
            if (i % 7 == 0) {
                return Response.empty().delay(Duration.ofMillis(400));
            }
            return Response.empty();
        };
    }

    @Test
    void everyRequestCompletesExactlyOnceUnderChaos() throws Exception {
        int threads = 4;
        int perThread = 400;
        Duration timeout = Duration.ofMillis(300);
        try (SpoaAgent a = SpoaAgent.builder().dispatcher(chaos()).build().start();
                SpoaAgent b = SpoaAgent.builder().dispatcher(chaos()).build().start();
                SpoeClient client = SpoeClient.builder().server(AgentServer.of("a", a.endpoint()))
                        .server(AgentServer.of("b", b.endpoint()))
                        .poolOptions(PoolOptions.builder().balance(Balance.LEASTCONN).queueCapacity(4096)
                                .backoffBase(Duration.ofMillis(5)).backoffMax(Duration.ofMillis(50)).build())
                        .build()) {
            AtomicInteger completions = new AtomicInteger();
            AtomicInteger late = new AtomicInteger();
            List<CompletableFuture<AgentReply>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                pool.execute(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            long start = System.nanoTime();
                            CompletableFuture<AgentReply> f = client.send(msg("m", base + i + 1), timeout)
                                    .toCompletableFuture();
                            f.whenComplete((r, e) -> {
                                completions.incrementAndGet();
                                // Generous slack for a loaded machine: what matters is "not much later".
                                if (System.nanoTime() - start > timeout.toNanos() + TimeUnit.SECONDS.toNanos(5)) {
                                    late.incrementAndGet();
                                }
                                if (e != null && !(e instanceof SpoeClientException)) {
                                    late.addAndGet(1_000_000);
                                }
                            });
                            all.add(f);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertTrue(done.await(Await.BOUND_SECONDS, TimeUnit.SECONDS), "senders finished");
            pool.shutdown();
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0]))
                    .handle((v, e) -> null).get(Await.BOUND_SECONDS, TimeUnit.SECONDS);
            assertEquals(threads * perThread, all.size());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.BOUND_SECONDS);
            while (completions.get() < threads * perThread) {
                if (System.nanoTime() - deadline > 0) {
                    fail("only " + completions.get() + " callbacks ran");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertEquals(threads * perThread, completions.get(), "each request completed exactly once");
            assertEquals(0, late.get(), "no request completed long after its deadline or with a foreign error");
            var engine = ((DefaultSpoeClient) client).pool();
            while (engine.inFlight() != 0) {
                if (System.nanoTime() - deadline > 0) {
                    fail(engine.inFlight() + " slots still reserved after every request completed");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            // The pool recovers. An agent may still act on a chaos NOTIFY the client already gave up
            // on (a late AGENT-DISCONNECT kills what shares that connection), so allow a few tries.
            AssertionError last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    reply(client.send(msg("m", 1), Duration.ofSeconds(10)));
                    return;
                } catch (AssertionError e) {
                    assertTrue(e.getCause() instanceof SpoeClientException, () -> "unexpected failure: " + e);
                    last = e;
                }
            }
            throw new AssertionError("the pool did not recover after the chaos: " + last.getMessage(), last);
        }
    }
}

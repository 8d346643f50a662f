package io.spoe4j.client;

import io.spoe4j.options.Balance;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.options.AgentOptions;
import static io.spoe4j.client.Await.code;
import static io.spoe4j.client.Await.error;
import static io.spoe4j.client.Await.msg;
import static io.spoe4j.client.Await.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBufUtil;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.Capability;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedHello;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several servers, balancing, health checks, failover, the wait queue, rates and restarts. */
class PoolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LONG = Duration.ofSeconds(10);
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    private SpoaAgent agent() {
        return track(SpoaAgent.builder().build().start());
    }

    private SpoeClient client(PoolOptions pool, AgentOptions agent, SpoeClientListener listener, SpoaAgent... agents) {
        SpoeClient.Builder b = SpoeClient.builder().poolOptions(pool).agentOptions(agent).listener(listener);
        for (int i = 0; i < agents.length; i++) {
            b.server(AgentServer.of("s" + (i + 1), agents[i].endpoint()));
        }
        return track(b.build());
    }

    private SpoeClient client(PoolOptions pool, SpoaAgent... agents) {
        return client(pool, AgentOptions.defaults(), new SpoeClientListener() {
        }, agents);
    }

    @Test
    void roundRobinSpreadsRequestsOverServers() {
        SpoaAgent a = agent();
        SpoaAgent b = agent();
        SpoeClient client = client(PoolOptions.builder().balance(Balance.ROUNDROBIN).build(), a, b);
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (a.notifyCount() == 0 || b.notifyCount() == 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("requests never reached both servers: " + a.notifyCount() + " / " + b.notifyCount());
            }
            reply(client.send(msg("m", 1), LONG));
        }
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            servers.add(reply(client.send(msg("m", i), LONG)).server());
        }
        assertTrue(servers.contains("s1") && servers.contains("s2"), servers.toString());
    }

    @Test
    void leastConnPrefersTheLessLoadedServer() {
        SpoaAgent a = agent();
        SpoaAgent b = agent();
        SpoeClient client = client(PoolOptions.builder().balance(Balance.LEASTCONN).build(), a, b);
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (a.notifyCount() == 0 || b.notifyCount() == 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("requests never reached both servers");
            }
            reply(client.send(msg("m", 1), LONG));
        }
        for (int i = 0; i < 5; i++) {
            a.enqueue(Response.fault(Fault.stall()));
        }
        b.dispatcher(n -> Response.fault(Fault.stall()));
        // Every request now stalls, so in-flight counts only grow: leastconn must alternate.
        List<CompletionStage<AgentReply>> stalled = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stalled.add(client.send(msg("m", i), Duration.ofMillis(500)));
        }
        for (CompletionStage<AgentReply> s : stalled) {
            assertEquals(1, code(s));
        }
        long before = a.notifyCount() + b.notifyCount();
        assertTrue(a.notifyCount() >= 3 && b.notifyCount() >= 3, a.notifyCount() + " / " + b.notifyCount()
                + " of " + before);
    }

    @Test
    void healthCheckSendsTheExact82ByteHello() {
        SpoaAgent a = agent();
        client(PoolOptions.builder().healthCheck(true).healthCheckInterval(Duration.ofMillis(200)).build(), a);
        RecordedHello hello = a.takeHello(WAIT);
        assertTrue(hello.healthcheck());
        String expected = "0000004e0100000001000012" + ByteBufUtil.hexDump("supported-versions".getBytes()) + "0803"
                + ByteBufUtil.hexDump("2.0".getBytes()) + "0e" + ByteBufUtil.hexDump("max-frame-size".getBytes())
                + "03fcf0060c" + ByteBufUtil.hexDump("capabilities".getBytes()) + "08000b"
                + ByteBufUtil.hexDump("healthcheck".getBytes()) + "11";
        assertArrayEquals(ByteBufUtil.decodeHexDump(expected), hello.raw());
        assertEquals(82, hello.raw().length);
    }

    /**
     * Waits (bounded) for {@code expected} among the state changes; s2's own flaps (a health check
     * answered late on a loaded machine with fall 1) are not what the test is about.
     */
    private static void awaitState(BlockingQueue<String> states, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.BOUND_SECONDS);
        List<String> seen = new ArrayList<>();
        while (true) {
            String s = states.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (expected.equals(s)) {
                return;
            }
            if (s == null) {
                fail("no '" + expected + "' within " + Await.BOUND_SECONDS + " s; saw " + seen);
            }
            seen.add(s);
        }
    }

    @Test
    void failoverWhenAServerGoesDownAndBackWhenItReturns() throws Exception {
        SpoaAgent a = SpoaAgent.builder().build().start();
        SpoaAgent b = agent();
        int portA = a.port();
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        SpoeClient client = client(PoolOptions.builder().healthCheck(true).healthCheckInterval(Duration.ofMillis(50))
                .rise(1).fall(2).backoffBase(Duration.ofMillis(10)).backoffMax(Duration.ofMillis(50)).build(),
                AgentOptions.defaults(), new SpoeClientListener() {
                    @Override
                    public void serverState(String server, boolean up, String reason) {
                        states.add(server + (up ? " up" : " down"));
                    }
                }, a, b);
        reply(client.send(msg("m", 1), LONG));
        a.close();
        awaitState(states, "s1 down");
        for (int i = 0; i < 20; i++) {
            assertEquals("s2", reply(client.send(msg("m", i), LONG)).server(), "only s2 is up");
        }
        SpoaAgent again = track(SpoaAgent.builder().listen(new InetSocketAddress("127.0.0.1", portA)).build().start());
        awaitState(states, "s1 up");
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (again.notifyCount() == 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("s1 never used again after it came back");
            }
            reply(client.send(msg("m", 1), LONG));
        }
    }

    @Test
    void allServersDownFailsWithError2() throws Exception {
        SpoaAgent a = SpoaAgent.builder().build().start();
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        SpoeClient client = client(PoolOptions.builder().healthCheck(true).healthCheckInterval(Duration.ofMillis(50))
                .rise(1).fall(1).build(), AgentOptions.defaults(), new SpoeClientListener() {
                    @Override
                    public void serverState(String server, boolean up, String reason) {
                        states.add(server + (up ? " up" : " down"));
                    }
                }, a);
        a.close();
        awaitState(states, "s1 down");
        SpoeClientException e = error(client.send(msg("m", 1), LONG));
        assertInstanceOf(SpoeResourceException.class, e);
        assertTrue(e.getMessage().contains("no agent server is up"), e.getMessage());
    }

    @Test
    void fullQueueFailsAtOnceWithError2() {
        SpoaAgent a = track(SpoaAgent.builder().hello(AgentHelloSpec.standard().withCapabilities()).build().start());
        a.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeClient client = client(PoolOptions.builder().maxConnectionsPerServer(1).queueCapacity(1).build(), a);
        CompletionStage<AgentReply> first = client.send(msg("m", 1), Duration.ofSeconds(2));
        a.takeNotify(WAIT);
        CompletionStage<AgentReply> queued = client.send(msg("m", 2), Duration.ofSeconds(2));
        SpoeClientException e = error(client.send(msg("m", 3), LONG));
        assertEquals(2, e.errorCode());
        assertTrue(e.getMessage().contains("queue is full"), e.getMessage());
        assertEquals(1, code(first));
        SpoeTimeoutException t = assertInstanceOf(SpoeTimeoutException.class, error(queued));
        assertTrue(t.phase() == SpoeTimeoutException.Phase.QUEUE || t.phase() == SpoeTimeoutException.Phase.ACK,
                t.getMessage());
    }

    @Test
    void requestsThatTimedOutInTheQueueDoNotHoldItsPlaces() {
        SpoaAgent a = track(SpoaAgent.builder().hello(AgentHelloSpec.standard().withCapabilities()).build().start());
        a.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeClient client = client(PoolOptions.builder().maxConnectionsPerServer(1).queueCapacity(1).build(), a);
        CompletionStage<AgentReply> first = client.send(msg("m", 1), Duration.ofSeconds(5));
        a.takeNotify(WAIT);
        SpoeTimeoutException t = assertInstanceOf(SpoeTimeoutException.class,
                error(client.send(msg("m", 2), Duration.ofMillis(100))));
        assertEquals(SpoeTimeoutException.Phase.QUEUE, t.phase());
        assertTrue(t.getMessage().contains("waiting for a connection slot"), t.getMessage());
        t = assertInstanceOf(SpoeTimeoutException.class, error(client.send(msg("m", 3), Duration.ofMillis(100))));
        assertEquals(SpoeTimeoutException.Phase.QUEUE, t.phase(), "queued, not refused as queue full");
        assertEquals(1, code(first));
    }

    @Test
    void maxErrRateSkipsProcessingUntilTheRateFalls() {
        SpoaAgent a = agent();
        SpoeClient client = client(PoolOptions.builder().maxErrRate(2).build(),
                AgentOptions.builder().maxFrameSize(256).build(), new SpoeClientListener() {
                }, a);
        List<Message> big = List.of(Message.of("m", new Arg("b", TypedValue.binary(new byte[300]))));
        SpoeClientException skipped = null;
        for (int i = 0; i < 1000 && skipped == null; i++) {
            SpoeClientException e = error(client.send(big, LONG));
            if (e instanceof SpoeSkippedException s) {
                skipped = s;
            } else {
                assertEquals(3, e.errorCode());
            }
        }
        assertInstanceOf(SpoeSkippedException.class, skipped, "errors above maxerrrate skip processing");
        assertEquals(0, skipped.errorCode());
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (true) {
            CompletableFuture<AgentReply> f = client.send(msg("m", 1), LONG).toCompletableFuture();
            try {
                reply(f);
                break;
            } catch (AssertionError e) {
                assertInstanceOf(SpoeSkippedException.class, e.getCause());
                if (System.nanoTime() - deadline > 0) {
                    fail("still skipping long after the error rate fell");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    @Test
    void maxConnRateLimitsNewConnectionsButRequestsStillComplete() {
        SpoaAgent a = track(SpoaAgent.builder().hello(AgentHelloSpec.standard().withCapabilities()).build().start());
        a.dispatcher(n -> Response.empty().delay(Duration.ofMillis(20)));
        long start = System.nanoTime();
        SpoeClient client = client(PoolOptions.builder().maxConnRate(2).build(), a);
        List<CompletionStage<AgentReply>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(client.send(msg("m", i), LONG));
        }
        all.forEach(Await::reply);
        // Without pipelining each concurrent request wants its own connection (10); the limiter grants
        // 2 per 1-second period, counting the partial periods at both ends of the run.
        long periods = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 2;
        int opened = a.connectionCount();
        assertTrue(opened <= Math.min(10, 2 * periods), () -> opened + " connections in " + periods + " periods");
    }

    /**
     * resilience4j-core declares kotlin-stdlib, which it does not use; spoe-client excludes it so
     * users do not get it. The maxconnrate and maxerrrate tests above run on this classpath.
     */
    @Test
    void theRateLimitersRunWithoutKotlin() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("kotlin.Unit"),
                "kotlin-stdlib must not reach the classpath through resilience4j");
    }

    @Test
    void agentRestartUnderLoadCompletesEveryRequestOnceAndRecovers() throws Exception {
        SpoaAgent first = SpoaAgent.builder().build().start();
        int port = first.port();
        SpoeClient client = client(PoolOptions.builder().backoffBase(Duration.ofMillis(20))
                .backoffMax(Duration.ofMillis(200)).build(), first);
        first.dispatcher(n -> Response.empty().delay(Duration.ofMillis(5)));
        reply(client.send(msg("m", 0), LONG));
        List<CompletableFuture<AgentReply>> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(client.send(msg("m", i), Duration.ofSeconds(2)).toCompletableFuture());
            if (i == 100) {
                first.close();
            }
            if (i == 200) {
                track(SpoaAgent.builder().listen(new InetSocketAddress("127.0.0.1", port)).build().start());
            }
        }
        for (CompletableFuture<AgentReply> f : all) {
            try {
                f.get(Await.BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertInstanceOf(SpoeClientException.class, e.getCause(), "failures are client errors with a code");
            }
        }
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (true) {
            try {
                reply(client.send(msg("m", 1), LONG));
                break;
            } catch (AssertionError e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the pool did not recover after the agent restarted", e);
                }
            }
        }
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheMax() {
        io.spoe4j.client.internal.pool.BackoffProbe.check();
    }
}

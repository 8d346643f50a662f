package io.spoe4j.client.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.options.Balance;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.Transport;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Event-loop affinity of the pool: a request sent from one of the client's event loops goes to a
 * connection of that loop when one can exist, and the balance algorithms keep choosing servers.
 */
class AffinityTest {
    private static final long BOUND_SECONDS = 20;
    private static final Duration LONG = Duration.ofSeconds(10);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EventLoopGroup group;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
        }
    }

    private SpoaAgent agent() {
        SpoaAgent a = SpoaAgent.builder().build().start();
        closeables.add(a);
        return a;
    }

    private SpoeClient client(PoolOptions pool, SpoaAgent... agents) {
        group = Transport.newGroup(2, "affinity-test");
        SpoeClient.Builder b = SpoeClient.builder().poolOptions(pool).eventLoopGroup(group);
        for (int i = 0; i < agents.length; i++) {
            b.server(AgentServer.of("s" + (i + 1), agents[i].endpoint()));
        }
        SpoeClient c = b.build();
        closeables.add(c);
        return c;
    }

    private List<EventLoop> loops() {
        List<EventLoop> out = new ArrayList<>();
        for (EventExecutor e : group) {
            out.add((EventLoop) e);
        }
        return out;
    }

    private static List<Message> msg(long n) {
        return List.of(Message.of("m", new Arg("n", TypedValue.int64(n))));
    }

    private static EnginePool pool(SpoeClient client) {
        return ((DefaultSpoeClient) client).pool();
    }

    /** Runs {@code task} on {@code loop} and returns its result, waiting a bounded time. */
    private static <T> T onLoop(EventLoop loop, java.util.function.Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return await(f, "task on " + loop);
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not complete within " + BOUND_SECONDS + " s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends from each loop until every loop has a ready connection to server 0, or fails after a bound. */
    private static void sendUntilEachLoopHasAConnection(SpoeClient client, List<EventLoop> loops) {
        ServerState s = pool(client).serverState(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        int n = 0;
        for (;;) {
            boolean all = true;
            for (int i = 0; i < loops.size(); i++) {
                all &= s.readyByLoop[i].length > 0;
            }
            if (all) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("not every event loop got its own connection: " + describe(s));
            }
            for (EventLoop loop : loops) {
                long id = n++;
                await(onLoop(loop, () -> client.send(msg(id), LONG)), "request " + id);
            }
        }
    }

    private static String describe(ServerState s) {
        StringBuilder sb = new StringBuilder();
        for (AgentConnection c : s.ready) {
            sb.append(c.channel() == null ? "?" : c.channel().eventLoop()).append(" (index ").append(c.loopIndex())
                    .append(", load ").append(c.load()).append(") ");
        }
        return sb.toString();
    }

    @Test
    void requestSentFromAnEventLoopUsesAConnectionOfThatLoop() {
        SpoaAgent a = agent();
        SpoeClient client = client(PoolOptions.defaults(), a);
        List<EventLoop> loops = loops();
        sendUntilEachLoopHasAConnection(client, loops);
        ServerState s = pool(client).serverState(0);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < loops.size(); i++) {
                EventLoop loop = loops.get(i);
                int index = i;
                long id = round * 10L + i;
                // While the task runs on this loop, a request sent on a connection of this loop cannot
                // complete, so its slot is still taken there when we look.
                CompletionStage<AgentReply> reply = onLoop(loop, () -> {
                    CompletionStage<AgentReply> r = client.send(msg(id), LONG);
                    int local = 0;
                    for (AgentConnection c : s.readyByLoop[index]) {
                        assertSame(loop, c.channel().eventLoop(), "connection filed under the wrong loop");
                        local += c.load();
                    }
                    assertEquals(1, local, "request from " + loop + " not on a connection of that loop: " + describe(s));
                    return r;
                });
                await(reply, "request " + id);
            }
        }
        assertEquals(List.of(loops.size()), pool(client).readyConnections(), "one connection per loop");
    }

    @Test
    void loopWithoutAConnectionOfItsOwnUsesAnotherWithinTheServerLimit() {
        SpoaAgent a = agent();
        SpoeClient client = client(PoolOptions.builder().maxConnectionsPerServer(1).build(), a);
        List<EventLoop> loops = loops();
        for (int round = 0; round < 10; round++) {
            for (EventLoop loop : loops) {
                long id = round * 10L + loops.indexOf(loop);
                AgentReply r = await(onLoop(loop, () -> client.send(msg(id), LONG)), "request " + id);
                assertEquals("s1", r.server());
            }
        }
        assertEquals(List.of(1), pool(client).readyConnections(), "the per-server limit holds");
        assertEquals(10 * loops.size(), a.notifyCount());
    }

    @Test
    void roundRobinFromAnEventLoopStillAlternatesServers() {
        SpoaAgent a = agent();
        SpoaAgent b = agent();
        SpoeClient client = client(PoolOptions.builder().balance(Balance.ROUNDROBIN).build(), a, b);
        EventLoop loop = loops().get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (a.notifyCount() == 0 || b.notifyCount() == 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("requests never reached both servers: " + a.notifyCount() + " / " + b.notifyCount());
            }
            await(onLoop(loop, () -> client.send(msg(0), LONG)), "warm-up request");
        }
        int s1 = 0;
        int s2 = 0;
        for (int i = 0; i < 20; i++) {
            long id = i;
            String server = await(onLoop(loop, () -> client.send(msg(id), LONG)), "request " + id).server();
            if (server.equals("s1")) {
                s1++;
            } else {
                s2++;
            }
        }
        assertTrue(s1 >= 5 && s2 >= 5, "round robin from one loop should spread over both servers: " + s1 + " / " + s2);
    }

    @Test
    void leastConnFromAnEventLoopStillPrefersTheLessLoadedServer() {
        SpoaAgent a = agent();
        SpoaAgent b = agent();
        SpoeClient client = client(PoolOptions.builder().balance(Balance.LEASTCONN).build(), a, b);
        EventLoop loop = loops().get(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (a.notifyCount() == 0 || b.notifyCount() == 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("requests never reached both servers: " + a.notifyCount() + " / " + b.notifyCount());
            }
            await(onLoop(loop, () -> client.send(msg(0), LONG)), "warm-up request");
        }
        a.dispatcher(n -> Response.fault(Fault.stall()));
        b.dispatcher(n -> Response.fault(Fault.stall()));
        long beforeA = a.notifyCount();
        long beforeB = b.notifyCount();
        // Every request stalls, so in-flight counts only grow: leastconn must alternate.
        List<CompletionStage<AgentReply>> stalled = onLoop(loop, () -> {
            List<CompletionStage<AgentReply>> out = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                out.add(client.send(msg(i), Duration.ofSeconds(2)));
            }
            return out;
        });
        Function<CompletionStage<AgentReply>, Throwable> failure = st -> {
            try {
                st.toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (Exception e) {
                throw new AssertionError("stalled request did not time out within " + BOUND_SECONDS + " s", e);
            }
        };
        for (CompletionStage<AgentReply> st : stalled) {
            assertTrue(failure.apply(st) != null, "a stalled request must time out");
        }
        long toA = a.notifyCount() - beforeA;
        long toB = b.notifyCount() - beforeB;
        assertEquals(6, toA + toB, "six NOTIFYs expected");
        assertTrue(toA == 3 && toB == 3, "leastconn from one loop should split 3 / 3: " + toA + " / " + toB);
        // A timed-out request's slot is freed on its connection's event loop, just after its future
        // failed (possibly on another loop): wait, bounded, for the last ones.
        long freedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (pool(client).inFlight() != 0) {
            if (System.nanoTime() - freedBy > 0) {
                fail(pool(client).inFlight() + " slots still reserved " + BOUND_SECONDS + " s after the timeouts");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}

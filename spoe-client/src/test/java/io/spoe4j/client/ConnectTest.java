package io.spoe4j.client;

import static io.spoe4j.client.Await.msg;
import static io.spoe4j.client.Await.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.client.internal.pool.DefaultSpoeClient;
import io.spoe4j.testkit.SpoaAgent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link SpoeClient#connect()}: connections opened before the first request. */
class ConnectTest {

    private static Throwable failure(CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(Await.BOUND_SECONDS, TimeUnit.SECONDS);
            return fail("connect() should have failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("connect() did not complete within " + Await.BOUND_SECONDS + " s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void done(CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(Await.BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("connect() failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("connect() did not complete within " + Await.BOUND_SECONDS + " s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** An address where nothing listens: a port just released. */
    private static String deadEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static List<Integer> ready(SpoeClient client) {
        return ((DefaultSpoeClient) client).pool().readyConnections();
    }

    @Test
    void connectHandshakesBeforeAnyRequestAndTheFirstRequestReusesIt() {
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                SpoeClient client = SpoeClient.builder().server(AgentServer.of("a", agent.endpoint())).build()) {
            done(client.connect());
            assertEquals(List.of(1), ready(client), "a ready connection once connect() completed");
            assertNotNull(agent.takeHello(Duration.ofSeconds(Await.BOUND_SECONDS)), "the agent saw the HELLO");
            assertEquals(0, agent.notifyCount());

            done(client.connect());
            assertEquals(1, agent.connectionCount(), "a second connect() opens nothing more");

            reply(client.send(msg("m", 1), Duration.ofSeconds(10)));
            assertEquals(1, agent.connectionCount(), "the first request used the pre-opened connection");
        }
    }

    @Test
    void connectFailsWithTheCauseWhenNoServerAnswers() throws IOException {
        try (SpoeClient client = SpoeClient.builder().server(AgentServer.of("dead", deadEndpoint())).build()) {
            Throwable e = failure(client.connect());
            assertInstanceOf(SpoeConnectionException.class, e, () -> "unexpected " + e);
            assertEquals("dead", ((SpoeConnectionException) e).server());
        }
    }

    @Test
    void aRefusedConnectionReadsAsTextWithTheAddressAndKeepsNettysExceptionAsCause() throws IOException {
        String dead = deadEndpoint();
        try (SpoeClient client = SpoeClient.builder().server(AgentServer.of("dead", dead)).build()) {
            Throwable e = failure(client.connect());
            SpoeConnectionException c = assertInstanceOf(SpoeConnectionException.class, e, () -> "unexpected " + e);
            assertTrue(c.detail().endsWith("cannot connect to " + dead + ": connection refused"), c::detail);
            assertTrue(!c.getMessage().contains("io.netty") && !c.getMessage().contains("Exception"), c::getMessage);
            Throwable root = c;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertInstanceOf(java.net.ConnectException.class, root, "the transport's exception stays chained");
        }
        Throwable probe = failure(AgentProbe.probe(AgentServer.of("dead", dead), Duration.ofSeconds(5))
                .thenApply(hs -> (Void) null));
        SpoeConnectionException p = assertInstanceOf(SpoeConnectionException.class, probe, () -> "unexpected " + probe);
        assertEquals("cannot connect to " + dead + ": connection refused", p.detail());
        assertInstanceOf(java.net.ConnectException.class, p.getCause());
    }

    @Test
    void connectSucceedsWhenOneOfTheServersIsReady() throws IOException {
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                SpoeClient client = SpoeClient.builder().server(AgentServer.of("dead", deadEndpoint()))
                        .server(AgentServer.of("live", agent.endpoint())).build()) {
            done(client.connect());
            assertEquals(1, ready(client).get(1), "the live server has its connection");
            assertEquals(0, ready(client).get(0));
        }
    }

    @Test
    void connectOnAClosedClientFailsAtOnce() {
        try (SpoaAgent agent = SpoaAgent.builder().build().start()) {
            SpoeClient client = SpoeClient.builder().server(AgentServer.of("a", agent.endpoint())).build();
            client.close();
            Throwable e = failure(client.connect());
            assertInstanceOf(SpoeResourceException.class, e, () -> "unexpected " + e);
            assertTrue(e.getMessage().contains("closed"), e::getMessage);
        }
    }
}

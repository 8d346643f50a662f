package io.spoe4j.client;

import io.spoe4j.options.AgentOptions;
import static io.spoe4j.client.Await.code;
import static io.spoe4j.client.Await.error;
import static io.spoe4j.client.Await.msg;
import static io.spoe4j.client.Await.reply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.Capability;
import io.spoe4j.testkit.Dispatcher;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedDisconnect;
import io.spoe4j.testkit.RecordedHello;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the testkit's real agent: handshake, pipelining, correlation, timeouts, close. */
class SpoeClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LONG = Duration.ofSeconds(10);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private SpoaAgent agent(AgentHelloSpec hello) {
        SpoaAgent a = SpoaAgent.builder().hello(hello).build().start();
        closeables.add(a);
        return a;
    }

    private SpoeClient client(SpoaAgent agent, AgentOptions.Builder options) {
        SpoeClient c = SpoeClient.builder().server(agent.endpoint()).agentOptions(options.build()).build();
        closeables.add(c);
        return c;
    }

    private static Dispatcher echo() {
        return n -> Response.actions(Action.setVar(Scope.TXN, "n", n.messages().get(0).arg("n")));
    }

    @Test
    void sendsOneNotifyAndReturnsTheActions() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.enqueue(Response.actions(Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(42))));
        SpoeClient client = client(agent, AgentOptions.builder());
        List<Message> messages = List.of(Message.of("check-client-ip",
                new Arg("ip", TypedValue.ipv4(new byte[] {10, 0, 0, 1})), Arg.unnamed(TypedValue.string("x"))));
        AgentReply reply = reply(client.send(messages, LONG));
        assertEquals(List.of(Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(42))), reply.actions());
        assertEquals(agent.endpoint(), reply.server());
        assertEquals(1, reply.streamId());
        assertEquals(1, reply.frameId());
        assertTrue(reply.totalNanos() >= reply.queuedNanos());

        RecordedHello hello = agent.takeHello(WAIT);
        assertEquals("2.0", hello.hello().supportedVersions());
        assertEquals(16380, hello.hello().maxFrameSize());
        assertEquals("pipelining", hello.hello().capabilities());
        assertEquals(client.engineId(), hello.hello().engineId());
        assertTrue(client.engineId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        RecordedNotify notify = agent.takeNotify(WAIT);
        assertEquals(messages, notify.messages());
        assertEquals(1, notify.streamId());
        assertEquals(1, notify.frameId());
    }

    @Test
    void emptyAckIsANormalAnswerAndStreamIdsAreOdd() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        SpoeClient client = client(agent, AgentOptions.builder());
        assertTrue(reply(client.send(msg("m", 1), LONG)).actions().isEmpty());
        assertEquals(3, reply(client.send(msg("m", 2), LONG)).streamId());
        assertEquals(5, reply(client.send(msg("m", 3), LONG)).streamId());
        assertEquals(1, agent.connectionCount());
    }

    @Test
    void pipeliningCarriesManyRequestsOnOneConnectionAndMatchesOutOfOrderAcks() {
        SpoaAgent agent = agent(AgentHelloSpec.standard().withCapabilities(Capability.PIPELINING));
        AtomicInteger calls = new AtomicInteger();
        Dispatcher echo = echo();
        agent.dispatcher(n -> calls.getAndIncrement() == 0 ? echo.dispatch(n).withFault(Fault.reorderAcks(10))
                : echo.dispatch(n));
        SpoeClient client = client(agent, AgentOptions.builder());
        List<CompletionStage<AgentReply>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(client.send(msg("m", i), LONG));
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(TypedValue.int64(i), ((Action.SetVar) reply(replies.get(i)).actions().get(0)).value(),
                    "reply " + i + " carries its own ACK");
        }
        assertEquals(1, agent.connectionCount(), "20 requests fit max-waiting-frames on one connection");
    }

    @Test
    void maxWaitingFramesBoundsInFlightFramesPerConnection() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeClient client = client(agent, AgentOptions.builder().maxWaitingFrames(2));
        List<CompletionStage<AgentReply>> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stalled.add(client.send(msg("m", i), Duration.ofSeconds(2)));
        }
        java.util.Map<Integer, Integer> perConnection = new java.util.TreeMap<>();
        for (int i = 0; i < 4; i++) {
            perConnection.merge(agent.takeNotify(WAIT).connectionIndex(), 1, Integer::sum);
        }
        assertEquals(java.util.Map.of(0, 2, 1, 2), perConnection, "two NOTIFY frames on each of two connections");
        for (CompletionStage<AgentReply> s : stalled) {
            assertEquals(1, code(s));
        }
    }

    @Test
    void withoutPipeliningOneRequestPerConnectionAndThePoolGrows() {
        SpoaAgent agent = agent(AgentHelloSpec.standard().withCapabilities());
        for (int i = 0; i < 4; i++) {
            agent.enqueue(Response.fault(Fault.stall()));
        }
        SpoeClient client = client(agent, AgentOptions.builder());
        List<CompletionStage<AgentReply>> stalled = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stalled.add(client.send(msg("m", i), Duration.ofSeconds(3)));
        }
        Set<Integer> connections = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            RecordedNotify n = agent.takeNotify(WAIT);
            assertEquals(1, n.streamId(), "each connection opens stream 1 for its only NOTIFY");
            connections.add(n.connectionIndex());
        }
        assertEquals(4, connections.size(), "four stalled requests need four connections");
        for (CompletionStage<AgentReply> s : stalled) {
            SpoeClientException e = error(s);
            assertEquals(1, e.errorCode());
            assertEquals(SpoeTimeoutException.Phase.ACK, ((SpoeTimeoutException) e).phase());
            assertTrue(e.getMessage().contains("timeout processing (3000 ms)"), e.getMessage());
        }
        reply(client.send(msg("m", 9), LONG));
        assertNull(agent.pollAgentDisconnect(), "timeouts do not close connections");
    }

    @Test
    void lateAckIsDroppedAndTheConnectionStaysUsable() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        SpoeClient client = client(agent, AgentOptions.builder());
        reply(client.send(msg("m", 0), LONG));
        agent.takeNotify(WAIT);
        agent.enqueue(Response.empty().delay(Duration.ofSeconds(1)));
        SpoeClientException timedOut = error(client.send(msg("m", 1), Duration.ofMillis(100)));
        assertEquals(1, timedOut.errorCode());
        assertEquals(SpoeTimeoutException.Phase.ACK, ((SpoeTimeoutException) timedOut).phase());
        agent.takeNotify(WAIT);
        agent.enqueue(Response.empty().delay(Duration.ofMillis(600)));
        reply(client.send(msg("m", 2), LONG));
        reply(client.send(msg("m", 3), LONG));
        assertEquals(1, agent.connectionCount());
    }

    @Test
    void idleConnectionsCloseWithStatus0() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        SpoeClient client = client(agent, AgentOptions.builder().idleTimeout(Duration.ofMillis(100)));
        reply(client.send(msg("m", 1), LONG));
        RecordedDisconnect d = agent.takeDisconnect(WAIT);
        assertEquals(0, d.statusCode());
        assertEquals("normal", d.message());
        reply(client.send(msg("m", 2), LONG));
        assertEquals(2, agent.connectionCount(), "a new connection after the idle one closed");
    }

    @Test
    void closeSendsDisconnectNormalAndRefusesNewRequests() throws Exception {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        SpoeClient client = client(agent, AgentOptions.builder());
        reply(client.send(msg("m", 1), LONG));
        client.closeAsync().toCompletableFuture().get(Await.BOUND_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, agent.takeDisconnect(WAIT).statusCode());
        assertInstanceOf(SpoeResourceException.class, error(client.send(msg("m", 2), LONG)));
    }

    @Test
    void tooBigNotifyFailsWithError3WithoutConnecting() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        SpoeClient client = client(agent, AgentOptions.builder().maxFrameSize(256));
        List<Message> big = List.of(Message.of("m", new Arg("b", TypedValue.binary(new byte[300]))));
        assertInstanceOf(SpoeTooBigException.class, error(client.send(big, LONG)));
        assertEquals(0, agent.connectionCount());
    }

    @Test
    void negotiatedSmallerFrameSizeIsEnforcedPerConnection() {
        SpoaAgent agent = agent(AgentHelloSpec.standard().withMaxFrameSize(256));
        SpoeClient client = client(agent, AgentOptions.builder());
        List<Message> big = List.of(Message.of("m", new Arg("b", TypedValue.binary(new byte[300]))));
        assertEquals(3, code(client.send(big, LONG)));
        reply(client.send(msg("m", 1), LONG));
        assertEquals(1, agent.notifyCount(), "the big NOTIFY was never sent");
    }

    @Test
    void fragmentsWhenBothSidesAgree() {
        SpoaAgent agent = agent(AgentHelloSpec.standard().withMaxFrameSize(256)
                .withCapabilities(Capability.PIPELINING, Capability.FRAGMENTATION));
        agent.dispatcher(n -> Response.actions(Action.setVar(Scope.TXN, "len",
                TypedValue.int64(n.messages().get(0).arg("b").toDisplayString().length()))));
        SpoeClient client = client(agent, AgentOptions.builder().sendFragPayload(true));
        List<Message> big = List.of(Message.of("m", new Arg("b", TypedValue.binary(new byte[1000]))));
        reply(client.send(big, LONG));
        RecordedNotify n = agent.takeNotify(WAIT);
        assertTrue(n.fragments() > 1, n.toString());
        assertArrayEquals(new byte[1000], ((TypedValue.Binary) n.messages().get(0).arg("b")).bytes());
    }

    @Test
    void asyncNegotiatedWhenBothSidesAnnounceIt() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        List<AgentHandshake> handshakes = new CopyOnWriteArrayList<>();
        SpoeClient c = SpoeClient.builder().server(agent.endpoint())
                .agentOptions(AgentOptions.builder().async(true).build()).listener(new SpoeClientListener() {
                    @Override
                    public void handshake(String server, AgentHandshake handshake) {
                        handshakes.add(handshake);
                    }
                }).build();
        closeables.add(c);
        reply(c.send(msg("m", 1), LONG));
        reply(c.send(msg("m", 2), LONG));
        assertEquals("pipelining,async", agent.takeHello(WAIT).hello().capabilities());
        assertTrue(handshakes.get(0).async());
        assertTrue(handshakes.get(0).pipelining());
    }

    @Test
    void unixDomainSocketsOnTheDefaultAndOnANioGroup(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("agent.sock");
        SpoaAgent agent = SpoaAgent.builder().listen("unix:" + socket).build().start();
        closeables.add(agent);
        assertTrue(Files.exists(socket));
        SpoeClient c = SpoeClient.builder().server("unix:" + socket).build();
        closeables.add(c);
        reply(c.send(msg("m", 1), LONG));
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            SpoeClient onNio = SpoeClient.builder().server("unix:" + socket).eventLoopGroup(nio).build();
            reply(onNio.send(msg("m", 2), LONG));
            onNio.close();
        } finally {
            nio.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void listenerSeesConnectHandshakeAndDisconnect() throws Exception {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        List<String> events = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        SpoeClient c = SpoeClient.builder().server(agent.endpoint()).listener(new SpoeClientListener() {
            @Override
            public void connected(String server) {
                events.add("connected");
            }

            @Override
            public void handshake(String server, AgentHandshake handshake) {
                events.add("handshake " + handshake.maxFrameSize());
            }

            @Override
            public void disconnected(String server, long status, String reason, boolean byAgent) {
                events.add("disconnected " + status + " " + byAgent);
                closed.countDown();
            }
        }).build();
        closeables.add(c);
        reply(c.send(msg("m", 1), LONG));
        c.close();
        assertTrue(closed.await(Await.BOUND_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of("connected", "handshake 16380", "disconnected 0 false"), events);
    }
}

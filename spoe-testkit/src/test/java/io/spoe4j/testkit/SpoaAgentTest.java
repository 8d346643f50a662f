package io.spoe4j.testkit;

import static io.spoe4j.testkit.SpopTestClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.codec.TypedValue;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpoaAgentTest {
    private static final Message CHECK = Message.of("check-client-ip",
            new Arg("ip", TypedValue.ipv4(new byte[] {(byte) 192, 0, 2, 10})));

    private SpoaAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private SpoaAgent start(SpoaAgent.Builder builder) {
        agent = builder.build().start();
        return agent;
    }

    @Test
    void startsOnLoopbackPortZeroAndReportsItsAddress() {
        start(SpoaAgent.builder());
        InetSocketAddress a = (InetSocketAddress) agent.address();
        assertTrue(a.getPort() > 0, "bound port " + a.getPort());
        assertEquals(a.getPort(), agent.port());
        assertEquals("127.0.0.1:" + a.getPort(), agent.endpoint());
        assertEquals(0, agent.connectionCount());
    }

    @Test
    void answersHelloWithStandardAgentHelloAndRecordsIt() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            Frame.HaproxyHello hello = new Frame.HaproxyHello("2.0", 16380, "pipelining,async", "e-1", false);
            c.send(hello);
            AgentHello answer = c.read(AgentHello.class);
            assertEquals("2.0", answer.version());
            assertEquals(16380, answer.maxFrameSize());
            assertEquals("pipelining,async", answer.capabilities());
            RecordedHello recorded = agent.takeHello(WAIT);
            assertEquals(0, recorded.connectionIndex());
            assertEquals(hello, recorded.hello());
            assertArrayEquals(SpopTestClient.bytes(hello), recorded.raw());
            assertEquals(answer, recorded.answer());
            assertFalse(recorded.healthcheck());
        }
        assertEquals(1, agent.helloCount());
    }

    @Test
    void answersMinOfOwnAndAnnouncedMaxFrameSize() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(new Frame.HaproxyHello("2.0", 1024, "", "e", false));
            assertEquals(1024, c.read(AgentHello.class).maxFrameSize());
        }
    }

    @Test
    void answersEmptyAckByDefaultAndRecordsTheNotify() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            Notify notify = new Notify(7, 1, List.of(CHECK));
            c.send(notify);
            assertEquals(new Ack(7, 1, List.of()), c.read());
            RecordedNotify n = agent.takeNotify(WAIT);
            assertEquals(0, n.connectionIndex());
            assertEquals(7, n.streamId());
            assertEquals(1, n.frameId());
            assertEquals(List.of(CHECK), n.messages());
            assertArrayEquals(SpopTestClient.bytes(notify), n.raw());
            assertEquals(1, n.fragments());
            assertEquals(CHECK.arg("ip"), n.arg("check-client-ip", "ip"));
            assertEquals(1, agent.notifyCount());
        }
    }

    @Test
    void answersEnqueuedResponsesInOrderThenFallsBackToDispatcherThenEmpty() throws Exception {
        start(SpoaAgent.builder());
        Action first = Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(10));
        Action second = Action.unsetVar(Scope.TXN, "x");
        agent.enqueue(Response.actions(first));
        agent.enqueue(Response.actions(List.of(second)));
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            c.send(new Notify(1, 1, List.of(CHECK)));
            assertEquals(new Ack(1, 1, List.of(first)), c.read());
            c.send(new Notify(1, 2, List.of(CHECK)));
            assertEquals(new Ack(1, 2, List.of(second)), c.read());
            agent.dispatcher(Dispatcher.of(messages -> List.of(
                    Action.setVar(Scope.TXN, "count", TypedValue.int32(messages.size())))));
            c.send(new Notify(1, 3, List.of(CHECK, CHECK)));
            assertEquals(new Ack(1, 3, List.of(Action.setVar(Scope.TXN, "count", TypedValue.int32(2)))), c.read());
            agent.dispatcher(null);
            c.send(new Notify(1, 4, List.of(CHECK)));
            assertEquals(new Ack(1, 4, List.of()), c.read());
        }
    }

    @Test
    void dispatcherSeesTheRecordedNotify() throws Exception {
        start(SpoaAgent.builder().dispatcher(n -> Response.actions(
                Action.setVar(Scope.TXN, "conn", TypedValue.int32(n.connectionIndex())),
                Action.setVar(Scope.TXN, "sid", TypedValue.int64(n.streamId())))));
        try (SpopTestClient c0 = SpopTestClient.handshake(agent); SpopTestClient c1 = SpopTestClient.handshake(agent)) {
            c1.send(new Notify(33, 1, List.of(CHECK)));
            assertEquals(new Ack(33, 1, List.of(Action.setVar(Scope.TXN, "conn", TypedValue.int32(1)),
                    Action.setVar(Scope.TXN, "sid", TypedValue.int64(33)))), c1.read());
        }
    }

    @Test
    void failingDispatcherDisconnectsWithStatus99() throws Exception {
        start(SpoaAgent.builder().dispatcher(n -> {
            throw new IllegalStateException("boom");
        }));
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            c.send(new Notify(1, 1, List.of(CHECK)));
            Frame.AgentDisconnect d = c.assertDisconnect(SpopStatus.UNKNOWN.code());
            assertTrue(d.message().contains("boom"), d.message());
        }
        assertEquals(99, agent.takeAgentDisconnect(WAIT).statusCode());
    }

    @Test
    void pipelinedNotifiesAreAnsweredByIdsInAnyOrder() throws Exception {
        start(SpoaAgent.builder());
        int count = 20;
        // Earlier NOTIFYs get longer delays, so ACKs come back out of order.
        for (int i = 0; i < count; i++) {
            agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "i", TypedValue.int32(i)))
                    .delay(Duration.ofMillis(5L * (count - i))));
        }
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            for (int i = 0; i < count; i++) {
                c.send(new Notify(100 + i, 1, List.of(CHECK)));
            }
            Map<Long, Ack> acks = new HashMap<>();
            for (int i = 0; i < count; i++) {
                Ack a = c.read(Ack.class);
                acks.put(a.streamId(), a);
            }
            for (int i = 0; i < count; i++) {
                assertEquals(List.of(Action.setVar(Scope.TXN, "i", TypedValue.int32(i))), acks.get(100L + i).actions(),
                        "ACK of NOTIFY " + i);
            }
        }
        assertEquals(count, agent.notifyCount());
    }

    @Test
    void servesConcurrentConnections() throws Exception {
        start(SpoaAgent.builder().dispatcher(n -> Response.actions(
                Action.setVar(Scope.TXN, "echo", TypedValue.int64(n.streamId())))));
        int clients = 8;
        int perClient = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int base = k * 1000;
                results.add(pool.submit(() -> {
                    try (SpopTestClient c = SpopTestClient.handshake(agent)) {
                        for (int i = 0; i < perClient; i++) {
                            c.send(new Notify(base + i, 1, List.of(CHECK)));
                        }
                        int ok = 0;
                        for (int i = 0; i < perClient; i++) {
                            Ack a = c.read(Ack.class);
                            if (a.actions().equals(List.of(Action.setVar(Scope.TXN, "echo",
                                    TypedValue.int64(a.streamId()))))) {
                                ok++;
                            }
                        }
                        return ok;
                    }
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(perClient, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(clients, agent.connectionCount());
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < clients * perClient; i++) {
            indexes.add(agent.takeNotify(WAIT).connectionIndex());
        }
        assertEquals(clients, indexes.size());
        assertNull(agent.pollNotify());
    }

    @Test
    void acceptsFramesWrittenOneByteAtATime() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.sendByteAtATime(SpopTestClient.hello("pipelining"));
            c.read(AgentHello.class);
            Notify notify = new Notify(5, 9, List.of(CHECK, Message.of("empty")));
            c.sendByteAtATime(notify);
            assertEquals(new Ack(5, 9, List.of()), c.read());
            assertEquals(notify.messages(), agent.takeNotify(WAIT).messages());
        }
    }

    @Test
    void answersAnEmptyNotifyWithAnEmptyAck() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            c.send(new Notify(2, 1, List.of()));
            assertEquals(new Ack(2, 1, List.of()), c.read());
        }
    }

    @Test
    void answersHealthCheckHelloAndCloses() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(Frame.HaproxyHello.healthCheck());
            AgentHello answer = c.read(AgentHello.class);
            assertEquals("2.0", answer.version());
            assertEquals(16380, answer.maxFrameSize());
            c.assertClosed();
        }
        RecordedHello h = agent.takeHello(WAIT);
        assertTrue(h.healthcheck());
        assertNull(h.hello().engineId());
    }

    @Test
    void repliesToHaproxyDisconnectAndCloses() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            Frame.HaproxyDisconnect bye = Frame.HaproxyDisconnect.of(SpopStatus.NORMAL);
            c.send(bye);
            c.assertDisconnect(0);
            RecordedDisconnect d = agent.takeDisconnect(WAIT);
            assertEquals(0, d.connectionIndex());
            assertEquals(0, d.statusCode());
            assertEquals("normal", d.message());
            assertArrayEquals(SpopTestClient.bytes(bye), d.raw());
        }
        assertEquals(0, agent.takeAgentDisconnect(WAIT).statusCode());
    }

    @Test
    void takeNotifyTimesOutWithAClearMessage() {
        start(SpoaAgent.builder());
        TestkitException e = assertThrows(TestkitException.class, () -> agent.takeNotify(Duration.ofMillis(20)));
        assertTrue(e.getMessage().contains("no NOTIFY within PT0.02S"), e.getMessage());
        assertTrue(e.getMessage().contains("0 connections accepted"), e.getMessage());
    }

    @Test
    void closeClosesOpenConnectionsAndIsIdempotent() throws Exception {
        start(SpoaAgent.builder());
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            assertEquals(1, agent.openConnectionCount());
            agent.close();
            c.assertClosed();
            agent.close();
        }
        assertThrows(IllegalStateException.class, agent::start);
    }

    @Test
    void startTwiceIsRejected() {
        start(SpoaAgent.builder());
        assertThrows(IllegalStateException.class, agent::start);
    }

    @Test
    void builderRejectsBadOptionsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpoaAgent.builder().threads(0));
        assertTrue(e.getMessage().startsWith("threads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpoaAgent.builder().helloDelay(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().startsWith("helloDelay"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpoaAgent.builder().listen("nowhere"));
        assertTrue(e.getMessage().contains("missing port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Response.empty().delay(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("delay"), e.getMessage());
    }

    @Test
    void bindFailureIsReported() {
        start(SpoaAgent.builder());
        SpoaAgent second = SpoaAgent.builder().listen(agent.address()).build();
        TestkitException e = assertThrows(TestkitException.class, second::start);
        assertTrue(e.getMessage().contains("cannot listen on"), e.getMessage());
        second.close();
    }

    @Test
    void listensOnAHostPortString() throws Exception {
        start(SpoaAgent.builder().listen("127.0.0.1:0"));
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            c.send(new Notify(1, 1, List.of()));
            c.read(Ack.class);
        }
    }
}

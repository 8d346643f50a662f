package io.spoe4j.client;

import io.spoe4j.options.AgentOptions;
import static io.spoe4j.client.Await.code;
import static io.spoe4j.client.Await.error;
import static io.spoe4j.client.Await.msg;
import static io.spoe4j.client.Await.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.SpopStatus;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.Capability;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken agents: each fault fails the request once with HAProxy's error code, the client sends the
 * right DISCONNECT where HAProxy would, and the next request succeeds on a new connection.
 */
class FaultMatrixTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LONG = Duration.ofSeconds(10);

    static Stream<Arguments> ackFaults() {
        return Stream.of(
                Arguments.of("close socket", Fault.closeSocket(), 257, -1),
                Arguments.of("close mid-frame", Fault.closeMidFrame(), 257, -1),
                Arguments.of("unknown type on stream 0", Fault.garbage(new byte[] {0, 0, 0, 7, 42, 0, 0, 0, 1, 0, 0}), 260, 4),
                Arguments.of("truncated varint", Fault.garbage(new byte[] {0, 0, 0, 7, 103, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff}),
                        260, 4),
                Arguments.of("text garbage", Fault.garbage("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes()), 259, 3),
                Arguments.of("short frame", Fault.garbage(new byte[] {0, 0, 0, 2, 1, 1}), 260, 4),
                Arguments.of("ids never sent", Fault.wrongIds(99, 1), 268, 12),
                Arguments.of("frame-id never sent", Fault.wrongIds(1, 7), 268, 12),
                Arguments.of("stream-id 0", Fault.wrongIds(0, 1), 260, 4),
                Arguments.of("fragmented ACK", Fault.fragmentedAck(2), 260, 4),
                Arguments.of("oversize ACK", Fault.exceedMaxFrameSize(10), 259, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ackFaults")
    void faultyAckFailsOnceAndThePoolRecovers(String name, Fault fault, int expectedCode, long disconnectStatus) {
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).build()) {
            agent.enqueue(Response.fault(fault));
            SpoeClientException e = error(client.send(msg("m", 1), LONG));
            assertEquals(expectedCode, e.errorCode(), e.getMessage());
            assertEquals(agent.endpoint(), e.server());
            if (disconnectStatus >= 0) {
                assertEquals(disconnectStatus, agent.takeDisconnect(WAIT).statusCode());
                assertInstanceOf(SpoeProtocolException.class, e);
            }
            reply(client.send(msg("m", 2), LONG));
            assertEquals(2, agent.connectionCount(), "the broken connection was replaced");
        }
    }

    static LongStream disconnectStatuses() {
        return LongStream.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 42, 99, 100);
    }

    @ParameterizedTest(name = "AGENT-DISCONNECT {0}")
    @MethodSource("disconnectStatuses")
    void agentDisconnectFailsInFlightWith256PlusItsStatus(long status) {
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).build()) {
            agent.enqueue(Response.fault(Fault.disconnect(status, "bye " + status)));
            SpoeClientException e = error(client.send(msg("m", 1), LONG));
            assertEquals(256 + status, e.errorCode());
            SpoeConnectionException c = assertInstanceOf(SpoeConnectionException.class, e);
            assertTrue(c.fromAgent());
            assertEquals(status, c.status());
            assertTrue(e.getMessage().contains("bye " + status), e.getMessage());
            reply(client.send(msg("m", 2), LONG));
        }
    }

    static Stream<Arguments> badHellos() {
        AgentHelloSpec s = AgentHelloSpec.standard();
        return Stream.of(
                Arguments.of("refused 13", AgentHelloSpec.refusing(SpopStatus.RESOURCE_ERROR), 256 + 13, -1),
                Arguments.of("refused 77", AgentHelloSpec.refusing(77, "agent-defined"), 256 + 77, -1),
                Arguments.of("no version", s.withVersion(null), 256 + 5, 5),
                Arguments.of("version 2.1", s.withVersion("2.1"), 256 + 8, 8),
                Arguments.of("version 1.0", s.withVersion("1.0"), 256 + 8, 8),
                Arguments.of("frame size 100", s.withExactMaxFrameSize(100), 256 + 9, 9),
                Arguments.of("frame size above ours", s.withExactMaxFrameSize(20000), 256 + 9, 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHellos")
    void badHandshakeFailsWithItsStatus(String name, AgentHelloSpec hello, int expectedCode, long disconnectStatus) {
        try (SpoaAgent agent = SpoaAgent.builder().hello(hello).build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).build()) {
            SpoeClientException e = error(client.send(msg("m", 1), LONG));
            assertEquals(expectedCode, e.errorCode(), e.getMessage());
            if (disconnectStatus >= 0) {
                assertEquals(disconnectStatus, agent.takeDisconnect(WAIT).statusCode());
            }
            assertEquals(0, agent.notifyCount(), "nothing is sent on a connection that failed its handshake");
        }
    }

    static Stream<Arguments> helloFaults() {
        return Stream.of(
                Arguments.of("close", Fault.closeSocket(), 257),
                Arguments.of("close mid-frame", Fault.closeMidFrame(), 257),
                Arguments.of("stall", Fault.stall(), 258),
                Arguments.of("garbage", Fault.garbage(new byte[] {0, 0, 0, 7, 42, 0, 0, 0, 1, 0, 0}), 260),
                Arguments.of("disconnect 42", Fault.disconnect(42, "not now"), 256 + 42));
    }

    @ParameterizedTest(name = "HELLO answered with {0}")
    @MethodSource("helloFaults")
    void helloFaultsFailTheWaitingRequestWithTheConnectionStatus(String name, Fault fault, int expectedCode) {
        try (SpoaAgent agent = SpoaAgent.builder().helloFault(fault).build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint())
                        .agentOptions(AgentOptions.builder().helloTimeout(Duration.ofMillis(300)).build()).build()) {
            SpoeClientException e = error(client.send(msg("m", 1), LONG));
            assertEquals(expectedCode, e.errorCode(), e.getMessage());
            assertEquals(0, agent.notifyCount());
        }
    }

    @Test
    void helloWithoutMaxFrameSizeOrCapabilitiesIsAccepted() {
        AgentHelloSpec hello = AgentHelloSpec.standard().withExactMaxFrameSize(-1).withRawCapabilities(null);
        try (SpoaAgent agent = SpoaAgent.builder().hello(hello).build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).build()) {
            reply(client.send(msg("m", 1), LONG));
        }
    }

    @Test
    void helloTimeoutFailsWith258() {
        try (SpoaAgent agent = SpoaAgent.builder().helloDelay(Duration.ofSeconds(5)).build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint())
                        .agentOptions(AgentOptions.builder().helloTimeout(Duration.ofMillis(100)).build()).build()) {
            SpoeClientException e = error(client.send(msg("m", 1), LONG));
            assertEquals(258, e.errorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("timeout hello"), e.getMessage());
        }
    }

    @Test
    void processingTimeoutDuringTheHelloNamesThePhase() {
        try (SpoaAgent agent = SpoaAgent.builder().helloDelay(Duration.ofSeconds(3)).build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).build()) {
            SpoeClientException e = error(client.send(msg("m", 1), Duration.ofMillis(100)));
            assertEquals(1, e.errorCode());
            assertEquals(SpoeTimeoutException.Phase.HELLO, ((SpoeTimeoutException) e).phase());
        }
    }

    @Test
    void refusedConnectionFailsWith257() {
        SpoaAgent closed = SpoaAgent.builder().build().start();
        String endpoint = closed.endpoint();
        closed.close();
        try (SpoeClient client = SpoeClient.builder().server(endpoint).build()) {
            SpoeClientException e = error(client.send(msg("m", 1), LONG));
            assertEquals(257, e.errorCode(), e.getMessage());
        }
    }

    static Stream<Arguments> capabilitySets() {
        return Stream.of(
                Arguments.of(List.of(), 1),
                Arguments.of(List.of(Capability.PIPELINING), 20),
                Arguments.of(List.of(Capability.ASYNC), 1),
                Arguments.of(List.of(Capability.FRAGMENTATION), 1),
                Arguments.of(List.of(Capability.PIPELINING, Capability.ASYNC, Capability.FRAGMENTATION), 20));
    }

    @ParameterizedTest(name = "agent announces {0}")
    @MethodSource("capabilitySets")
    void everyCapabilitySetWorks(List<Capability> caps, int slots) {
        AgentHelloSpec hello = AgentHelloSpec.standard().withCapabilities(caps.toArray(new Capability[0]));
        List<AgentHandshake> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SpoaAgent agent = SpoaAgent.builder().hello(hello).build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).listener(new SpoeClientListener() {
                    @Override
                    public void handshake(String server, AgentHandshake handshake) {
                        seen.add(handshake);
                    }
                }).build()) {
            List<java.util.concurrent.CompletionStage<AgentReply>> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                replies.add(client.send(msg("m", i), LONG));
            }
            replies.forEach(Await::reply);
            assertEquals(slots == 20, seen.get(0).pipelining());
            assertEquals(false, seen.get(0).async(), "async is off by default");
            assertEquals(false, seen.get(0).fragmentation(), "send-frag-payload is off by default");
        }
    }

    @Test
    void stalledAgentTimesOutEveryRequestExactlyOnce() {
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                SpoeClient client = SpoeClient.builder().server(agent.endpoint()).build()) {
            List<java.util.concurrent.CompletableFuture<AgentReply>> all = new ArrayList<>();
            agent.dispatcher(n -> n.messages().get(0).arg("n").asLong() == 99 ? Response.empty()
                    : Response.fault(Fault.stall()));
            for (int i = 0; i < 30; i++) {
                all.add(client.send(msg("m", i), Duration.ofMillis(200)).toCompletableFuture());
            }
            for (var f : all) {
                assertEquals(1, code(f));
            }
            reply(client.send(msg("m", 99), LONG));
        }
    }
}

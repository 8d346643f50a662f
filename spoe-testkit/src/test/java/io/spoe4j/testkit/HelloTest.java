package io.spoe4j.testkit;

import static io.spoe4j.testkit.SpopTestClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.SpopStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HelloTest {
    private SpoaAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private AgentHello handshake(AgentHelloSpec spec, HaproxyHello hello) throws Exception {
        agent = SpoaAgent.builder().hello(spec).build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(hello);
            return c.read(AgentHello.class);
        }
    }

    @Test
    void announcesConfiguredVersionMaxFrameSizeAndCapabilities() throws Exception {
        AgentHello h = handshake(AgentHelloSpec.standard().withVersion("2.0").withMaxFrameSize(4096)
                .withCapabilities(Capability.PIPELINING, Capability.FRAGMENTATION), SpopTestClient.hello("pipelining"));
        assertEquals(new AgentHello("2.0", 4096, "pipelining,fragmentation"), h);
    }

    @Test
    void canAnnounceNoCapabilities() throws Exception {
        assertEquals("", handshake(AgentHelloSpec.standard().withCapabilities(), SpopTestClient.hello("pipelining"))
                .capabilities());
    }

    @Test
    void canOmitKeysAndSendInvalidValuesOnPurpose() throws Exception {
        AgentHello h = handshake(AgentHelloSpec.standard().withVersion(null).withExactMaxFrameSize(-1)
                .withRawCapabilities(null), SpopTestClient.hello(""));
        assertEquals(new AgentHello(null, -1, null), h);
        agent.close();
        h = handshake(AgentHelloSpec.standard().withVersion("3.7").withExactMaxFrameSize(100_000)
                .withRawCapabilities(" async ,weird"), SpopTestClient.hello(""));
        assertEquals(new AgentHello("3.7", 100_000, " async ,weird"), h);
    }

    @Test
    void refusalAnswersWithAgentDisconnect() throws Exception {
        agent = SpoaAgent.builder().hello(AgentHelloSpec.refusing(SpopStatus.RESOURCE_ERROR)).build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(SpopTestClient.hello("pipelining"));
            assertEquals("resource allocation error", c.assertDisconnect(13).message());
        }
        RecordedHello h = agent.takeHello(WAIT);
        assertEquals(new Frame.AgentDisconnect(13, "resource allocation error"), h.answer());
        assertEquals(13, agent.takeAgentDisconnect(WAIT).statusCode());
    }

    @Test
    void refusalWithAgentDefinedStatus() throws Exception {
        agent = SpoaAgent.builder().hello(AgentHelloSpec.refusing(150, "maintenance")).build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(Frame.HaproxyHello.healthCheck());
            assertEquals("maintenance", c.assertDisconnect(150).message());
        }
    }

    @Test
    void helloDelayPostponesTheAnswer() throws Exception {
        agent = SpoaAgent.builder().helloDelay(Duration.ofMillis(50)).build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(SpopTestClient.hello(""));
            assertEquals("2.0", c.read(AgentHello.class).version());
        }
    }

    @Test
    void helloFaultCloseSocketClosesInsteadOfAnswering() throws Exception {
        agent = SpoaAgent.builder().helloFault(Fault.closeSocket()).build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(SpopTestClient.hello(""));
            c.assertClosed();
        }
        assertTrue(agent.takeHello(WAIT).answer() instanceof AgentHello);
    }

    @Test
    void helloFaultCloseMidFrameSendsAPrefix() throws Exception {
        agent = SpoaAgent.builder().helloFault(new Fault.CloseMidFrame(6)).build().start();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", agent.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(SpopTestClient.bytes(SpopTestClient.hello("")));
            byte[] expected = java.util.Arrays.copyOf(SpopTestClient.bytes(new AgentHello("2.0", 16380,
                    "pipelining,async")), 6);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, s.getInputStream().readAllBytes());
        }
    }

    @Test
    void helloFaultGarbageAndStallKeepTheConnectionOpen() throws Exception {
        agent = SpoaAgent.builder().helloFault(Fault.garbage(new byte[] {0, 0, 0, 1, 9})).build().start();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", agent.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(SpopTestClient.bytes(SpopTestClient.hello("")));
            org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {0, 0, 0, 1, 9},
                    s.getInputStream().readNBytes(5));
        }
        agent.close();
        agent = SpoaAgent.builder().helloFault(Fault.stall()).build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(SpopTestClient.hello(""));
            agent.takeHello(WAIT);
            // Nothing was answered: the next frame is still "before the handshake completed".
            c.send(new Notify(1, 1, List.of()));
            c.assertDisconnect(SpopStatus.INVALID_FRAME.code());
        }
    }

    @Test
    void helloFaultDisconnectAndUnsupportedFaults() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> SpoaAgent.builder().helloFault(Fault.reorderAcks(2)));
        agent = SpoaAgent.builder().helloFault(Fault.disconnect(SpopStatus.TIMEOUT)).build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(SpopTestClient.hello(""));
            c.assertDisconnect(SpopStatus.TIMEOUT.code());
        }
    }

    @Test
    void rejectsHelloWithoutVersion() throws Exception {
        expectHelloRejected(new HaproxyHello("", 16380, "", "e", false), SpopStatus.NO_VERSION);
    }

    @Test
    void rejectsHelloWithUnsupportedVersion() throws Exception {
        expectHelloRejected(new HaproxyHello("1.0", 16380, "", "e", false), SpopStatus.UNSUPPORTED_VERSION);
    }

    @Test
    void acceptsAListOfVersionsContainingTwo() throws Exception {
        assertEquals("2.0", handshake(AgentHelloSpec.standard(), new HaproxyHello("1.0, 2.0", 16380, "", "e", false))
                .version());
    }

    @Test
    void rejectsHelloWithoutMaxFrameSize() throws Exception {
        expectHelloRejected(new HaproxyHello("2.0", -1, "", "e", false), SpopStatus.NO_MAX_FRAME_SIZE);
    }

    @Test
    void rejectsHelloWithTooSmallMaxFrameSize() throws Exception {
        expectHelloRejected(new HaproxyHello("2.0", 255, "", "e", false), SpopStatus.BAD_MAX_FRAME_SIZE);
    }

    @Test
    void rejectsNotifyBeforeHello() throws Exception {
        agent = SpoaAgent.builder().build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(new Notify(1, 1, List.of()));
            c.assertDisconnect(SpopStatus.INVALID_FRAME.code());
        }
        assertNull(agent.pollNotify());
    }

    @Test
    void rejectsHelloWithoutFin() throws Exception {
        agent = SpoaAgent.builder().build().start();
        byte[] hello = SpopTestClient.bytes(SpopTestClient.hello(""));
        hello[8] = 0; // FLAGS are bytes 5-8: clear FIN
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.sendBytes(hello);
            c.assertDisconnect(SpopStatus.FRAGMENTATION_NOT_SUPPORTED.code());
        }
    }

    @Test
    void rejectsASecondHello() throws Exception {
        agent = SpoaAgent.builder().build().start();
        try (SpopTestClient c = SpopTestClient.handshake(agent)) {
            c.send(SpopTestClient.hello(""));
            c.assertDisconnect(SpopStatus.INVALID_FRAME.code());
        }
    }

    private void expectHelloRejected(HaproxyHello hello, SpopStatus status) throws Exception {
        agent = SpoaAgent.builder().build().start();
        try (SpopTestClient c = SpopTestClient.connect(agent)) {
            c.send(hello);
            assertEquals(status.reason(), c.assertDisconnect(status.code()).message());
        }
        assertTrue(agent.takeHello(WAIT).answer() instanceof Frame.AgentDisconnect);
    }

    @Test
    void specValidatesAndParsesCapabilitiesLikeHaproxy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentHelloSpec.standard().withMaxFrameSize(100));
        assertTrue(e.getMessage().startsWith("maxFrameSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentHelloSpec.refusing(-1, "x"));
        assertTrue(AgentHelloSpec.hasWord("pipelining, async", "async"));
        assertTrue(AgentHelloSpec.hasWord("async fast", "async"));
        assertFalse(AgentHelloSpec.hasWord("asyncx", "async"));
        assertFalse(AgentHelloSpec.hasWord(null, "async"));
        assertTrue(AgentHelloSpec.standard().announces(Capability.ASYNC));
        assertFalse(AgentHelloSpec.standard().announces(Capability.FRAGMENTATION));
        assertTrue(AgentHelloSpec.refusing(SpopStatus.NORMAL).refuses());
    }
}

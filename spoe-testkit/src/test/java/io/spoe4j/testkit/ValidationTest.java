package io.spoe4j.testkit;

import static io.spoe4j.testkit.SpopTestClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.Fragments;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.codec.TypedValue;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent rejects client mistakes like a real agent, so they show up in client tests. */
class ValidationTest {
    private static final Message BIG = Message.of("body", new Arg("data", TypedValue.string("b".repeat(3000))),
            new Arg("n", TypedValue.int32(7)));

    private SpoaAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private SpopTestClient connected(AgentHelloSpec spec, int clientMaxFrameSize) throws Exception {
        agent = SpoaAgent.builder().hello(spec).build().start();
        SpopTestClient c = SpopTestClient.connect(agent);
        c.send(new Frame.HaproxyHello("2.0", clientMaxFrameSize, "pipelining", "e", false));
        c.read(Frame.AgentHello.class);
        return c;
    }

    @Test
    void frameLargerThanNegotiatedMaxIsStatus3() throws Exception {
        try (SpopTestClient c = connected(AgentHelloSpec.standard(), 1024)) {
            c.send(new Notify(1, 1, List.of(BIG)));
            c.assertDisconnect(SpopStatus.FRAME_TOO_BIG.code());
        }
        assertEquals(3, agent.takeAgentDisconnect(WAIT).statusCode());
        assertNull(agent.pollNotify());
    }

    @Test
    void agentFramesFromTheClientAreInvalid() throws Exception {
        try (SpopTestClient c = connected(AgentHelloSpec.standard(), 16380)) {
            c.send(new Ack(1, 1, List.of()));
            c.assertDisconnect(SpopStatus.INVALID_FRAME.code());
        }
    }

    @Test
    void malformedBytesAreInvalid() throws Exception {
        try (SpopTestClient c = connected(AgentHelloSpec.standard(), 16380)) {
            c.sendBytes(new byte[] {0, 0, 0, 3, 1, 2, 3});
            c.assertDisconnect(SpopStatus.INVALID_FRAME.code());
        }
    }

    @Test
    void unknownFrameTypesAreIgnored() throws Exception {
        try (SpopTestClient c = connected(AgentHelloSpec.standard(), 16380)) {
            c.send(new Frame.Unknown(42, Frame.FLAG_FIN, 1, 1));
            c.send(new Notify(1, 1, List.of()));
            assertEquals(new Ack(1, 1, List.of()), c.read());
        }
    }

    @Test
    void fragmentWithoutAnnouncedFragmentationIsStatus10() throws Exception {
        try (SpopTestClient c = connected(AgentHelloSpec.standard(), 1024)) {
            // The agent closes at the first fragment, so later ones could hit a closed socket.
            c.send(Fragments.split(new Notify(1, 1, List.of(BIG)), 1024).get(0));
            c.assertDisconnect(SpopStatus.FRAGMENTATION_NOT_SUPPORTED.code());
        }
    }

    @Test
    void reassemblesFragmentedNotifyWhenFragmentationWasAnnounced() throws Exception {
        AgentHelloSpec spec = AgentHelloSpec.standard().withCapabilities(Capability.PIPELINING, Capability.FRAGMENTATION);
        Notify notify = new Notify(8, 2, List.of(BIG, Message.of("after")));
        List<Frame> parts = Fragments.split(notify, 1024);
        assertTrue(parts.size() > 2, "split into " + parts.size());
        try (SpopTestClient c = connected(spec, 1024)) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            for (Frame f : parts) {
                c.sendByteAtATime(f);
                raw.writeBytes(SpopTestClient.bytes(f));
            }
            assertEquals(new Ack(8, 2, List.of()), c.read());
            RecordedNotify n = agent.takeNotify(WAIT);
            assertEquals(notify.messages(), n.messages());
            assertEquals(parts.size(), n.fragments());
            assertEquals(8, n.streamId());
            assertEquals(2, n.frameId());
            org.junit.jupiter.api.Assertions.assertArrayEquals(raw.toByteArray(), n.raw());
        }
    }

    @Test
    void abortedFragmentedNotifyIsDroppedWithoutAck() throws Exception {
        AgentHelloSpec spec = AgentHelloSpec.standard().withCapabilities(Capability.FRAGMENTATION);
        List<Frame> parts = Fragments.split(new Notify(3, 1, List.of(BIG)), 1024);
        try (SpopTestClient c = connected(spec, 1024)) {
            c.send(parts.get(0));
            c.send(Fragments.abort(3, 1));
            c.send(new Notify(4, 1, List.of()));
            assertEquals(new Ack(4, 1, List.of()), c.read(), "no ACK for the aborted frame");
        }
        assertEquals(4, agent.takeNotify(WAIT).streamId());
        assertNull(agent.pollNotify());
    }

    @Test
    void interlacedFragmentsAreStatus11() throws Exception {
        AgentHelloSpec spec = AgentHelloSpec.standard().withCapabilities(Capability.FRAGMENTATION);
        List<Frame> parts = Fragments.split(new Notify(3, 1, List.of(BIG)), 1024);
        try (SpopTestClient c = connected(spec, 1024)) {
            c.send(parts.get(0));
            c.send(new Notify(9, 1, List.of()));
            c.assertDisconnect(SpopStatus.INTERLACED_FRAMES.code());
        }
    }

    @Test
    void continuationWithNothingInProgressIsInvalid() throws Exception {
        AgentHelloSpec spec = AgentHelloSpec.standard().withCapabilities(Capability.FRAGMENTATION);
        List<Frame> parts = Fragments.split(new Notify(3, 1, List.of(BIG)), 1024);
        try (SpopTestClient c = connected(spec, 1024)) {
            c.send(parts.get(1));
            c.assertDisconnect(SpopStatus.INVALID_FRAME.code());
        }
    }

    @Test
    void clientMayCloseWithoutDisconnect() throws Exception {
        SpopTestClient c = connected(AgentHelloSpec.standard(), 16380);
        c.close();
        // The agent keeps serving new connections and sent nothing to the closed one.
        try (SpopTestClient d = SpopTestClient.handshake(agent)) {
            d.send(new Notify(1, 1, List.of()));
            d.read(Ack.class);
        }
        assertNull(agent.pollAgentDisconnect());
    }
}

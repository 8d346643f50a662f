package io.spoe4j.testkit;

import static io.spoe4j.testkit.SpopTestClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.FrameType;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.codec.TypedValue;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultTest {
    private static final Action SCORE = Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(42));

    @RegisterExtension
    final SpoaAgentExtension spoa = new SpoaAgentExtension();

    private SpoaAgent agent() {
        return spoa.agent();
    }

    @Test
    void closeSocketClosesWithoutAnswering() throws Exception {
        agent().enqueue(Response.fault(Fault.closeSocket()));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(1, 1, List.of()));
            c.assertClosed();
        }
        assertNull(agent().pollAgentDisconnect());
    }

    @Test
    void closeMidFrameSendsAPrefixOfTheAckThenCloses() throws Exception {
        agent().enqueue(Response.actions(SCORE).withFault(new Fault.CloseMidFrame(9)));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(1, 1, List.of()));
            c.assertClosed();
        }
        // The exact bytes, read with a plain socket that sees partial frames.
        agent().enqueue(Response.actions(SCORE).withFault(Fault.closeMidFrame()));
        try (Socket s = new Socket("127.0.0.1", agent().port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.getOutputStream().write(SpopTestClient.bytes(SpopTestClient.hello("")));
            int helloLength = readHeader(s);
            s.getInputStream().readNBytes(helloLength);
            s.getOutputStream().write(SpopTestClient.bytes(new Notify(3, 4, List.of())));
            byte[] rest = s.getInputStream().readAllBytes();
            byte[] full = SpopTestClient.bytes(new Ack(3, 4, List.of(SCORE)));
            assertArrayEquals(java.util.Arrays.copyOf(full, 5), rest, "first 5 bytes of the ACK, then EOF");
        }
    }

    private static int readHeader(Socket s) throws IOException {
        byte[] len = s.getInputStream().readNBytes(4);
        return ((len[0] & 0xff) << 24) | ((len[1] & 0xff) << 16) | ((len[2] & 0xff) << 8) | (len[3] & 0xff);
    }

    @Test
    void stallNeverAnswersThatNotifyButKeepsServingOthers() throws Exception {
        agent().enqueue(Response.fault(Fault.stall()));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(1, 1, List.of()));
            c.send(new Notify(2, 1, List.of()));
            assertEquals(new Ack(2, 1, List.of()), c.read());
            agent().takeNotify(WAIT);
            agent().takeNotify(WAIT);
            // One more round trip proves no ACK for 1/1 was queued before this one.
            c.send(new Notify(3, 1, List.of()));
            assertEquals(new Ack(3, 1, List.of()), c.read());
        }
    }

    @Test
    void delayAnswersLaterWithoutHoldingOtherNotifies() throws Exception {
        // Long enough that the undelayed ACK comes first even on a loaded machine.
        agent().enqueue(Response.actions(SCORE).delay(Duration.ofSeconds(2)));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(1, 1, List.of()));
            c.send(new Notify(2, 1, List.of()));
            assertEquals(new Ack(2, 1, List.of()), c.read(), "the undelayed ACK comes first");
            assertEquals(new Ack(1, 1, List.of(SCORE)), c.read());
        }
    }

    @Test
    void disconnectFaultSendsAgentDisconnectWithTheStatus() throws Exception {
        agent().enqueue(Response.fault(Fault.disconnect(42, "agent is going away")));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(1, 1, List.of()));
            assertEquals("agent is going away", c.assertDisconnect(42).message());
        }
        RecordedDisconnect d = agent().takeAgentDisconnect(WAIT);
        assertEquals(42, d.statusCode());
        assertEquals(0, d.raw().length);
    }

    @Test
    void disconnectFaultFromStatus() throws Exception {
        agent().enqueue(Response.fault(Fault.disconnect(SpopStatus.RESOURCE_ERROR)).delay(Duration.ofMillis(10)));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(1, 1, List.of()));
            assertEquals("resource allocation error", c.assertDisconnect(13).message());
        }
    }

    @Test
    void garbageIsWrittenInsteadOfTheAck() throws Exception {
        byte[] junk = {0, 0, 0, 2, (byte) 0xff, (byte) 0xff};
        agent().enqueue(Response.fault(Fault.garbage(junk)));
        try (Socket s = handshakeSocket()) {
            s.getOutputStream().write(SpopTestClient.bytes(new Notify(1, 1, List.of())));
            assertArrayEquals(junk, s.getInputStream().readNBytes(junk.length));
            // The connection stays open and serves the next NOTIFY.
            s.getOutputStream().write(SpopTestClient.bytes(new Notify(2, 1, List.of())));
            byte[] ack = SpopTestClient.bytes(new Ack(2, 1, List.of()));
            assertArrayEquals(ack, s.getInputStream().readNBytes(ack.length));
        }
    }

    private Socket handshakeSocket() throws IOException {
        Socket s = new Socket("127.0.0.1", agent().port());
        s.setSoTimeout((int) WAIT.toMillis());
        s.getOutputStream().write(SpopTestClient.bytes(SpopTestClient.hello("pipelining")));
        s.getInputStream().readNBytes(readHeader(s));
        return s;
    }

    @Test
    void wrongIdsAcknowledgesAnotherFrame() throws Exception {
        agent().enqueue(Response.actions(SCORE).withFault(Fault.wrongIds(99, 7)));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(1, 1, List.of()));
            assertEquals(new Ack(99, 7, List.of(SCORE)), c.read());
        }
    }

    @Test
    void reorderAcksHoldsThenReleasesInReverseOrder() throws Exception {
        agent().enqueue(Response.fault(Fault.reorderAcks(3)));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            for (int i = 1; i <= 4; i++) {
                c.send(new Notify(i, 1, List.of()));
            }
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                order.add(c.read(Ack.class).streamId());
            }
            assertEquals(List.of(3L, 2L, 1L, 4L), order);
        }
    }

    @Test
    void fragmentedAckIsSplitIntoAckAndUnsetFrames() throws Exception {
        Action big = Action.setVar(Scope.TXN, "label", TypedValue.string("x".repeat(100)));
        agent().enqueue(Response.actions(SCORE, big).withFault(Fault.fragmentedAck(3)));
        try (SpopTestClient c = SpopTestClient.handshake(agent())) {
            c.send(new Notify(5, 6, List.of()));
            Fragment first = c.read(Fragment.class);
            Fragment second = c.read(Fragment.class);
            Fragment last = c.read(Fragment.class);
            assertEquals(FrameType.ACK, first.frameType());
            assertFalse(first.fin());
            assertEquals(FrameType.UNSET, second.frameType());
            assertFalse(second.fin());
            assertEquals(FrameType.UNSET, last.frameType());
            assertTrue(last.fin());
            for (Fragment f : List.of(first, second, last)) {
                assertEquals(5, f.streamId());
                assertEquals(6, f.frameId());
            }
            ByteBuf payload = Unpooled.buffer();
            try {
                payload.writeBytes(first.payload()).writeBytes(second.payload()).writeBytes(last.payload());
                assertEquals(List.of(SCORE, big), FrameCodec.readActions(payload));
            } finally {
                payload.release();
            }
        }
    }

    @Test
    void exceedMaxFrameSizeSendsAnAckLargerThanNegotiated() throws Exception {
        agent().enqueue(Response.actions(SCORE).withFault(Fault.exceedMaxFrameSize(1)));
        try (SpopTestClient c = SpopTestClient.connect(agent())) {
            c.send(new Frame.HaproxyHello("2.0", 1000, "", "e", false));
            assertEquals(1000, c.read(Frame.AgentHello.class).maxFrameSize());
            c.send(new Notify(1, 1, List.of()));
            Ack ack = c.read(Ack.class);
            assertEquals(1001, FrameCodec.bodyLength(ack));
            assertEquals(SCORE, ack.actions().get(0));
            assertEquals("padding", ack.actions().get(1).name());
        }
    }

    @Test
    void faultsRejectNonsenseParameters() {
        assertThrows(IllegalArgumentException.class, () -> Fault.reorderAcks(1));
        assertThrows(IllegalArgumentException.class, () -> Fault.fragmentedAck(1));
        assertThrows(IllegalArgumentException.class, () -> Fault.exceedMaxFrameSize(0));
        assertThrows(IllegalArgumentException.class, () -> new Fault.CloseMidFrame(0));
        assertThrows(IllegalArgumentException.class, () -> Fault.garbage(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Fault.disconnect(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> Fault.wrongIds(-1, 0));
    }
}

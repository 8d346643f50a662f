package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopFrameEncoder;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.codec.TypedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The connection's protocol logic on an EmbeddedChannel: bytes in, bytes out, no sockets. */
class AgentConnectionTest {
    private static final String ENGINE = "0123abcd-0000-4000-8000-00000000abcd";
    private static final List<Message> MSG = List.of(Message.of("check", new Arg("ip", TypedValue.string("1.2.3.4"))));

    private final List<String> events = new ArrayList<>();
    private final List<AgentConnection> ready = new ArrayList<>();
    private final List<PendingRequest> redispatched = new ArrayList<>();

    private final ConnectionOwner owner = new ConnectionOwner() {
        @Override
        public void ready(AgentConnection c) {
            ready.add(c);
        }

        @Override
        public void slotFreed(AgentConnection c) {
            events.add("slot");
        }

        @Override
        public void closed(AgentConnection c, SpoeClientException cause, boolean wasReady) {
            events.add("closed " + (cause == null ? "graceful" : cause.errorCode()) + " " + wasReady);
        }

        @Override
        public void redispatch(PendingRequest r) {
            redispatched.add(r);
        }
    };

    private AgentConnection connection;

    private EmbeddedChannel channel(AgentOptions options) {
        connection = new AgentConnection("agent1", options, owner, new SpoeClientListener() {
        }, null);
        return new EmbeddedChannel(new SpopFrameDecoder(options.maxFrameSize()), SpopFrameEncoder.INSTANCE, connection);
    }

    private static AgentOptions options() {
        return AgentOptions.builder().engineId(ENGINE).build();
    }

    private static Frame readFrame(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            return FrameCodec.decode(out, Integer.MAX_VALUE);
        } finally {
            out.release();
        }
    }

    private static void receive(EmbeddedChannel ch, Frame frame) {
        ch.writeInbound(FrameCodec.encode(frame, ByteBufAllocator.DEFAULT));
    }

    private EmbeddedChannel handshaken(String caps) {
        EmbeddedChannel ch = channel(options());
        assertInstanceOf(Frame.HaproxyHello.class, readFrame(ch));
        receive(ch, new Frame.AgentHello("2.0", 16380, caps));
        assertEquals(ConnectionState.RUNNING, connection.state());
        return ch;
    }

    private PendingRequest send() {
        PendingRequest r = new PendingRequest(MSG, System.nanoTime(), System.nanoTime() + TimeUnit.SECONDS.toNanos(10),
                null);
        assertTrue(connection.tryReserve(), "a slot is free");
        connection.send(r);
        return r;
    }

    private static int errorCode(PendingRequest r) {
        assertTrue(r.isDone());
        try {
            r.future().join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return ((SpoeClientException) e.getCause()).errorCode();
        }
    }

    @Test
    void helloIsExactlyWhatHaproxy31Sends() {
        EmbeddedChannel ch = channel(options());
        ByteBuf hello = ch.readOutbound();
        String hex = ByteBufUtil.hexDump(hello);
        hello.release();
        String expected = "01" + "00000001" + "00" + "00"
                + "12" + ByteBufUtil.hexDump("supported-versions".getBytes()) + "08" + "03" + ByteBufUtil.hexDump("2.0".getBytes())
                + "0e" + ByteBufUtil.hexDump("max-frame-size".getBytes()) + "03" + "fcf006"
                + "0c" + ByteBufUtil.hexDump("capabilities".getBytes()) + "08" + "0a" + ByteBufUtil.hexDump("pipelining".getBytes())
                + "09" + ByteBufUtil.hexDump("engine-id".getBytes()) + "08" + "24" + ByteBufUtil.hexDump(ENGINE.getBytes());
        assertEquals(String.format("%08x", expected.length() / 2) + expected, hex);
        assertEquals(ConnectionState.AGENT_HELLO, connection.state());
        ch.finishAndReleaseAll();
    }

    @Test
    void pipelinedAcksAreMatchedByIdsInAnyOrder() {
        EmbeddedChannel ch = handshaken("pipelining");
        assertEquals(20, connection.slotLimit());
        PendingRequest a = send();
        PendingRequest b = send();
        PendingRequest c = send();
        Frame.Notify na = (Frame.Notify) readFrame(ch);
        Frame.Notify nb = (Frame.Notify) readFrame(ch);
        Frame.Notify nc = (Frame.Notify) readFrame(ch);
        assertEquals(List.of(1L, 3L, 5L), List.of(na.streamId(), nb.streamId(), nc.streamId()));
        assertEquals(1, na.frameId());
        Action set = Action.setVar(Scope.TXN, "score", TypedValue.int64(7));
        receive(ch, new Frame.Ack(5, 1, List.of(set)));
        receive(ch, new Frame.Ack(1, 1, List.of()));
        assertTrue(c.isDone());
        assertTrue(a.isDone());
        assertFalse(b.isDone());
        AgentReply reply = c.future().join();
        assertEquals(List.of(set), reply.actions());
        assertEquals("agent1", reply.server());
        assertEquals(5, reply.streamId());
        receive(ch, new Frame.Ack(3, 1, List.of()));
        assertTrue(b.future().join().actions().isEmpty());
        assertEquals(0, connection.load());
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutPipeliningOneRequestAtATime() {
        EmbeddedChannel ch = handshaken("");
        assertEquals(1, connection.slotLimit());
        send();
        assertFalse(connection.tryReserve());
        ch.finishAndReleaseAll();
    }

    @Test
    void lateAckAfterAbandonIsDroppedAndTheConnectionStays() {
        EmbeddedChannel ch = handshaken("pipelining");
        PendingRequest a = send();
        readFrame(ch);
        a.fail(new SpoeTooBigException("test gave up", null));
        connection.abandon(a);
        assertEquals(0, connection.load());
        receive(ch, new Frame.Ack(1, 1, List.of()));
        assertEquals(ConnectionState.RUNNING, connection.state());
        assertNull(readFrame(ch), "no DISCONNECT for a late ACK");
        ch.finishAndReleaseAll();
    }

    @Test
    void requestExpiringAfterItWasSentFreesItsSlotWithoutAnAck() {
        EmbeddedChannel ch = handshaken("pipelining");
        PendingRequest a = send();
        assertInstanceOf(Frame.Notify.class, readFrame(ch));
        assertEquals(1, connection.load());
        assertTrue(a.expire(new SpoeTooBigException("deadline", null)));
        assertEquals(0, connection.load(), "the agent never answers, the deadline alone frees the slot");
        assertFalse(a.expire(new SpoeTooBigException("again", null)), "expires once");
        ch.finishAndReleaseAll();
    }

    @Test
    void requestExpiringBetweenReserveAndWriteIsNeverSentAndFreesItsSlot() {
        EmbeddedChannel ch = handshaken("pipelining");
        PendingRequest r = new PendingRequest(MSG, System.nanoTime(), System.nanoTime() + 1, null);
        assertTrue(connection.tryReserve());
        assertTrue(r.expire(new SpoeTooBigException("deadline", null)));
        connection.send(r);
        assertNull(readFrame(ch), "an expired request is not written");
        assertEquals(0, connection.load());
        ch.finishAndReleaseAll();
    }

    @Test
    void ackForANeverOpenedStreamClosesWithStatus12() {
        EmbeddedChannel ch = handshaken("pipelining");
        PendingRequest a = send();
        readFrame(ch);
        receive(ch, new Frame.Ack(99, 1, List.of()));
        Frame.HaproxyDisconnect d = (Frame.HaproxyDisconnect) readFrame(ch);
        assertEquals(12, d.statusCode());
        assertEquals("frame-id not found", d.message());
        assertEquals(256 + 12, errorCode(a));
        receive(ch, new Frame.AgentDisconnect(0, "bye"));
        assertFalse(ch.isOpen());
        assertTrue(events.contains("closed 268 true"), events.toString());
        ch.finishAndReleaseAll();
    }

    @Test
    void ackWithZeroIdsOrAHigherFrameIdIsRejected() {
        EmbeddedChannel ch = handshaken("pipelining");
        receive(ch, new Frame.Ack(0, 1, List.of()));
        assertEquals(4, ((Frame.HaproxyDisconnect) readFrame(ch)).statusCode());
        ch.finishAndReleaseAll();

        ch = handshaken("pipelining");
        send();
        readFrame(ch);
        receive(ch, new Frame.Ack(1, 2, List.of()));
        assertEquals(12, ((Frame.HaproxyDisconnect) readFrame(ch)).statusCode());
        ch.finishAndReleaseAll();
    }

    @Test
    void agentDisconnectFailsPendingWithItsStatus() {
        EmbeddedChannel ch = handshaken("pipelining");
        PendingRequest a = send();
        readFrame(ch);
        receive(ch, new Frame.AgentDisconnect(42, "going away"));
        assertEquals(256 + 42, errorCode(a));
        assertFalse(ch.isOpen());
        assertNull(readFrame(ch), "no reply to AGENT-DISCONNECT");
        ch.finishAndReleaseAll();
    }

    @Test
    void badHelloGetsDisconnectWithItsStatus() {
        EmbeddedChannel ch = channel(options());
        readFrame(ch);
        receive(ch, new Frame.AgentHello("2.0", 100, ""));
        Frame.HaproxyDisconnect d = (Frame.HaproxyDisconnect) readFrame(ch);
        assertEquals(9, d.statusCode());
        assertEquals(ConnectionState.CLOSING, connection.state());
        ch.close();
        assertTrue(events.contains("closed 265 false"), events.toString());
        assertTrue(ready.isEmpty());
        ch.finishAndReleaseAll();
    }

    @Test
    void helloTimeoutClosesWithStatus2() {
        EmbeddedChannel ch = channel(AgentOptions.builder().engineId(ENGINE).helloTimeout(java.time.Duration.ofMillis(10)).build());
        readFrame(ch);
        ch.advanceTimeBy(20, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen());
        assertTrue(events.contains("closed 258 false"), events.toString());
        ch.finishAndReleaseAll();
    }

    @Test
    void tooBigNotifyFailsLocallyWithError3() {
        EmbeddedChannel ch = channel(options());
        readFrame(ch);
        receive(ch, new Frame.AgentHello("2.0", 256, "pipelining"));
        List<Message> big = List.of(Message.of("m", new Arg("b", TypedValue.binary(new byte[300]))));
        PendingRequest r = new PendingRequest(big, System.nanoTime(), System.nanoTime() + 1_000_000_000L, null);
        assertTrue(connection.tryReserve());
        connection.send(r);
        assertEquals(3, errorCode(r));
        assertNull(readFrame(ch), "never sent");
        assertEquals(0, connection.load());
        ch.finishAndReleaseAll();
    }

    @Test
    void fragmentsWhenTheAgentAnnouncesFragmentation() {
        EmbeddedChannel ch = channel(AgentOptions.builder().engineId(ENGINE).sendFragPayload(true).build());
        readFrame(ch);
        receive(ch, new Frame.AgentHello("2.0", 256, "pipelining,fragmentation"));
        List<Message> big = List.of(Message.of("m", new Arg("b", TypedValue.binary(new byte[600]))));
        PendingRequest r = new PendingRequest(big, System.nanoTime(), System.nanoTime() + 1_000_000_000L, null);
        assertTrue(connection.tryReserve());
        connection.send(r);
        List<Frame> parts = new ArrayList<>();
        Frame f;
        while ((f = readFrame(ch)) != null) {
            parts.add(f);
        }
        assertTrue(parts.size() >= 3, parts.toString());
        assertFalse(((Frame.Fragment) parts.get(0)).fin());
        assertTrue(((Frame.Fragment) parts.get(parts.size() - 1)).fin());
        receive(ch, new Frame.Ack(1, 1, List.of()));
        assertTrue(r.future().join().actions().isEmpty());
        ch.finishAndReleaseAll();
    }

    @Test
    void eofFailsPendingWith257AndGracefulCloseSendsStatus0() {
        EmbeddedChannel ch = handshaken("pipelining");
        PendingRequest a = send();
        readFrame(ch);
        ch.pipeline().fireChannelInactive();
        assertEquals(257, errorCode(a));
        ch.finishAndReleaseAll();

        ch = handshaken("pipelining");
        connection.closeGracefully();
        Frame.HaproxyDisconnect d = (Frame.HaproxyDisconnect) readFrame(ch);
        assertEquals(0, d.statusCode());
        assertEquals("normal", d.message());
        assertFalse(connection.tryReserve());
        receive(ch, new Frame.AgentDisconnect(0, "normal"));
        assertFalse(ch.isOpen());
        assertTrue(events.contains("closed graceful true"), events.toString());
        ch.finishAndReleaseAll();
    }

    @Test
    void garbageAndFragmentedAcksAreInvalidFrames() {
        EmbeddedChannel ch = handshaken("pipelining");
        PendingRequest a = send();
        readFrame(ch);
        ch.writeInbound(ByteBufAllocator.DEFAULT.buffer().writeBytes(new byte[] {0, 0, 0, 7, 103, 0, 0, 0, 1, 0, 1}));
        assertEquals(4, ((Frame.HaproxyDisconnect) readFrame(ch)).statusCode());
        assertEquals(260, errorCode(a));
        ch.finishAndReleaseAll();

        ch = handshaken("pipelining");
        receive(ch, new Frame.Fragment(io.spoe4j.codec.FrameType.ACK, 0, 1, 1, new byte[0]));
        assertEquals(SpopStatus.INVALID_FRAME.code(), ((Frame.HaproxyDisconnect) readFrame(ch)).statusCode());
        ch.finishAndReleaseAll();
    }

    @Test
    void requestReservedOnAClosingConnectionIsRedispatched() {
        EmbeddedChannel ch = handshaken("pipelining");
        assertTrue(connection.tryReserve());
        connection.closeGracefully();
        readFrame(ch);
        PendingRequest r = new PendingRequest(MSG, System.nanoTime(), System.nanoTime() + 1_000_000_000L, null);
        connection.send(r);
        assertEquals(List.of(r), redispatched);
        assertFalse(r.isDone());
        ch.finishAndReleaseAll();
    }
}

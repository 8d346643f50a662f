package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopFrameEncoder;
import io.spoe4j.codec.TypedValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Async mode: engine-wide stream-ids, and an ACK arriving on another connection of the engine. */
class AsyncAckTest {
    private final List<AgentConnection> connections = new ArrayList<>();
    private final AsyncStreams async = new AsyncStreams();

    private final ConnectionOwner owner = IgnoringOwner.INSTANCE;

    private EmbeddedChannel open(AgentOptions options) {
        AgentConnection c = new AgentConnection("a", options, owner, new SpoeClientListener() {
        }, async);
        connections.add(c);
        EmbeddedChannel ch = new EmbeddedChannel(new SpopFrameDecoder(16380), SpopFrameEncoder.INSTANCE, c);
        Frame.HaproxyHello hello = (Frame.HaproxyHello) read(ch);
        assertEquals("pipelining,async", hello.capabilities());
        ch.writeInbound(FrameCodec.encode(new Frame.AgentHello("2.0", 16380, "pipelining,async"), ByteBufAllocator.DEFAULT));
        assertTrue(c.handshake().async());
        return ch;
    }

    private static Frame read(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        try {
            return FrameCodec.decode(b, Integer.MAX_VALUE);
        } finally {
            b.release();
        }
    }

    @Test
    void ackOnAnotherConnectionCompletesTheRequest() {
        AgentOptions options = AgentOptions.builder().async(true).build();
        EmbeddedChannel one = open(options);
        EmbeddedChannel two = open(options);
        PendingRequest r1 = new PendingRequest(List.of(Message.of("m")), System.nanoTime(),
                System.nanoTime() + 1_000_000_000L, null);
        PendingRequest r2 = new PendingRequest(List.of(Message.of("m")), System.nanoTime(),
                System.nanoTime() + 1_000_000_000L, null);
        assertTrue(connections.get(0).tryReserve());
        connections.get(0).send(r1);
        assertTrue(connections.get(1).tryReserve());
        connections.get(1).send(r2);
        long sid1 = ((Frame.Notify) read(one)).streamId();
        long sid2 = ((Frame.Notify) read(two)).streamId();
        assertEquals(List.of(1L, 1L + 2L * AsyncStreams.BLOCK), List.of(sid1, sid2),
                "stream-ids are unique across the engine: each connection takes a block of its own");
        Action set = Action.setVar(Scope.TXN, "x", TypedValue.int64(1));
        two.writeInbound(FrameCodec.encode(new Frame.Ack(sid1, 1, List.of(set)), ByteBufAllocator.DEFAULT));
        one.runPendingTasks();
        assertTrue(r1.isDone());
        assertEquals(List.of(set), r1.future().join().actions());
        assertFalse(r2.isDone());
        assertEquals(0, connections.get(0).load());
        one.finishAndReleaseAll();
        two.finishAndReleaseAll();
    }

    @Test
    void ackOnAnotherConnectionIsLookedUpNotBroadcast() {
        AgentOptions options = AgentOptions.builder().async(true).build();
        EmbeddedChannel one = open(options);
        EmbeddedChannel two = open(options);
        EmbeddedChannel three = open(options);
        PendingRequest r1 = new PendingRequest(List.of(Message.of("m")), System.nanoTime(),
                System.nanoTime() + 1_000_000_000L, null);
        assertTrue(connections.get(0).tryReserve());
        connections.get(0).send(r1);
        long sid1 = ((Frame.Notify) read(one)).streamId();
        assertEquals(1, async.size(), "the NOTIFY waits in the engine's table");
        three.writeInbound(FrameCodec.encode(new Frame.Ack(sid1, 1, List.of()), ByteBufAllocator.DEFAULT));
        assertTrue(r1.isDone());
        assertEquals(List.of(), r1.future().join().actions());
        assertEquals(0, async.size(), "the answered NOTIFY left the engine's table");
        assertEquals(0, connections.get(0).load());
        for (AgentConnection c : connections) {
            assertEquals(ConnectionState.RUNNING, c.state());
        }
        one.finishAndReleaseAll();
        two.finishAndReleaseAll();
        three.finishAndReleaseAll();
    }

    @Test
    void ackForAnUnknownOrEndedStreamIsDropped() {
        AgentOptions options = AgentOptions.builder().async(true).build();
        EmbeddedChannel one = open(options);
        EmbeddedChannel two = open(options);
        PendingRequest r1 = new PendingRequest(List.of(Message.of("m")), System.nanoTime(),
                System.nanoTime() + 1_000_000_000L, null);
        assertTrue(connections.get(0).tryReserve());
        connections.get(0).send(r1);
        long sid1 = ((Frame.Notify) read(one)).streamId();
        // Never sent by any connection of the engine: dropped, not a protocol error.
        two.writeInbound(FrameCodec.encode(new Frame.Ack(sid1 + 100, 1, List.of()), ByteBufAllocator.DEFAULT));
        // Sent, but another frame-id: dropped as well.
        two.writeInbound(FrameCodec.encode(new Frame.Ack(sid1, 2, List.of()), ByteBufAllocator.DEFAULT));
        assertFalse(r1.isDone());
        assertEquals(ConnectionState.RUNNING, connections.get(1).state());
        assertTrue(two.outboundMessages().isEmpty(), "no DISCONNECT sent");
        // Ended by its deadline: a late ACK on the other connection is dropped too.
        connections.get(0).abandon(r1);
        assertEquals(0, async.size());
        two.writeInbound(FrameCodec.encode(new Frame.Ack(sid1, 1, List.of()), ByteBufAllocator.DEFAULT));
        assertFalse(r1.isDone());
        assertEquals(ConnectionState.RUNNING, connections.get(1).state());
        one.finishAndReleaseAll();
        two.finishAndReleaseAll();
    }

    @Test
    void closingConnectionTakesItsNotifiesOutOfTheEngineTable() {
        AgentOptions options = AgentOptions.builder().async(true).build();
        EmbeddedChannel one = open(options);
        PendingRequest r1 = new PendingRequest(List.of(Message.of("m")), System.nanoTime(),
                System.nanoTime() + 1_000_000_000L, null);
        assertTrue(connections.get(0).tryReserve());
        connections.get(0).send(r1);
        read(one);
        assertEquals(1, async.size());
        one.close();
        assertTrue(r1.isDone());
        assertEquals(0, async.size());
        one.finishAndReleaseAll();
    }
}

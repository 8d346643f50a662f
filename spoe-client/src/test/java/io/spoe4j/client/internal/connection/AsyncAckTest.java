package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.SpoeClientException;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Async mode: engine-wide stream-ids, and an ACK arriving on another connection of the engine. */
class AsyncAckTest {
    private final List<AgentConnection> connections = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(-1);

    private final ConnectionOwner owner = new ConnectionOwner() {
        @Override
        public void ready(AgentConnection c) {
        }

        @Override
        public void slotFreed(AgentConnection c) {
        }

        @Override
        public void closed(AgentConnection c, SpoeClientException cause, boolean wasReady) {
        }

        @Override
        public void redispatch(PendingRequest r) {
        }

        @Override
        public boolean asyncAck(long sid, long fid, List<Action> actions, AgentConnection receivedOn) {
            for (AgentConnection c : connections) {
                if (c != receivedOn) {
                    c.remoteAck(sid, fid, actions);
                }
            }
            return true;
        }
    };

    private EmbeddedChannel open(AgentOptions options) {
        AgentConnection c = new AgentConnection("a", options, owner, new SpoeClientListener() {
        }, () -> ids.addAndGet(2));
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
        assertEquals(List.of(1L, 3L), List.of(sid1, sid2), "stream-ids are unique across the engine");
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
}

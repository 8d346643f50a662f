package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeTimeoutException;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Fragments;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopFrameEncoder;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.codec.TypedValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests whose LIST-OF-MESSAGES the engine encoded: the frame on the wire is the one a message
 * list gives, the ACK reaches the {@link PendingRequest.ReplyHandler} where it lies in the input,
 * an observer that wants replies gets the same actions, and the payload buffer is released on
 * every path (the build runs with paranoid leak detection).
 */
class EncodedRequestTest {
    private static final List<Message> MSG = List.of(Message.of("check", new Arg("ip", TypedValue.string("1.2.3.4")),
            new Arg("", TypedValue.int64(-7))));
    private static final List<Action> ACTIONS = List.of(Action.setVar(Scope.TXN, "score", TypedValue.uint32(9)),
            Action.setVar(Scope.SESS, "id", TypedValue.string("abc")), Action.unsetVar(Scope.REQ, "gone"));

    private AgentConnection connection;
    private final List<AgentReply> observed = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();

    private final ConnectionOwner owner = IgnoringOwner.INSTANCE;

    private final PendingRequest.Observer observer = new PendingRequest.Observer() {
        @Override
        public void deadlineReached(PendingRequest request) {
        }

        @Override
        public void failed(PendingRequest request, SpoeClientException error) {
        }

        @Override
        public void replied(PendingRequest request, AgentReply reply) {
            observed.add(reply);
        }
    };

    private final PendingRequest.ReplyHandler handler = new PendingRequest.ReplyHandler() {
        @Override
        public void replied(PendingRequest request, ByteBuf actions, List<Action> decoded, String server) {
            List<Action> read = actions != null ? FrameCodec.readActions(actions) : decoded;
            handled.add("replied " + server + " " + read + " decoded=" + (decoded != null));
        }

        @Override
        public void failed(PendingRequest request, SpoeClientException error) {
            handled.add("failed " + error.errorCode());
        }
    };

    private EmbeddedChannel handshaken(String caps, int maxFrameSize) {
        connection = new AgentConnection("agent1", AgentOptions.builder().sendFragPayload(true).build(), owner,
                new SpoeClientListener() {
                }, null);
        EmbeddedChannel ch = new EmbeddedChannel(new SpopFrameDecoder(16380), SpopFrameEncoder.INSTANCE, connection);
        assertInstanceOf(Frame.HaproxyHello.class, read(ch));
        ch.writeInbound(FrameCodec.encode(new Frame.AgentHello("2.0", maxFrameSize, caps), ByteBufAllocator.DEFAULT));
        return ch;
    }

    private static ByteBuf payload(List<Message> messages) {
        ByteBuf p = ByteBufAllocator.DEFAULT.ioBuffer(FrameCodec.NOTIFY_HEADROOM + 64);
        p.setIndex(FrameCodec.NOTIFY_HEADROOM, FrameCodec.NOTIFY_HEADROOM);
        FrameCodec.writeMessages(messages, p);
        return p;
    }

    private PendingRequest send(PendingRequest.Observer obs, long timeoutNanos) {
        PendingRequest r = new PendingRequest(payload(MSG), System.nanoTime(), System.nanoTime() + timeoutNanos, obs,
                handler);
        assertTrue(connection.tryReserve());
        connection.send(r);
        return r;
    }

    private static Frame read(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return FrameCodec.decode(b, Integer.MAX_VALUE);
        } finally {
            b.release();
        }
    }

    @Test
    void theFrameIsTheOneAMessageListGivesAndTheAckReachesTheHandlerInPlace() {
        EmbeddedChannel ch = handshaken("pipelining", 16380);
        send(null, TimeUnit.SECONDS.toNanos(10));
        ByteBuf wire = ch.readOutbound();
        ByteBuf expected = FrameCodec.encode(new Frame.Notify(1, 1, MSG), ByteBufAllocator.DEFAULT);
        assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(wire));
        wire.release();
        expected.release();
        ch.writeInbound(FrameCodec.encode(new Frame.Ack(1, 1, ACTIONS), ByteBufAllocator.DEFAULT));
        assertEquals(List.of("replied agent1 " + ACTIONS + " decoded=false"), handled);
        assertEquals(0, connection.load());
        assertNull(ch.readInbound(), "the ACK became no frame");
        ch.finishAndReleaseAll();
    }

    @Test
    void anObserverThatWantsRepliesGetsTheSameActionsAndTheHandlerTheirList() {
        EmbeddedChannel ch = handshaken("pipelining", 16380);
        send(observer, TimeUnit.SECONDS.toNanos(10));
        read(ch);
        ch.writeInbound(FrameCodec.encode(new Frame.Ack(1, 1, ACTIONS), ByteBufAllocator.DEFAULT));
        assertEquals(1, observed.size());
        AgentReply reply = observed.get(0);
        assertInstanceOf(AckActions.class, reply.actions());
        assertEquals(ACTIONS.size(), reply.actions().size());
        assertEquals(ACTIONS, reply.actions());
        assertEquals(List.of(1L, 1L), List.of(reply.streamId(), reply.frameId()));
        assertEquals(List.of("replied agent1 " + ACTIONS + " decoded=true"), handled);
        ch.finishAndReleaseAll();
    }

    @Test
    void anEmptyAckGivesNoActions() {
        EmbeddedChannel ch = handshaken("pipelining", 16380);
        send(observer, TimeUnit.SECONDS.toNanos(10));
        read(ch);
        ch.writeInbound(FrameCodec.encode(new Frame.Ack(1, 1, List.of()), ByteBufAllocator.DEFAULT));
        assertEquals(List.of(), observed.get(0).actions());
        assertEquals(List.of("replied agent1 [] decoded=true"), handled);
        ch.finishAndReleaseAll();
    }

    @Test
    void aRequestEndingBeforeItIsWrittenReleasesItsPayloadAndIsNeverSent() {
        EmbeddedChannel ch = handshaken("pipelining", 16380);
        PendingRequest r = new PendingRequest(payload(MSG), System.nanoTime(), System.nanoTime() + 1, null, handler);
        assertTrue(connection.tryReserve());
        assertTrue(r.expire(new SpoeTimeoutException("expired", null, SpoeTimeoutException.Phase.QUEUE)));
        assertNull(r.takePayload(), "released");
        connection.send(r);
        assertNull(ch.readOutbound());
        assertEquals(0, connection.load());
        assertEquals(List.of("failed 1"), handled);
        ch.finishAndReleaseAll();
    }

    @Test
    void aPayloadTooBigForOneFrameIsSplitAsAMessageListIs() {
        List<Message> big = List.of(Message.of("big", new Arg("b", TypedValue.binary(new byte[700]))));
        EmbeddedChannel ch = handshaken("pipelining,fragmentation", 256);
        PendingRequest r = new PendingRequest(payload(big), System.nanoTime(), System.nanoTime() + 10_000_000_000L,
                null, handler);
        assertTrue(connection.tryReserve());
        connection.send(r);
        List<Frame> sent = new ArrayList<>();
        for (Frame f = read(ch); f != null; f = read(ch)) {
            sent.add(f);
        }
        assertEquals(Fragments.split(new Frame.Notify(1, 1, big), 256), sent);
        ch.writeInbound(FrameCodec.encode(new Frame.Ack(1, 1, List.of()), ByteBufAllocator.DEFAULT));
        assertEquals(List.of("replied agent1 [] decoded=false"), handled);
        ch.finishAndReleaseAll();
    }

    @Test
    void anAckOfAnotherConnectionReachesTheHandlerDecoded() {
        EmbeddedChannel ch = handshaken("pipelining", 16380);
        PendingRequest r = send(null, TimeUnit.SECONDS.toNanos(10));
        read(ch);
        assertTrue(r.complete(ACTIONS, "agent2"));
        assertEquals(List.of("replied agent2 " + ACTIONS + " decoded=true"), handled);
        ch.finishAndReleaseAll();
    }

    @Test
    void aNotifyWriteThatFailsOnTheLoopClosesTheConnectionAndFailsTheRequestAtOnce() {
        EmbeddedChannel ch = handshaken("pipelining", 16380);
        // From here on every write fails, as one to a reset socket does.
        ch.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IOException("Connection reset by peer"));
            }
        });
        send(null, TimeUnit.SECONDS.toNanos(10));
        ch.runPendingTasks();
        assertFalse(ch.isActive(), "a failed NOTIFY write closes the connection");
        assertEquals(List.of("failed " + (256 + SpopStatus.IO_ERROR.code())), handled,
                "the request fails with the I/O error now, not at its deadline");
        ch.finishAndReleaseAll();
    }
}

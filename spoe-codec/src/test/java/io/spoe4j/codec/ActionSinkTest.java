package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spoe4j.codec.Frame.Ack;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ACK actions decoded into an {@link ActionSink} and ACKs taken by an {@link FrameCodec.AckHandler}:
 * the same actions, in the same order, as the list decoding of the earlier codec (kept here as the
 * reference), on random and mutated payloads; and the decoder's handling of taken ACKs.
 */
class ActionSinkTest {

    @Test
    void sinkSeesWhatTheReferenceDecodingReturnsOnRandomAndMutatedPayloads() {
        RandomFrames gen = new RandomFrames(20261207);
        SplittableRandom random = gen.random();
        int nonEmpty = 0;
        for (int i = 0; i < 200_000; i++) {
            List<Action> actions = new ArrayList<>();
            for (int n = random.nextInt(6); n > 0; n--) {
                actions.add(gen.action());
            }
            ByteBuf encoded = Unpooled.buffer();
            FrameCodec.writeActions(actions, encoded);
            byte[] payload = ByteBufUtil.getBytes(encoded);
            if (random.nextBoolean() && payload.length > 0) {
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                }
            }
            if (random.nextInt(4) == 0 && payload.length > 0) {
                payload = java.util.Arrays.copyOf(payload, random.nextInt(payload.length));
            }
            List<Action> expected = reference(Unpooled.wrappedBuffer(payload));
            Recorder recorder = new Recorder();
            ByteBuf in = buffer(payload, random.nextInt(3));
            int count = FrameCodec.readActions(in, recorder);
            assertEquals(expected, recorder.actions, "payload " + ByteBufUtil.hexDump(payload));
            assertEquals(expected.size(), count);
            assertFalse(in.isReadable(), "the whole payload is consumed");
            in.release();
            assertEquals(expected, FrameCodec.readActions(Unpooled.wrappedBuffer(payload)));
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 100_000, "too few decodable payloads: " + nonEmpty);
    }

    @Test
    void aTakenAckIsConsumedAndYieldsNoFrame() {
        Ack ack = new Ack(5, 1, List.of(Action.setVar(Scope.TXN, "score", TypedValue.uint32(42)),
                Action.unsetVar(Scope.SESS, "gone")));
        ByteBuf in = FrameCodec.encode(ack, ByteBufAllocator.DEFAULT);
        int size = in.readableBytes();
        Recorder recorder = new Recorder();
        long[] ids = new long[3];
        Frame f = FrameCodec.decode(in, 16380, (sid, fid, actions, frameBytes) -> {
            ids[0] = sid;
            ids[1] = fid;
            ids[2] = frameBytes;
            FrameCodec.readActions(actions, recorder);
            return true;
        });
        assertNull(f);
        assertFalse(in.isReadable());
        assertEquals(5, ids[0]);
        assertEquals(1, ids[1]);
        assertEquals(size, ids[2]);
        assertEquals(ack.actions(), recorder.actions);
        in.release();
    }

    @Test
    void aDeclinedAckIsBuiltAsUsualEvenIfTheHandlerReadSomeOfIt() {
        Ack ack = new Ack(7, 3, List.of(Action.setVar(Scope.REQ, "a", TypedValue.string("x"))));
        ByteBuf in = FrameCodec.encode(ack, ByteBufAllocator.DEFAULT);
        Frame f = FrameCodec.decode(in, 16380, (sid, fid, actions, frameBytes) -> {
            actions.skipBytes(2);
            return false;
        });
        assertEquals(ack, f);
        assertFalse(in.isReadable());
        in.release();
    }

    @Test
    void abortedAndOtherFramesAreNeverOffered() {
        FrameCodec.AckHandler refuse = (sid, fid, actions, frameBytes) -> {
            throw new AssertionError("offered");
        };
        Ack abort = new Ack(7, 3, List.of(), true);
        ByteBuf in = FrameCodec.encode(abort, ByteBufAllocator.DEFAULT);
        assertEquals(abort, FrameCodec.decode(in, 16380, refuse));
        in.release();
        Frame.AgentDisconnect d = new Frame.AgentDisconnect(3, "x");
        in = FrameCodec.encode(d, ByteBufAllocator.DEFAULT);
        assertEquals(d, FrameCodec.decode(in, 16380, refuse));
        in.release();
    }

    @Test
    void nettyDecoderTakesAcksByteAtATimeAndCountsTheirBytes() {
        SpopFrameDecoder decoder = new SpopFrameDecoder(16380);
        List<Action> seen = new ArrayList<>();
        int[] sizes = new int[1];
        decoder.ackHandler((sid, fid, actions, frameBytes) -> {
            Recorder r = new Recorder();
            FrameCodec.readActions(actions, r);
            seen.addAll(r.actions);
            sizes[0] = frameBytes;
            return sid != 99;
        });
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        Ack taken = new Ack(1, 1, List.of(Action.setVar(Scope.TXN, "v", TypedValue.int64(-3))));
        Ack declined = new Ack(99, 1, List.of(Action.setVar(Scope.TXN, "w", TypedValue.TRUE)));
        ByteBuf wire = Unpooled.buffer();
        FrameCodec.encode(taken, wire);
        int takenSize = wire.readableBytes();
        FrameCodec.encode(declined, wire);
        while (wire.isReadable()) {
            ch.writeInbound(wire.readRetainedSlice(1));
        }
        wire.release();
        assertEquals(declined, ch.readInbound());
        assertNull(ch.readInbound());
        assertEquals(List.of(taken.actions().get(0), declined.actions().get(0)), seen);
        assertEquals(FrameCodec.encodedLength(declined), decoder.lastFrameBytes());
        assertTrue(takenSize > 0);
        assertFalse(ch.finish());
    }

    /**
     * {@code payload} in a heap buffer (kind 0), a direct one (1), or the middle of a larger heap
     * array with bytes before the reader index (2).
     */
    private static ByteBuf buffer(byte[] payload, int kind) {
        switch (kind) {
            case 0:
                return Unpooled.wrappedBuffer(payload);
            case 1:
                return Unpooled.directBuffer(payload.length + 1).writeBytes(payload);
            default:
                byte[] padded = new byte[payload.length + 7];
                System.arraycopy(payload, 0, padded, 5, payload.length);
                ByteBuf b = Unpooled.wrappedBuffer(padded).slice(2, payload.length + 3);
                b.readerIndex(3);
                b.writerIndex(3 + payload.length);
                return b;
        }
    }

    /** The list decoding of the codec before {@link ActionSink} existed. */
    private static List<Action> reference(ByteBuf payload) {
        List<Action> actions = new ArrayList<>(8);
        while (payload.readableBytes() >= 2) {
            int code = payload.readUnsignedByte();
            int nbArgs = payload.readUnsignedByte();
            if (code == 1 && nbArgs == 3 || code == 2 && nbArgs == 2) {
                if (!payload.isReadable()) {
                    break;
                }
                Scope scope = Scope.of(payload.readUnsignedByte());
                if (scope == null) {
                    break;
                }
                try {
                    String name = FrameCodec.readName(payload);
                    if (code == 1) {
                        actions.add(Action.setVar(scope, name, FrameCodec.readValue(payload)));
                    } else {
                        actions.add(Action.unsetVar(scope, name));
                    }
                } catch (SpopCodecException malformed) {
                    break;
                }
            } else {
                break;
            }
        }
        return actions;
    }

    /** Turns sink calls back into actions, copying values out of the buffer. */
    static final class Recorder implements ActionSink {
        final List<Action> actions = new ArrayList<>();

        @Override
        public void unsetVar(Scope scope, String name) {
            actions.add(Action.unsetVar(scope, name));
        }

        @Override
        public void setNull(Scope scope, String name) {
            actions.add(Action.setVar(scope, name, TypedValue.NULL));
        }

        @Override
        public void setBool(Scope scope, String name, boolean value) {
            actions.add(Action.setVar(scope, name, TypedValue.bool(value)));
        }

        @Override
        public void setInt(Scope scope, String name, DataType type, long value) {
            TypedValue v = switch (type) {
                case INT32 -> new TypedValue.Int32(value);
                case UINT32 -> new TypedValue.Uint32(value);
                case INT64 -> new TypedValue.Int64(value);
                default -> new TypedValue.Uint64(value);
            };
            actions.add(Action.setVar(scope, name, v));
        }

        @Override
        public void setAddress(Scope scope, String name, DataType type, ByteBuf in, int index) {
            byte[] a = new byte[type == DataType.IPV4 ? 4 : 16];
            in.getBytes(index, a);
            actions.add(Action.setVar(scope, name, type == DataType.IPV4 ? new TypedValue.Ipv4(a) : new TypedValue.Ipv6(a)));
        }

        @Override
        public void setBytes(Scope scope, String name, DataType type, ByteBuf in, int index, int length) {
            byte[] b = new byte[length];
            in.getBytes(index, b);
            actions.add(Action.setVar(scope, name, type == DataType.STRING ? new TypedValue.Str(b) : new TypedValue.Binary(b)));
        }
    }
}

package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.spoe4j.codec.Frame.Ack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Netty decoder and encoder in a pipeline: split input, errors, and buffer ownership. */
class NettyCodecTest {

    private static ByteBuf encode(Frame f) {
        return FrameCodec.encode(f, PooledByteBufAllocator.DEFAULT);
    }

    @Test
    void decodesInputFedOneByteAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(new SpopFrameDecoder(16380));
        Frame[] frames = {
            new Frame.AgentHello("2.0", 16380, "pipelining"),
            new Ack(1, 1, List.of(Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(42)))),
            new Ack(3, 1, List.of()),
        };
        for (Frame f : frames) {
            ByteBuf wire = encode(f);
            while (wire.isReadable()) {
                ch.writeInbound(wire.readRetainedSlice(1));
            }
            wire.release();
        }
        for (Frame f : frames) {
            assertEquals(f, ch.readInbound());
        }
        assertNull(ch.readInbound());
        assertTrue(!ch.finish());
    }

    @Test
    void decodesSeveralFramesFromOneRead() {
        EmbeddedChannel ch = new EmbeddedChannel(new SpopFrameDecoder(16380));
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.buffer();
        for (int i = 0; i < 10; i++) {
            FrameCodec.encode(new Ack(2 * i + 1, 1, List.of()), wire);
        }
        ch.writeInbound(wire);
        for (int i = 0; i < 10; i++) {
            assertEquals(2 * i + 1, ((Ack) ch.readInbound()).streamId());
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizeFrameFailsWithStatus3AndLaterBytesAreDropped() {
        SpopFrameDecoder decoder = new SpopFrameDecoder(16380);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        decoder.maxFrameSize(256);
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.buffer();
        wire.writeInt(257);
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(wire));
        assertEquals(SpopStatus.FRAME_TOO_BIG, assertInstanceOf(SpopCodecException.class, e.getCause()).status());
        // the stream is not trusted any more: a valid frame afterwards is discarded, and released
        ch.writeInbound(encode(new Ack(1, 1, List.of())));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void garbageFailsWithStatus4() {
        EmbeddedChannel ch = new EmbeddedChannel(new SpopFrameDecoder(16380));
        ByteBuf wire = PooledByteBufAllocator.DEFAULT.buffer();
        wire.writeBytes(Hex.bytes("00 00 00 09 65 00 00 00 01 00 00 00 00"));
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(wire));
        assertEquals(SpopStatus.INVALID_FRAME, ((SpopCodecException) e.getCause()).status());
        ch.finishAndReleaseAll();
    }

    @Test
    void encoderWritesExactSizedBuffers() {
        EmbeddedChannel ch = new EmbeddedChannel(SpopFrameEncoder.INSTANCE);
        Frame hello = new Frame.HaproxyHello("2.0", 16380, "pipelining", "c0ffee00-1234-4abc-8def-0123456789ab", false);
        ch.writeOutbound(hello);
        ByteBuf out = ch.readOutbound();
        try {
            assertEquals(127, out.readableBytes());
            assertEquals(127, out.capacity());
            assertEquals(hello, FrameCodec.decode(out, 16380));
        } finally {
            out.release();
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void fuzzThroughThePipelineLeaksNothing() {
        RandomFrames gen = new RandomFrames(77);
        for (int i = 0; i < 5_000; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new SpopFrameDecoder(16380));
            ByteBuf wire = FrameCodec.encode(gen.frame(), ByteBufAllocator.DEFAULT);
            int flips = gen.random().nextInt(3);
            for (int k = 0; k < flips; k++) {
                int at = gen.random().nextInt(wire.readableBytes());
                wire.setByte(at, gen.random().nextInt(256));
            }
            try {
                while (wire.isReadable()) {
                    ch.writeInbound(wire.readRetainedSlice(Math.min(wire.readableBytes(), 1 + gen.random().nextInt(16))));
                }
            } catch (DecoderException e) {
                assertInstanceOf(SpopCodecException.class, e.getCause());
            } finally {
                wire.release();
                ch.finishAndReleaseAll();
            }
        }
    }
}

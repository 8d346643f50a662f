package io.spoe4j.codec;

import io.spoe4j.options.AgentOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Frame.Notify;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encode then decode gives back the same value, for random values, messages, actions and frames. */
class RoundTripPropertyTest {

    @Test
    void typedValues() {
        RandomFrames gen = new RandomFrames(1);
        ByteBuf buf = Unpooled.buffer();
        for (int i = 0; i < 50_000; i++) {
            TypedValue v = gen.value();
            buf.clear();
            FrameCodec.writeValue(buf, v);
            assertEquals(FrameCodec.valueLength(v), buf.readableBytes(), v.toString());
            assertEquals(v, FrameCodec.readValue(buf));
            assertEquals(0, buf.readableBytes());
        }
    }

    @Test
    void framesWholeAndByteAtATime() {
        RandomFrames gen = new RandomFrames(2);
        for (int i = 0; i < 20_000; i++) {
            Frame frame = gen.frame();
            ByteBuf encoded = FrameCodec.encode(frame, ByteBufAllocator.DEFAULT);
            try {
                assertEquals(FrameCodec.encodedLength(frame), encoded.readableBytes());
                int max = Math.max(FrameCodec.bodyLength(frame), AgentOptions.MIN_MAX_FRAME_SIZE);
                if (i % 50 == 0) {
                    ByteBuf partial = Unpooled.buffer();
                    Frame decoded = null;
                    for (int b = 0; b < encoded.readableBytes(); b++) {
                        assertNull(decoded, "decoded before the last byte");
                        partial.writeByte(encoded.getByte(b));
                        decoded = FrameCodec.decode(partial, max);
                    }
                    assertEquals(frame, decoded);
                } else {
                    assertEquals(frame, FrameCodec.decode(encoded.duplicate(), max));
                }
            } finally {
                encoded.release();
            }
        }
    }

    @Test
    void fragmentationSplitsAndReassemblesToTheSameNotify() {
        RandomFrames gen = new RandomFrames(3);
        for (int i = 0; i < 2_000; i++) {
            int n = 1 + gen.random().nextInt(5);
            Message[] messages = new Message[n];
            for (int m = 0; m < n; m++) {
                messages[m] = gen.message();
            }
            Notify notify = new Notify(1 + gen.random().nextInt(1000), 1, List.of(messages));
            int max = AgentOptions.MIN_MAX_FRAME_SIZE + gen.random().nextInt(400);
            List<Frame> parts = Fragments.split(notify, max);
            Fragments.Reassembler reassembler = new Fragments.Reassembler(1 << 20);
            Notify rebuilt = null;
            for (int p = 0; p < parts.size(); p++) {
                Frame part = parts.get(p);
                assertEquals(true, FrameCodec.bodyLength(part) <= max, "fragment over max-frame-size");
                ByteBuf wire = FrameCodec.encode(part, ByteBufAllocator.DEFAULT);
                Frame decoded;
                try {
                    decoded = FrameCodec.decode(wire, max);
                } finally {
                    wire.release();
                }
                if (decoded instanceof Frame.Fragment f) {
                    rebuilt = reassembler.add(f);
                } else {
                    rebuilt = (Notify) decoded;
                }
                if (p < parts.size() - 1) {
                    assertNull(rebuilt);
                }
            }
            assertEquals(notify, rebuilt);
        }
    }
}

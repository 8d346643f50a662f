package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Frame.Notify;
import org.junit.jupiter.api.Test;

/**
 * A LIST-OF-MESSAGES encoded on its own becomes the same NOTIFY, whole or fragmented, as the
 * messages encoded as a frame.
 */
class EncodedPayloadTest {

    @Test
    void headerWrittenInFrontGivesTheEncodedFrame() {
        RandomFrames gen = new RandomFrames(11);
        for (int i = 0; i < 2000; i++) {
            Notify n = notify(gen);
            ByteBuf payload = payload(n);
            int length = FrameCodec.writeNotifyHeader(payload, n.streamId(), n.frameId());
            ByteBuf expected = FrameCodec.encode(n, ByteBufAllocator.DEFAULT);
            assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(payload));
            assertEquals(FrameCodec.bodyLength(n), length);
            expected.release();
            payload.release();
        }
    }

    @Test
    void splittingThePayloadGivesTheFragmentsOfTheNotify() {
        RandomFrames gen = new RandomFrames(12);
        for (int i = 0; i < 500; i++) {
            Notify n = notify(gen);
            int max = 20 + gen.random().nextInt(200);
            ByteBuf payload = payload(n);
            int whole = 5 + Varint.length(n.streamId()) + Varint.length(n.frameId()) + payload.readableBytes();
            if (whole > max) {
                assertEquals(Fragments.split(n, max), Fragments.split(n.streamId(), n.frameId(), payload, max));
            }
            payload.release();
        }
    }

    @Test
    void noHeadroomIsRefused() {
        ByteBuf b = Unpooled.buffer().writeByte(0);
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.writeNotifyHeader(b, 1, 1));
    }

    private static Notify notify(RandomFrames gen) {
        for (;;) {
            if (gen.frame() instanceof Notify n && !n.messages().isEmpty()) {
                return n;
            }
        }
    }

    private static ByteBuf payload(Notify n) {
        ByteBuf b = ByteBufAllocator.DEFAULT.ioBuffer(FrameCodec.NOTIFY_HEADROOM + 16);
        b.setIndex(FrameCodec.NOTIFY_HEADROOM, FrameCodec.NOTIFY_HEADROOM);
        FrameCodec.writeMessages(n.messages(), b);
        return b;
    }
}

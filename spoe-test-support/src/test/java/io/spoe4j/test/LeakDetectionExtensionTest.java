package io.spoe4j.test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The extension must really catch a leak, or every "no leak" in the build means nothing. */
class LeakDetectionExtensionTest {
    @Test
    void reportsALeakedBuffer() {
        AssertionError error = assertThrows(AssertionError.class, () -> {
            for (int attempt = 0; attempt < 20; attempt++) {
                leak(PooledByteBufAllocator.DEFAULT);
                leak(ByteBufAllocator.DEFAULT);
                LeakDetectionExtension.check("deliberate leak, attempt " + attempt);
            }
        });
        assertTrue(error.getMessage().contains("LEAK"), error.getMessage());
    }

    @Test
    void releasedBuffersAreNotReported() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeLong(1);
        buf.release();
        LeakDetectionExtension.check("no leak");
    }

    private static void leak(ByteBufAllocator allocator) {
        ByteBuf buf = allocator.directBuffer(32);
        buf.writeInt(42);
        // dropped without release on purpose
    }
}

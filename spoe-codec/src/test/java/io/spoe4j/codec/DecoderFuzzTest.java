package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds over a million random and mutated frames to the decoder. The only acceptable outcomes are
 * a decoded frame, "need more bytes", or {@link SpopCodecException}; anything else (an
 * IndexOutOfBoundsException, an OutOfMemoryError, a hang) fails the test.
 */
class DecoderFuzzTest {
    private static final int ITERATIONS = 1_100_000;

    @Test
    void onlyFramesOrCodecExceptions() {
        RandomFrames gen = new RandomFrames(20261128);
        SplittableRandom random = gen.random();
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ByteBuf b = FrameCodec.encode(gen.frame(), ByteBufAllocator.DEFAULT);
            seeds.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        int decoded = 0;
        int rejected = 0;
        int waiting = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            ByteBuf in = Unpooled.wrappedBuffer(input);
            int max = random.nextBoolean() ? 16380 : 256 + random.nextInt(2000);
            try {
                while (in.isReadable()) {
                    Frame f = FrameCodec.decode(in, max);
                    if (f == null) {
                        waiting++;
                        break;
                    }
                    assertNotNull(f.toString());
                    decoded++;
                }
            } catch (SpopCodecException e) {
                assertNotNull(e.status());
                rejected++;
            }
        }
        assertTrue(decoded > 10_000, "mutations too destructive: only " + decoded + " frames decoded");
        assertTrue(rejected > 10_000, "mutations too gentle: only " + rejected + " rejections");
        assertTrue(waiting > 1_000, "too few truncated inputs: " + waiting);
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0: { // random bytes behind a plausible length
                byte[] b = new byte[4 + random.nextInt(64)];
                random.nextBytes(b);
                int len = b.length - 4 + random.nextInt(3) - 1;
                b[0] = 0;
                b[1] = 0;
                b[2] = (byte) (len >> 8);
                b[3] = (byte) len;
                return b;
            }
            case 1: { // flip bytes
                byte[] b = seed.clone();
                for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 2: { // truncate
                return java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            }
            case 3: { // corrupt the body but keep the length right
                byte[] b = seed.clone();
                for (int k = 9; k < b.length; k++) {
                    if (random.nextInt(8) == 0) {
                        b[k] = (byte) random.nextInt(256);
                    }
                }
                return b;
            }
            case 4: { // two frames glued, second one damaged
                byte[] other = seed.clone();
                other[random.nextInt(other.length)] ^= (byte) (1 + random.nextInt(255));
                byte[] b = new byte[seed.length + other.length];
                System.arraycopy(seed, 0, b, 0, seed.length);
                System.arraycopy(other, 0, b, seed.length, other.length);
                return b;
            }
            default: { // pure noise
                byte[] b = new byte[random.nextInt(40)];
                random.nextBytes(b);
                return b;
            }
        }
    }
}

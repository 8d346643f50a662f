package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NameCacheTest {

    private static String read(String name, boolean direct) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = direct ? Unpooled.directBuffer(b.length + 3) : Unpooled.buffer(b.length + 3);
        try {
            buf.writeBytes(new byte[] {1, 2, 3}).writeBytes(b);
            return NameCache.get(buf, 3, b.length);
        } finally {
            buf.release();
        }
    }

    @Test
    void aRepeatedNameIsDecodedOnceWhateverTheBufferKind() {
        String first = read("anomaly_score", true);
        assertEquals("anomaly_score", first);
        assertSame(first, read("anomaly_score", true), "second read is a cache hit");
        assertSame(first, read("anomaly_score", false), "heap and direct buffers share the cache");
    }

    @Test
    void utf8AndEmptyNamesAreDecoded() {
        assertEquals("clé-ü", read("clé-ü", true));
        assertEquals("", read("", false));
    }

    @Test
    void longNamesBypassTheCache() {
        String longName = "v".repeat(NameCache.MAX_LENGTH + 1);
        String a = read(longName, true);
        assertEquals(longName, a);
        assertNotSame(a, read(longName, true));
    }

    @Test
    void collidingNamesNeverReturnAnotherName() throws Exception {
        // 2,000 distinct names over 512 slots: every slot sees several names, from four threads at once.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            names.add("var_" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 37;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < names.size(); i++) {
                            String expected = names.get((i + offset) % names.size());
                            assertEquals(expected, read(expected, (i & 1) == 0));
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(40_000, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}

package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoded names (variable, message and argument names) seen recently, so that decoding the same
 * names frame after frame allocates nothing. Agents answer with a handful of variable names, so
 * a small direct-mapped table hits almost always. Thread-safe without locks: entries are
 * immutable and every hit is checked byte by byte, so a racing overwrite costs a miss, never a
 * wrong name.
 */
final class NameCache {
    /** Longer names are decoded without the cache: they are rare and costly to compare. */
    static final int MAX_LENGTH = 64;
    private static final int SIZE = 512;
    private static final Entry[] TABLE = new Entry[SIZE];
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[MAX_LENGTH];
        }
    };

    private record Entry(byte[] bytes, String name) {
    }

    private NameCache() {
    }

    /** The name held in {@code length} bytes of {@code in} at {@code start}; does not move indexes. */
    static String get(ByteBuf in, int start, int length) {
        if (length > MAX_LENGTH) {
            return decode(in, start, length);
        }
        byte[] src;
        int off;
        if (in.hasArray()) {
            src = in.array();
            off = in.arrayOffset() + start;
        } else {
            // One bulk copy into a per-thread scratch array, then plain array loops.
            src = SCRATCH.get();
            in.getBytes(start, src, 0, length);
            off = 0;
        }
        return get(src, off, length);
    }

    /** The name held in {@code length} bytes of {@code src} at {@code off}. */
    static String get(byte[] src, int off, int length) {
        if (length > MAX_LENGTH) {
            return new String(src, off, length, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = off, end = off + length; i < end; i++) {
            h = 31 * h + src[i];
        }
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        Entry e = TABLE[slot];
        if (e != null && Arrays.equals(e.bytes, 0, e.bytes.length, src, off, off + length)) {
            return e.name;
        }
        byte[] bytes = Arrays.copyOfRange(src, off, off + length);
        String name = new String(bytes, StandardCharsets.UTF_8);
        TABLE[slot] = new Entry(bytes, name);
        return name;
    }

    private static String decode(ByteBuf in, int start, int length) {
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + start, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        in.getBytes(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

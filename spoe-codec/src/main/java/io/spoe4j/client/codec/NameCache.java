package io.spoe4j.client.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

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

    private record Entry(byte[] bytes, String name) {
    }

    private NameCache() {
    }

    /** The name held in {@code length} bytes of {@code in} at {@code start}; does not move indexes. */
    static String get(ByteBuf in, int start, int length) {
        if (length > MAX_LENGTH) {
            return decode(in, start, length);
        }
        int h = 1;
        for (int i = 0; i < length; i++) {
            h = 31 * h + in.getByte(start + i);
        }
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        Entry e = TABLE[slot];
        if (e != null && matches(e.bytes, in, start, length)) {
            return e.name;
        }
        byte[] bytes = new byte[length];
        in.getBytes(start, bytes);
        String name = new String(bytes, StandardCharsets.UTF_8);
        TABLE[slot] = new Entry(bytes, name);
        return name;
    }

    private static boolean matches(byte[] bytes, ByteBuf in, int start, int length) {
        if (bytes.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != in.getByte(start + i)) {
                return false;
            }
        }
        return true;
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

package io.spoe4j.client.internal.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.spoe4j.codec.Varint;
import java.nio.charset.StandardCharsets;

/**
 * Text written into a frame exactly as {@code String.getBytes(UTF_8)} encodes it, without that
 * array. Netty's UTF-8 writer differs from the JDK's on malformed surrogates, so text holding any
 * surrogate takes the JDK's encoder (and its array); all other text goes straight into the buffer.
 */
final class Utf8 {
    private static final int STRING = 0x08;

    private Utf8() {
    }

    /** The UTF-8 length of {@code s[start, end)}, or -1 when it holds a surrogate. */
    static int length(CharSequence s, int start, int end) {
        int n = end - start;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    n++;
                } else if (Character.isSurrogate(c)) {
                    return -1;
                } else {
                    n += 2;
                }
            }
        }
        return n;
    }

    /**
     * Encodes {@code s}, which holds no surrogate ({@link #length} is not -1), into {@code out} at
     * {@code p}; returns the index after it.
     */
    static int encode(String s, byte[] out, int p) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | c >> 6);
                out[p++] = (byte) (0x80 | c & 0x3F);
            } else {
                out[p++] = (byte) (0xE0 | c >> 12);
                out[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }

    /** Writes {@code s[start, end)}, whose {@link #length} is {@code utf8Length} (not -1). */
    static void write(ByteBuf out, CharSequence s, int start, int end, int utf8Length) {
        if (utf8Length > 0) {
            ByteBufUtil.reserveAndWriteUtf8(out, s, start, end, utf8Length);
        }
    }

    /** A STRING typed value: header, varint length, the UTF-8 bytes of {@code s[start, end)}. */
    static void writeString(ByteBuf out, String s, int start, int end) {
        out.writeByte(STRING);
        int n = length(s, start, end);
        if (n < 0) {
            byte[] bytes = s.substring(start, end).getBytes(StandardCharsets.UTF_8);
            Varint.write(out, bytes.length);
            out.writeBytes(bytes);
            return;
        }
        Varint.write(out, n);
        write(out, s, start, end, n);
    }

    static void writeString(ByteBuf out, String s) {
        writeString(out, s, 0, s.length());
    }
}

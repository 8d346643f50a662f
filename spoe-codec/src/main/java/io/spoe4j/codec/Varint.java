package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;

/**
 * HAProxy's "peers" variable-length encoding of unsigned 64-bit integers (not LEB128): values
 * below 240 take one byte; larger ones put their low 4 bits in a {@code 1111xxxx} first byte and
 * continue in 7-bit groups offset by 128. Values are Java {@code long}s read as unsigned.
 */
public final class Varint {
    /** A 64-bit value never needs more than this many bytes. */
    public static final int MAX_LENGTH = 10;

    private Varint() {
    }

    /** Number of bytes {@link #write} uses for {@code value}. */
    public static int length(long value) {
        if (Long.compareUnsigned(value, 240) < 0) {
            return 1;
        }
        int n = 2;
        long m = (value - 240) >>> 4;
        while (Long.compareUnsigned(m, 128) >= 0) {
            m = (m - 128) >>> 7;
            n++;
        }
        return n;
    }

    public static void write(ByteBuf out, long value) {
        if (Long.compareUnsigned(value, 240) < 0) {
            out.writeByte((int) value);
            return;
        }
        out.writeByte(0xF0 | (int) (value & 0x0F));
        long m = (value - 240) >>> 4;
        while (Long.compareUnsigned(m, 128) >= 0) {
            out.writeByte(0x80 | (int) (m & 0x7F));
            m = (m - 128) >>> 7;
        }
        out.writeByte((int) m);
    }

    /**
     * Reads one varint from the readable bytes of {@code in}.
     *
     * @throws SpopCodecException (status 4) when the bytes end before the varint does or it is longer than 10 bytes
     */
    public static long read(ByteBuf in) {
        if (!in.isReadable()) {
            throw SpopCodecException.invalid("varint expected but the frame ended");
        }
        int b = in.readUnsignedByte();
        long value = b;
        if (b < 240) {
            return value;
        }
        int shift = 4;
        for (int i = 1; i < MAX_LENGTH; i++) {
            if (!in.isReadable()) {
                throw SpopCodecException.invalid("truncated varint");
            }
            b = in.readUnsignedByte();
            value += (long) b << shift;
            if (b < 128) {
                return value;
            }
            shift += 7;
        }
        throw SpopCodecException.invalid("varint longer than " + MAX_LENGTH + " bytes");
    }

    /** Encodes into a new array; for tests and tools, not hot paths. */
    public static byte[] toBytes(long value) {
        byte[] bytes = new byte[length(value)];
        ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
        buf.writerIndex(0);
        write(buf, value);
        return bytes;
    }
}

package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import io.spoe4j.codec.TypedValue;

/** HAProxy's type mapping from SPOP typed data (an ACK's values) to samples; {@link MessageEncoder} writes the other way. */
final class Values {
    private static final int SMALL_MIN = -128;
    private static final int SMALL_MAX = 1023;
    /** Integer samples agents and the timing options set most: scores, counts, milliseconds. */
    private static final Sample[] SMALL = new Sample[SMALL_MAX - SMALL_MIN + 1];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Sample.integer(SMALL_MIN + i);
        }
    }

    private Values() {
    }

    /** {@link Sample#integer}, shared for small values (samples are immutable). */
    static Sample integer(long value) {
        return value >= SMALL_MIN && value <= SMALL_MAX ? SMALL[(int) value - SMALL_MIN] : Sample.integer(value);
    }

    /**
     * An ACK value as HAProxy stores it in a variable: any integer type becomes a signed 64-bit
     * integer (UINT64 above 2^63-1 wraps, as HAProxy's cast does); NULL gives {@code null}.
     */
    static Sample decode(TypedValue value) {
        if (value instanceof TypedValue.Null) {
            return null;
        }
        if (value instanceof TypedValue.Bool b) {
            return Sample.bool(b.value());
        }
        if (value instanceof TypedValue.Int32 || value instanceof TypedValue.Uint32
                || value instanceof TypedValue.Int64 || value instanceof TypedValue.Uint64) {
            return integer(value.asLong());
        }
        if (value instanceof TypedValue.Ipv4 a) {
            return new Sample.Ipv4(a.address());
        }
        if (value instanceof TypedValue.Ipv6 a) {
            return new Sample.Ipv6(a.address());
        }
        if (value instanceof TypedValue.Str s) {
            return Sample.str(s.asString());
        }
        return Sample.bin(((TypedValue.Binary) value).bytes());
    }
}

package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.codec.TypedValue;

/** HAProxy's type mapping between samples and SPOP typed data, both ways. */
final class Values {
    private Values() {
    }

    /** A sample as HAProxy encodes it in a NOTIFY: every integer as INT64, a missing sample as NULL. */
    static TypedValue encode(Sample sample) {
        if (sample == null) {
            return TypedValue.NULL;
        }
        if (sample instanceof Sample.Bool b) {
            return TypedValue.bool(b.value());
        }
        if (sample instanceof Sample.Int i) {
            return TypedValue.int64(i.value());
        }
        if (sample instanceof Sample.Ipv4 a) {
            return TypedValue.ipv4(a.address());
        }
        if (sample instanceof Sample.Ipv6 a) {
            return TypedValue.ipv6(a.address());
        }
        if (sample instanceof Sample.Str s) {
            return TypedValue.string(s.value());
        }
        return TypedValue.binary(((Sample.Bin) sample).bytes());
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
            return Sample.integer(value.asLong());
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

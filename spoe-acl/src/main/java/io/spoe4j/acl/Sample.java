package io.spoe4j.acl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A sample value, typed as HAProxy types samples: boolean, signed 64-bit integer, IPv4, IPv6,
 * string and binary. The engine maps each record to one SPOP data type; a missing sample is
 * represented by {@code null}, never by a record. Records are immutable; byte arrays are not
 * copied (callers must not modify an array after handing it over, nor the one they read).
 */
public sealed interface Sample {

    /** The type of a sample, plus the pseudo-types fetches and converters declare. */
    enum Type {
        BOOL, INT, IPV4, IPV6, STR, BIN,
        /** Either IPV4 or IPV6 (what {@code src} and {@code dst} return). */
        ADDR,
        /** Whatever type the value has (e.g. {@code var()}). */
        ANY
    }

    /** This sample's concrete type. */
    Type type();

    /**
     * The sample cast to a string as HAProxy casts it: integers in decimal, booleans as 0/1,
     * addresses in their text form (RFC 5952 for IPv6), binary as its bytes read as UTF-8.
     */
    default String asText() {
        return io.spoe4j.acl.internal.Casts.text(this);
    }

    /**
     * The sample cast to {@code to} as HAProxy's cast matrix does ({@code sample_casts}): what an
     * ACL's {@code -m int} or {@code -m bool} does to a string ("12ab" is 12, "abc" is 0, "" has no
     * integer), a boolean read as 0/1, an IPv4 address as its 32-bit value. {@code null} when HAProxy
     * has no cast between the two types or the cast fails (binary to integer, empty string to integer).
     */
    default Sample cast(Type to) {
        return io.spoe4j.acl.internal.Casts.cast(this, java.util.Objects.requireNonNull(to, "to"));
    }

    static Sample str(String value) {
        return new Str(value);
    }

    static Sample integer(long value) {
        return new Int(value);
    }

    static Sample bool(boolean value) {
        return value ? Bool.TRUE : Bool.FALSE;
    }

    static Sample bin(byte[] bytes) {
        return new Bin(bytes);
    }

    /** A boolean sample ({@code ssl_fc}, {@code bool(1)}). */
    record Bool(boolean value) implements Sample {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        @Override
        public Type type() {
            return Type.BOOL;
        }
    }

    /** A signed 64-bit integer sample; HAProxy sends every integer sample as INT64. */
    record Int(long value) implements Sample {
        @Override
        public Type type() {
            return Type.INT;
        }
    }

    /** An IPv4 address, 4 bytes in network order. */
    record Ipv4(byte[] address) implements Sample {
        public Ipv4 {
            if (address == null || address.length != 4) {
                throw new IllegalArgumentException("an IPv4 sample needs 4 bytes");
            }
        }

        @Override
        public Type type() {
            return Type.IPV4;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ipv4 other && Arrays.equals(address, other.address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address);
        }

        @Override
        public String toString() {
            return "Ipv4[" + (address[0] & 0xFF) + '.' + (address[1] & 0xFF) + '.' + (address[2] & 0xFF) + '.'
                    + (address[3] & 0xFF) + ']';
        }
    }

    /** An IPv6 address, 16 bytes in network order. */
    record Ipv6(byte[] address) implements Sample {
        public Ipv6 {
            if (address == null || address.length != 16) {
                throw new IllegalArgumentException("an IPv6 sample needs 16 bytes");
            }
        }

        @Override
        public Type type() {
            return Type.IPV6;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ipv6 other && Arrays.equals(address, other.address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address);
        }

        @Override
        public String toString() {
            return "Ipv6[" + HexFormat.of().formatHex(address) + ']';
        }
    }

    /** A string sample; the engine encodes it as UTF-8. */
    record Str(String value) implements Sample {
        public Str {
            if (value == null) {
                throw new IllegalArgumentException("a string sample cannot be null");
            }
        }

        @Override
        public Type type() {
            return Type.STR;
        }
    }

    /** A binary sample ({@code req.body}, {@code req.hdrs_bin}, {@code bin(...)}). */
    record Bin(byte[] bytes) implements Sample {
        public Bin {
            if (bytes == null) {
                throw new IllegalArgumentException("a binary sample cannot be null");
            }
        }

        @Override
        public Type type() {
            return Type.BIN;
        }

        /** The bytes read as UTF-8 (invalid sequences replaced), for display and casts. */
        public String asUtf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bin other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bin[" + HexFormat.of().formatHex(bytes) + ']';
        }
    }
}

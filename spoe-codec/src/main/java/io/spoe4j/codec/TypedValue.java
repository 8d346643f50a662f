package io.spoe4j.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SPOP typed value: NULL, BOOL, the four integer types, IPV4, IPV6, STRING or BINARY.
 *
 * <p>Integers are held as the 64-bit value that travels on the wire. HAProxy reads every integer
 * type as a signed 64-bit number whatever its declared width, so {@code int32(-1)} is sent as the
 * 64-bit two's complement ({@code 04 ff f0 fe fe fe fe fe fe fe 0e} for INT64). STRING and BINARY
 * hold bytes: HAProxy does not validate UTF-8. Values are immutable and thread-safe.
 */
public sealed interface TypedValue {

    DataType type();

    /** NULL; in an ACK's set-var it unsets the variable. */
    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    static Bool bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** INT32, sign-extended to 64 bits on the wire as HAProxy does. */
    static Int32 int32(int value) {
        return new Int32(value);
    }

    /** UINT32; {@code value} must be in [0, 2^32-1]. */
    static Uint32 uint32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint32 out of range: " + value);
        }
        return new Uint32(value);
    }

    static Int64 int64(long value) {
        return new Int64(value);
    }

    /** UINT64; {@code bits} is read as unsigned. */
    static Uint64 uint64(long bits) {
        return new Uint64(bits);
    }

    static Ipv4 ipv4(byte[] address) {
        return new Ipv4(address.clone());
    }

    static Ipv6 ipv6(byte[] address) {
        return new Ipv6(address.clone());
    }

    /** IPV4 or IPV6 depending on the address family. */
    static TypedValue ip(InetAddress address) {
        return address instanceof Inet4Address ? new Ipv4(address.getAddress()) : new Ipv6(address.getAddress());
    }

    /** STRING with the UTF-8 bytes of {@code text}. */
    static Str string(String text) {
        return new Str(text.getBytes(StandardCharsets.UTF_8));
    }

    static Str string(byte[] bytes) {
        return new Str(bytes.clone());
    }

    static Binary binary(byte[] bytes) {
        return new Binary(bytes.clone());
    }

    /** The value as a signed 64-bit integer, for the four integer types. */
    default long asLong() {
        throw new IllegalStateException(type().label() + " is not an integer");
    }

    /** A short human-readable rendering: {@code 42}, {@code true}, {@code 192.0.2.1}, the text, hex for binary. */
    String toDisplayString();

    record Null() implements TypedValue {
        @Override
        public DataType type() {
            return DataType.NULL;
        }

        @Override
        public String toDisplayString() {
            return "null";
        }
    }

    record Bool(boolean value) implements TypedValue {
        @Override
        public DataType type() {
            return DataType.BOOL;
        }

        @Override
        public String toDisplayString() {
            return Boolean.toString(value);
        }
    }

    /** INT32; {@code value} is the 64-bit value read from the wire (HAProxy ignores the declared width). */
    record Int32(long value) implements TypedValue {
        @Override
        public DataType type() {
            return DataType.INT32;
        }

        @Override
        public long asLong() {
            return value;
        }

        @Override
        public String toDisplayString() {
            return Long.toString(value);
        }
    }

    record Uint32(long value) implements TypedValue {
        @Override
        public DataType type() {
            return DataType.UINT32;
        }

        @Override
        public long asLong() {
            return value;
        }

        @Override
        public String toDisplayString() {
            return Long.toUnsignedString(value);
        }
    }

    record Int64(long value) implements TypedValue {
        @Override
        public DataType type() {
            return DataType.INT64;
        }

        @Override
        public long asLong() {
            return value;
        }

        @Override
        public String toDisplayString() {
            return Long.toString(value);
        }
    }

    /** UINT64; {@code value} holds the unsigned bits. */
    record Uint64(long value) implements TypedValue {
        @Override
        public DataType type() {
            return DataType.UINT64;
        }

        @Override
        public long asLong() {
            return value;
        }

        @Override
        public String toDisplayString() {
            return Long.toUnsignedString(value);
        }
    }

    /** IPV4: four address bytes in network order. */
    record Ipv4(byte[] address) implements TypedValue {
        public Ipv4 {
            if (address.length != 4) {
                throw new IllegalArgumentException("an IPv4 address has 4 bytes, not " + address.length);
            }
        }

        @Override
        public DataType type() {
            return DataType.IPV4;
        }

        public Inet4Address toInetAddress() {
            try {
                return (Inet4Address) InetAddress.getByAddress(address);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toDisplayString() {
            return toInetAddress().getHostAddress();
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
            return "Ipv4[" + toDisplayString() + "]";
        }
    }

    /** IPV6: sixteen address bytes in network order. */
    record Ipv6(byte[] address) implements TypedValue {
        public Ipv6 {
            if (address.length != 16) {
                throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + address.length);
            }
        }

        @Override
        public DataType type() {
            return DataType.IPV6;
        }

        public Inet6Address toInetAddress() {
            try {
                return Inet6Address.getByAddress(null, address, -1);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toDisplayString() {
            return compress(toInetAddress().getHostAddress());
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
            return "Ipv6[" + toDisplayString() + "]";
        }

        /** Java prints 2001:db8:0:0:0:0:0:42; collapse the longest zero run as RFC 5952 does. */
        private static String compress(String full) {
            String[] groups = full.split(":");
            int bestStart = -1;
            int bestLen = 0;
            for (int i = 0; i < groups.length; ) {
                if (groups[i].equals("0")) {
                    int j = i;
                    while (j < groups.length && groups[j].equals("0")) {
                        j++;
                    }
                    if (j - i > bestLen && j - i > 1) {
                        bestStart = i;
                        bestLen = j - i;
                    }
                    i = j;
                } else {
                    i++;
                }
            }
            if (bestStart < 0) {
                return full;
            }
            String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
            String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
            return head + "::" + tail;
        }
    }

    /** STRING: bytes, usually UTF-8 text. */
    record Str(byte[] bytes) implements TypedValue {
        @Override
        public DataType type() {
            return DataType.STRING;
        }

        public String asString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toDisplayString() {
            return asString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Str other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Str[" + asString() + "]";
        }
    }

    /** BINARY: opaque bytes. */
    record Binary(byte[] bytes) implements TypedValue {
        @Override
        public DataType type() {
            return DataType.BINARY;
        }

        @Override
        public String toDisplayString() {
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }
}

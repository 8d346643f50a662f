package io.spoe4j.acl.internal;

import io.spoe4j.acl.Sample;
import io.spoe4j.acl.Sample.Bin;
import io.spoe4j.acl.Sample.Bool;
import io.spoe4j.acl.Sample.Int;
import io.spoe4j.acl.Sample.Ipv4;
import io.spoe4j.acl.Sample.Ipv6;
import io.spoe4j.acl.Sample.Str;
import io.spoe4j.acl.Sample.Type;
import java.nio.charset.StandardCharsets;

/**
 * Sample casts following HAProxy's cast matrix ({@code sample_casts} in src/sample.c): what an
 * ACL {@code -m int} does to a string, what {@code lower} does to an integer. Returns null when
 * HAProxy has no cast between the two types or the cast fails.
 */
public final class Casts {
    private Casts() {
    }

    public static Sample cast(Sample s, Type to) {
        if (s == null) {
            return null;
        }
        if (to == Type.ANY || s.type() == to) {
            return s;
        }
        switch (to) {
            case STR:
                return toStr(s);
            case INT:
                return toInt(s);
            case BOOL:
                Sample i = toInt(s);
                return i == null ? null : Sample.bool(((Int) i).value() != 0);
            case IPV4:
                return toIpv4(s);
            case IPV6:
                return toIpv6(s);
            case ADDR:
                if (s instanceof Ipv6) {
                    return s;
                }
                Sample v4 = toIpv4(s);
                return v4 != null ? v4 : toIpv6(s);
            case BIN:
                return toBin(s);
            default:
                return null;
        }
    }

    public static String text(Sample s) {
        Sample str = toStr(s);
        return str == null ? null : ((Str) str).value();
    }

    private static Sample toStr(Sample s) {
        if (s instanceof Str) {
            return s;
        }
        if (s instanceof Int i) {
            return new Str(Long.toString(i.value()));
        }
        if (s instanceof Bool b) {
            return new Str(b.value() ? "1" : "0");
        }
        if (s instanceof Ipv4 a) {
            return new Str(Ips.formatV4(a.address()));
        }
        if (s instanceof Ipv6 a) {
            return new Str(Ips.formatV6(a.address()));
        }
        if (s instanceof Bin b) {
            return new Str(b.asUtf8());
        }
        return null;
    }

    private static Sample toInt(Sample s) {
        if (s instanceof Int) {
            return s;
        }
        if (s instanceof Bool b) {
            return new Int(b.value() ? 1 : 0);
        }
        if (s instanceof Ipv4 a) {
            byte[] b = a.address();
            return new Int(((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
        }
        if (s instanceof Str str) {
            return strToInt(str.value());
        }
        return null;
    }

    /**
     * HAProxy's {@code c_str2int}: an empty string fails; otherwise an optional sign and the
     * leading digits are read, stopping at the first other character ("12ab" is 12, "ab" is 0).
     */
    static Sample strToInt(String v) {
        if (v.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean neg = false;
        if (v.charAt(0) == '-' || v.charAt(0) == '+') {
            neg = v.charAt(0) == '-';
            i++;
        }
        long r = 0;
        while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            long next = r * 10 + (v.charAt(i) - '0');
            if (next < r) {
                return null;
            }
            r = next;
            i++;
        }
        return new Int(neg ? -r : r);
    }

    private static Sample toIpv4(Sample s) {
        if (s instanceof Ipv4) {
            return s;
        }
        if (s instanceof Int i) {
            long v = i.value();
            return new Ipv4(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }
        if (s instanceof Ipv6 a) {
            byte[] v4 = Ips.v6ToV4(a.address());
            return v4 == null ? null : new Ipv4(v4);
        }
        if (s instanceof Str str) {
            byte[] v4 = Ips.parseV4(str.value());
            return v4 == null ? null : new Ipv4(v4);
        }
        return null;
    }

    private static Sample toIpv6(Sample s) {
        if (s instanceof Ipv6) {
            return s;
        }
        if (s instanceof Ipv4 a) {
            return new Ipv6(Ips.v4ToV6(a.address()));
        }
        if (s instanceof Str str) {
            byte[] v6 = Ips.parseV6(str.value());
            return v6 == null ? null : new Ipv6(v6);
        }
        return null;
    }

    private static Sample toBin(Sample s) {
        if (s instanceof Bin) {
            return s;
        }
        if (s instanceof Str str) {
            return new Bin(str.value().getBytes(StandardCharsets.UTF_8));
        }
        if (s instanceof Ipv4 a) {
            return new Bin(a.address().clone());
        }
        if (s instanceof Ipv6 a) {
            return new Bin(a.address().clone());
        }
        if (s instanceof Int || s instanceof Bool) {
            long v = ((Int) toInt(s)).value();
            byte[] out = new byte[8];
            for (int k = 7; k >= 0; k--) {
                out[k] = (byte) v;
                v >>>= 8;
            }
            return new Bin(out);
        }
        return null;
    }
}

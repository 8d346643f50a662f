package io.spoe4j.undertow.internal;

import io.spoe4j.acl.Sample;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** A variable as header text, the way HAProxy's {@code %[var()]} prints it (binary as hex). */
public final class VariableText {
    private VariableText() {
    }

    /** The text of {@code value}, or {@code null} when it cannot go in a header (CR, LF, NUL, other controls). */
    public static String format(Sample value) {
        String text;
        if (value instanceof Sample.Str s) {
            text = s.value();
        } else if (value instanceof Sample.Int i) {
            text = Long.toString(i.value());
        } else if (value instanceof Sample.Bool b) {
            text = b.value() ? "1" : "0";
        } else if (value instanceof Sample.Ipv4 ip) {
            text = address(ip.address());
        } else if (value instanceof Sample.Ipv6 ip) {
            text = address(ip.address());
        } else {
            text = HexFormat.of().formatHex(((Sample.Bin) value).bytes());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 32 && c != '\t') || c == 127) {
                return null;
            }
        }
        return text;
    }

    private static String address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + bytes.length, e);
        }
    }
}

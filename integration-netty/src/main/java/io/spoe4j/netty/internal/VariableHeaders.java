package io.spoe4j.netty.internal;

import io.netty.handler.codec.http.HttpHeaders;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns variables into headers: {@code txn.coraza.action} becomes {@code <prefix>txn-coraza-action}. */
final class VariableHeaders {
    private VariableHeaders() {
    }

    static String name(String prefix, String fullName) {
        return prefix + fullName.toLowerCase(Locale.ROOT).replace('.', '-');
    }

    /** Removes every header whose name starts with {@code prefix}, so clients cannot forge variables. */
    static void strip(HttpHeaders headers, String prefix) {
        List<String> names = null;
        for (String n : headers.names()) {
            if (n.regionMatches(true, 0, prefix, 0, prefix.length())) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(n);
            }
        }
        if (names != null) {
            names.forEach(headers::remove);
        }
    }

    /** Adds the sess, txn and req (or res for a response) variables, sorted by name. */
    static void add(HttpHeaders headers, String prefix, SpoeVariables variables, boolean response) {
        Map<String, Sample> sorted = new TreeMap<>(variables.snapshot());
        for (Map.Entry<String, Sample> e : sorted.entrySet()) {
            String n = e.getKey();
            if (n.startsWith("sess.") || n.startsWith("txn.") || n.startsWith(response ? "res." : "req.")) {
                headers.set(name(prefix, n), value(e.getValue()));
            }
        }
    }

    /** The text of a sample as HAProxy converts it to a string (binary as hex, bool as 0/1). */
    static String value(Sample s) {
        if (s instanceof Sample.Str str) {
            return clean(str.value());
        } else if (s instanceof Sample.Int i) {
            return Long.toString(i.value());
        } else if (s instanceof Sample.Bool b) {
            return b.value() ? "1" : "0";
        } else if (s instanceof Sample.Ipv4 v4) {
            return ip(v4.address());
        } else if (s instanceof Sample.Ipv6 v6) {
            return ip(v6.address());
        } else if (s instanceof Sample.Bin bin) {
            return HexFormat.of().formatHex(bin.bytes());
        }
        return String.valueOf(s);
    }

    private static String ip(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("invalid address length " + address.length, e);
        }
    }

    /** Header values cannot hold control characters; they are replaced by spaces. */
    private static String clean(String v) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(v);
                }
                sb.setCharAt(i, ' ');
            }
        }
        return sb == null ? v : sb.toString();
    }
}

package io.spoe4j.acl.internal;

import io.spoe4j.acl.HttpHeader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** HTTP helpers shared by the fetches: request-target parts, header lookup, header blocks. */
public final class Http {
    private Http() {
    }

    /**
     * Start of the path in a request target, as HAProxy's {@code http_get_path}: the target
     * itself in origin form, after {@code scheme://authority} in absolute form; -1 when there is
     * no path ({@code *}, authority form, absolute form without a slash).
     */
    public static int pathStart(String uri) {
        if (uri == null || uri.isEmpty()) {
            return -1;
        }
        if (uri.charAt(0) == '/') {
            return 0;
        }
        int i = 0;
        while (i < uri.length()) {
            char c = uri.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                break;
            }
            i++;
        }
        if (i == 0 || !uri.startsWith("://", i)) {
            return -1;
        }
        for (int j = i + 3; j < uri.length(); j++) {
            char c = uri.charAt(j);
            if (c == '/') {
                return j;
            }
            if (c == '?') {
                return -1;
            }
        }
        return -1;
    }

    public static String path(String uri) {
        int start = pathStart(uri);
        if (start < 0) {
            return null;
        }
        int q = uri.indexOf('?', start);
        return q < 0 ? uri.substring(start) : uri.substring(start, q);
    }

    public static String pathq(String uri) {
        int start = pathStart(uri);
        return start < 0 ? null : uri.substring(start);
    }

    public static String query(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    /** Lower-cases ASCII letters only, as HTX does for header names. */
    public static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] cs = s.toCharArray();
                for (int j = i; j < cs.length; j++) {
                    if (cs[j] >= 'A' && cs[j] <= 'Z') {
                        cs[j] = (char) (cs[j] + 32);
                    }
                }
                return new String(cs);
            }
        }
        return s;
    }

    public static String asciiUpper(String s) {
        char[] cs = s.toCharArray();
        for (int j = 0; j < cs.length; j++) {
            if (cs[j] >= 'a' && cs[j] <= 'z') {
                cs[j] = (char) (cs[j] - 32);
            }
        }
        return new String(cs);
    }

    /**
     * Values of header {@code name} (all headers when name is empty) in order. With
     * {@code full=false} each line is split at commas outside double quotes and each element is
     * trimmed, as {@code req.hdr} does; with {@code full=true} lines are whole ({@code req.fhdr}).
     */
    public static List<String> values(List<HttpHeader> headers, String name, boolean full) {
        List<String> out = new ArrayList<>(2);
        if (headers == null) {
            return out;
        }
        for (int k = 0, n = headers.size(); k < n; k++) {
            HttpHeader h = headers.get(k);
            if (!name.isEmpty() && !h.name().equalsIgnoreCase(name)) {
                continue;
            }
            if (full) {
                out.add(h.value());
            } else {
                split(h.value(), out);
            }
        }
        return out;
    }

    /** Index of the next comma outside double quotes at or after {@code from}, or the length. */
    static int nextComma(String v, int from) {
        boolean quoted = false;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return v.length();
    }

    /** The element of a header line between {@code start} and {@code end}, trimmed, without copying when whole. */
    static String element(String v, int start, int end) {
        return start == 0 && end == v.length() ? v.trim() : v.substring(start, end).trim();
    }

    /** The last comma-separated element of a header line. */
    static String lastElement(String v) {
        int start = 0;
        for (int end = nextComma(v, 0); end < v.length(); end = nextComma(v, start)) {
            start = end + 1;
        }
        return element(v, start, v.length());
    }

    private static void split(String v, List<String> out) {
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ',' && !quoted) {
                out.add(v.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(v.substring(start).trim());
    }

    /** Picks occurrence {@code occ}: 1-based from the first, negative from the last, 0 = last. */
    public static String occurrence(List<String> values, long occ) {
        int n = values.size();
        if (n == 0) {
            return null;
        }
        if (occ == 0) {
            return values.get(n - 1);
        }
        long idx = occ > 0 ? occ - 1 : n + occ;
        return idx < 0 || idx >= n ? null : values.get((int) idx);
    }

    /** {@code req.hdrs}: {@code name: value\r\n} per header, lower-case names, then {@code \r\n}. */
    public static String hdrsText(List<HttpHeader> headers) {
        int len = 2;
        for (int k = 0, n = headers.size(); k < n; k++) {
            HttpHeader h = headers.get(k);
            len += h.name().length() + h.value().length() + 4;
        }
        StringBuilder sb = new StringBuilder(len);
        for (int k = 0, n = headers.size(); k < n; k++) {
            HttpHeader h = headers.get(k);
            String name = h.name();
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            sb.append(": ").append(h.value()).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** {@code req.hdrs_bin}: varint-prefixed lower-case name and value per header, then 00 00. */
    public static byte[] hdrsBinary(List<HttpHeader> headers) {
        int n = headers.size();
        int len = 2;
        for (int k = 0; k < n; k++) {
            HttpHeader h = headers.get(k);
            int nl = utf8Length(h.name());
            int vl = utf8Length(h.value());
            len += varintSize(nl) + nl + varintSize(vl) + vl;
        }
        byte[] out = new byte[len];
        int pos = 0;
        for (int k = 0; k < n; k++) {
            HttpHeader h = headers.get(k);
            pos = putString(out, pos, h.name(), true);
            pos = putString(out, pos, h.value(), false);
        }
        return out;
    }

    private static int putString(byte[] out, int pos, String s, boolean lower) {
        int len = utf8Length(s);
        pos = putVarint(out, pos, len);
        if (len == s.length()) {
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                out[pos++] = (byte) (lower && c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            return pos;
        }
        byte[] b = (lower ? asciiLower(s) : s).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, out, pos, b.length);
        return pos + b.length;
    }

    static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    static int varintSize(long x) {
        if (x < 240) {
            return 1;
        }
        int size = 1;
        x = (x - 240) >>> 4;
        while (x >= 128) {
            size++;
            x = (x - 128) >>> 7;
        }
        return size + 1;
    }

    private static int putVarint(byte[] out, int pos, long x) {
        if (x < 240) {
            out[pos++] = (byte) x;
            return pos;
        }
        out[pos++] = (byte) ((x & 0xFF) | 0xF0);
        x = (x - 240) >>> 4;
        while (x >= 128) {
            out[pos++] = (byte) ((x & 0xFF) | 0x80);
            x = (x - 128) >>> 7;
        }
        out[pos++] = (byte) x;
        return pos;
    }

    /** SPOP ("peers") varint encoding. */
    static void varint(ByteArrayOutputStream out, long x) {
        if (x < 240) {
            out.write((int) x);
            return;
        }
        out.write((int) (x & 0xFF) | 0xF0);
        x = (x - 240) >>> 4;
        while (x >= 128) {
            out.write((int) (x & 0xFF) | 0x80);
            x = (x - 128) >>> 7;
        }
        out.write((int) x);
    }

    /**
     * The first occurrence of a query parameter, as {@code url_param(name[,delim])}: parameters
     * are separated by {@code '&'} and by the extra delimiter characters given; null when absent. An empty
     * name takes the first parameter.
     */
    public static String urlParam(String uri, String name, String extraDelims) {
        String q = query(uri);
        if (q == null) {
            return null;
        }
        int i = 0;
        while (i <= q.length()) {
            int end = i;
            while (end < q.length() && q.charAt(end) != '&' && extraDelims.indexOf(q.charAt(end)) < 0) {
                end++;
            }
            int eq = q.indexOf('=', i);
            if (eq < 0 || eq > end) {
                eq = end;
            }
            if (name.isEmpty() ? end > i : eq - i == name.length() && q.startsWith(name, i)) {
                return eq < end ? q.substring(eq + 1, end) : "";
            }
            i = end + 1;
        }
        return null;
    }
}

package io.spoe4j.acl.internal;

import static io.spoe4j.acl.internal.BuiltinConverter.simple;

import io.spoe4j.acl.Converter;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.Sample.Bin;
import io.spoe4j.acl.Sample.Str;
import io.spoe4j.acl.Sample.Type;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Built-in converters with HAProxy's names, input/output types and edge cases (src/sample.c). */
final class Converters {
    private Converters() {
    }

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    static List<Converter> all() {
        List<Converter> out = new ArrayList<>();
        out.add(simple("lower", Type.STR, Type.STR, (s, a) -> Sample.str(Http.asciiLower(((Str) s).value()))));
        out.add(simple("upper", Type.STR, Type.STR, (s, a) -> Sample.str(Http.asciiUpper(((Str) s).value()))));
        out.add(simple("base64", Type.BIN, Type.STR,
                (s, a) -> Sample.str(Base64.getEncoder().encodeToString(((Bin) s).bytes()))));
        out.add(simple("b64dec", Type.STR, Type.BIN, (s, a) -> {
            try {
                return Sample.bin(Base64.getDecoder().decode(((Str) s).value()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }));
        out.add(simple("hex", Type.BIN, Type.STR, (s, a) -> {
            byte[] b = ((Bin) s).bytes();
            char[] c = new char[b.length * 2];
            for (int i = 0; i < b.length; i++) {
                c[2 * i] = HEX_UPPER[(b[i] >> 4) & 0xF];
                c[2 * i + 1] = HEX_UPPER[b[i] & 0xF];
            }
            return Sample.str(new String(c));
        }));
        out.add(simple("length", Type.STR, Type.INT,
                (s, a) -> Sample.integer(HttpFetches.utf8Length(((Str) s).value()))));
        out.add(simple("url_dec", Type.STR, Type.STR, (s, a) -> {
            try {
                return Sample.str(URLDecoder.decode(((Str) s).value(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }));
        out.add(simple("bool", Type.INT, Type.BOOL, (s, a) -> Sample.bool(((Sample.Int) s).value() != 0)));
        // Input ANY: HAProxy's str-to-bin cast is a no-op, so bytes() of a string stays a string.
        out.add(new BuiltinConverter("bytes", Type.ANY, Type.BIN, Converters::bytes));
        out.add(new BuiltinConverter("field", Type.STR, Type.STR, args -> fieldOrWord("field", args, false)));
        out.add(new BuiltinConverter("word", Type.STR, Type.STR, args -> fieldOrWord("word", args, true)));
        out.add(new BuiltinConverter("regsub", Type.STR, Type.STR, Converters::regsub));
        out.add(new BuiltinConverter("json", Type.STR, Type.STR, Converters::json));
        out.add(new BuiltinConverter("ipmask", Type.ADDR, Type.ADDR, Converters::ipmask));
        return out;
    }

    /** bytes(offset[,length]): an offset at or past the end gives an empty binary, as HAProxy. */
    private static Converter.Function bytes(List<String> args) {
        Args.count("bytes", args, 1, 2);
        long off = Args.integer(args, 0, "offset");
        if (off < 0) {
            throw new ArgException(0, "offset must not be negative");
        }
        long len = Args.optionalInteger(args, 1, "length", -1);
        if (args.size() > 1 && len < 0) {
            throw new ArgException(1, "length must not be negative");
        }
        return (s, a) -> {
            boolean str = s instanceof Str;
            Sample in = str ? s : Casts.cast(s, Type.BIN);
            if (in == null) {
                return null;
            }
            byte[] b = str ? ((Str) s).value().getBytes(StandardCharsets.UTF_8) : ((Bin) in).bytes();
            byte[] out = b.length <= off ? new byte[0]
                    : Arrays.copyOfRange(b, (int) off, (int) (len < 0 ? b.length : Math.min(b.length, off + len)));
            return str ? Sample.str(new String(out, StandardCharsets.UTF_8)) : Sample.bin(out);
        };
    }

    /**
     * field(n,delims[,count]) and word(n,delims[,count]). A field is what lies between two
     * delimiters (may be empty); a word is a non-empty run of non-delimiters. Negative n counts
     * from the end; count takes that many fields (0 = all the rest). A missing field yields a
     * missing sample, a missing word an empty string (HAProxy's asymmetry, kept on purpose).
     */
    private static Converter.Function fieldOrWord(String kw, List<String> args, boolean words) {
        Args.count(kw, args, 2, 3);
        long n = Args.integer(args, 0, "index");
        if (n == 0) {
            throw new ArgException(0, "index must not be 0 (fields are numbered from 1, or from -1 at the end)");
        }
        String delims = Args.nonEmpty(args, 1, "a list of delimiter characters");
        long count = Args.optionalInteger(args, 2, "count", 1);
        if (count < 0) {
            throw new ArgException(2, "count must not be negative");
        }
        return (s, a) -> {
            String v = ((Str) s).value();
            List<int[]> spans = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= v.length(); i++) {
                if (i == v.length() || delims.indexOf(v.charAt(i)) >= 0) {
                    if (!words || i > start) {
                        spans.add(new int[] {start, i});
                    }
                    start = i + 1;
                }
            }
            int size = spans.size();
            long first;
            long last;
            if (n > 0) {
                first = n - 1;
                last = count == 0 ? size - 1 : first + count - 1;
            } else {
                last = size + n;
                first = count == 0 ? 0 : last - count + 1;
            }
            if (last < 0 || first >= size) {
                return words ? Sample.str("") : null;
            }
            first = Math.max(0, first);
            last = Math.min(size - 1, last);
            return Sample.str(v.substring(spans.get((int) first)[0], spans.get((int) last)[1]));
        };
    }

    private static Converter.Function regsub(List<String> args) {
        Args.count("regsub", args, 2, 3);
        String flags = args.size() > 2 ? args.get(2) : "";
        boolean global = false;
        int pflags = 0;
        for (int i = 0; i < flags.length(); i++) {
            char f = flags.charAt(i);
            if (f == 'i') {
                pflags |= Pattern.CASE_INSENSITIVE;
            } else if (f == 'g') {
                global = true;
            } else {
                throw new ArgException(2, "invalid regex flag '" + f + "', only 'i' and 'g' are supported");
            }
        }
        Pattern re;
        try {
            re = Pattern.compile(args.get(0), pflags);
        } catch (PatternSyntaxException e) {
            throw new ArgException(0, "invalid regex '" + args.get(0) + "': " + e.getDescription());
        }
        String subst = args.get(1);
        boolean all = global;
        return (s, a) -> {
            try {
                return Sample.str(substitute(re, subst, all, ((Str) s).value()));
            } catch (StackOverflowError e) {
                // java.util.regex recursion on a very long input: the result is missing
                return null;
            }
        };
    }

    static String substitute(Pattern re, String subst, boolean global, String v) {
        Matcher m = re.matcher(v);
        m.useAnchoringBounds(false);
        m.useTransparentBounds(true);
        StringBuilder out = new StringBuilder(v.length() + 16);
        int start = 0;
        while (start <= v.length()) {
            m.region(start, v.length());
            if (!m.find()) {
                break;
            }
            out.append(v, start, m.start());
            appendReplacement(out, subst, m);
            int next = m.end();
            if (m.end() == m.start()) {
                if (next < v.length()) {
                    out.append(v.charAt(next));
                }
                next++;
            }
            start = next;
            if (!global) {
                break;
            }
        }
        if (start < v.length()) {
            out.append(v, start, v.length());
        }
        return out.toString();
    }

    /** HAProxy's exp_replace: \0-\9 are groups, \xHH a byte, \r \n \t controls, \c any other c. */
    private static void appendReplacement(StringBuilder out, String subst, Matcher m) {
        for (int i = 0; i < subst.length(); i++) {
            char c = subst.charAt(i);
            if (c != '\\' || i + 1 == subst.length()) {
                out.append(c);
                continue;
            }
            char e = subst.charAt(++i);
            if (e >= '0' && e <= '9') {
                int g = e - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    out.append(m.group(g));
                }
            } else if (e == 'x' && i + 2 < subst.length() && Character.digit(subst.charAt(i + 1), 16) >= 0
                    && Character.digit(subst.charAt(i + 2), 16) >= 0) {
                out.append((char) (Character.digit(subst.charAt(i + 1), 16) * 16 + Character.digit(subst.charAt(i + 2), 16)));
                i += 2;
            } else if (e == 'r') {
                out.append('\r');
            } else if (e == 'n') {
                out.append('\n');
            } else if (e == 't') {
                out.append('\t');
            } else {
                out.append(e);
            }
        }
    }

    private static final List<String> JSON_MODES = List.of("", "ascii", "utf8", "utf8s", "utf8p", "utf8ps");

    /**
     * json([mode]): escapes {@code " \ /}, {@code \b \f \r \n \t}, and every other character
     * outside printable ASCII as {@code \}{@code uNNNN}. "ascii" escapes each UTF-8 byte; the utf8
     * modes escape code points and reject ("utf8", "utf8p") or skip ("utf8s", "utf8ps") those
     * above U+FFFF.
     */
    private static Converter.Function json(List<String> args) {
        Args.count("json", args, 0, 1);
        String mode = args.isEmpty() ? "" : args.get(0);
        if (!JSON_MODES.contains(mode)) {
            throw new ArgException(0, "unexpected input code type '" + mode
                    + "' (expected ascii, utf8, utf8s, utf8p or utf8ps)");
        }
        boolean ascii = mode.isEmpty() || mode.equals("ascii");
        boolean skip = mode.endsWith("s");
        return (s, a) -> {
            String v = ((Str) s).value();
            StringBuilder out = new StringBuilder(v.length() + 8);
            if (ascii) {
                for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
                    escape(out, b & 0xFF);
                }
                return Sample.str(out.toString());
            }
            for (int i = 0; i < v.length();) {
                int cp = v.codePointAt(i);
                i += Character.charCount(cp);
                if (cp > 0xFFFF || Character.isSurrogate((char) cp)) {
                    if (skip) {
                        continue;
                    }
                    return null;
                }
                escape(out, cp);
            }
            return Sample.str(out.toString());
        };
    }

    private static void escape(StringBuilder out, int c) {
        switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '/':
                out.append("\\/");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                if (c < 0x20 || c > 0x7E) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.append((char) c);
                }
        }
    }

    /** ipmask(mask4[,mask6]): mask4 as a prefix length or a dotted mask, mask6 as a prefix length. */
    private static Converter.Function ipmask(List<String> args) {
        Args.count("ipmask", args, 1, 2);
        byte[] m4 = mask(args.get(0), 4, 0);
        byte[] m6 = args.size() > 1 ? mask(args.get(1), 16, 1) : null;
        return (s, a) -> {
            if (s instanceof Sample.Ipv4 v4) {
                return new Sample.Ipv4(and(v4.address(), m4));
            }
            if (s instanceof Sample.Ipv6 v6 && m6 != null) {
                return new Sample.Ipv6(and(v6.address(), m6));
            }
            return null;
        };
    }

    private static byte[] and(byte[] a, byte[] m) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] & m[i]);
        }
        return r;
    }

    static byte[] mask(String text, int bytes, int argIndex) {
        if (bytes == 4 && text.indexOf('.') >= 0) {
            byte[] m = Ips.parseV4(text);
            if (m == null) {
                throw new ArgException(argIndex, "expected an IPv4 mask, got '" + text + "'");
            }
            return m;
        }
        int bits;
        try {
            bits = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > bytes * 8) {
            throw new ArgException(argIndex, "expected a prefix length between 0 and " + (bytes * 8) + ", got '" + text + "'");
        }
        return prefixMask(bits, bytes);
    }

    static byte[] prefixMask(int bits, int bytes) {
        byte[] m = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int b = Math.max(0, Math.min(8, bits - 8 * i));
            m[i] = (byte) (0xFF00 >> b);
        }
        return m;
    }
}

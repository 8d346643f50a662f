package io.spoe4j.acl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HAProxy log-format string as {@code unique-id-format} uses it: literal text, {@code %%},
 * {@code %[sample,converters]}, the aliases that request attributes can answer ({@code %ci %cp %fi
 * %fp %Ts %ms %t %T %Tl %rt %pid %H %HM %HU %HP %HQ %HV %r}) and their flags ({@code %{+X}cp},
 * {@code %{+Q}ci}, {@code %{+E}HU}; {@code %{+X}o} applies to every alias that follows).
 * Immutable and thread-safe; parse once, evaluate per transaction.
 *
 * <p>Output as HAProxy 2.6.12 produces it (checked against it): spaces are separators, runs of them
 * and leading ones are dropped; a missing sample writes nothing; flags do not apply to samples;
 * with {@code +X} addresses are hex bytes, ports, {@code %rt} and {@code %pid} {@code %04X},
 * {@code %Ts} {@code %04X} and {@code %ms} {@code %02X}; the result is cut to 127 bytes (HAProxy's
 * {@code UNIQUEID_LEN}), never inside a character. A backslash before a space or a tab keeps it
 * literal (as haproxy.cfg's {@code \ } does), so lines can be copied from a configuration.
 */
public final class LogFormat {
    /** Longest result, in UTF-8 bytes: HAProxy's unique-id buffer holds 128 bytes with the final NUL. */
    public static final int MAX_BYTES = 127;

    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    private static final DateTimeFormatter LOCAL_MS = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter WITH_ZONE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private static final int QUOTE = 1;
    private static final int HEX = 2;
    private static final int ESCAPE = 4;

    private enum Alias {
        CI("ci"), CP("cp"), FI("fi"), FP("fp"), TS("Ts"), MS("ms"), T_LOCAL("t"), T_GMT("T"), TL("Tl"), RT("rt"),
        PID("pid"), H("H"), HM("HM"), HU("HU"), HP("HP"), HQ("HQ"), HV("HV"), R("r");

        final String name;

        Alias(String name) {
            this.name = name;
        }

        static Alias of(String name) {
            for (Alias a : values()) {
                if (a.name.equals(name)) {
                    return a;
                }
            }
            return null;
        }
    }

    private sealed interface Node {
    }

    private record Text(String text) implements Node {
    }

    private record Separator() implements Node {
    }

    private record Expr(SampleExpression expression, int start, int end) implements Node {
    }

    private record Var(Alias alias, int flags) implements Node {
    }

    private final String text;
    private final List<Node> nodes;
    private final boolean usesCounter;

    private LogFormat(String text, List<Node> nodes) {
        this.text = text;
        this.nodes = List.copyOf(nodes);
        this.usesCounter = nodes.stream().anyMatch(n -> n instanceof Var v && v.alias == Alias.RT);
    }

    /** Parses {@code text} with the built-in fetches and converters. */
    public static LogFormat parse(String text) {
        return parse(text, AclCompiler.standard());
    }

    /**
     * Parses {@code text}, compiling its samples with {@code compiler}.
     *
     * @throws ExpressionException naming the offset in {@code text} and the problem (unknown alias,
     *     unknown flag, unclosed <code>%[</code> or <code>%&#123;</code>, a bad sample expression)
     */
    public static LogFormat parse(String text, AclCompiler compiler) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(compiler, "compiler");
        List<Node> nodes = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int defaults = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
                c = text.charAt(++i);
            }
            if (c == ' ') {
                flush(literal, nodes);
                if (nodes.isEmpty() || !(nodes.get(nodes.size() - 1) instanceof Separator)) {
                    nodes.add(new Separator());
                }
                i++;
                continue;
            }
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int percent = i++;
            if (i >= n) {
                throw new ExpressionException(0, percent, "a '%' ends the format; write '%%' for a literal '%'");
            }
            if (text.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            int flags = defaults;
            if (text.charAt(i) == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new ExpressionException(0, i, "missing '}' to close the flags opened here");
                }
                flags = flags(text, i + 1, close, flags);
                i = close + 1;
                if (i >= n || !(text.charAt(i) == '[' || isAlnum(text.charAt(i)))) {
                    throw new ExpressionException(0, i, "expected an alias or '[' after the flags '"
                            + text.substring(percent, close + 1) + "'");
                }
            }
            if (text.charAt(i) == '[') {
                int end = closingBracket(text, i + 1);
                if (end < 0) {
                    throw new ExpressionException(0, i, "missing ']' to close the sample expression opened here");
                }
                String expr = text.substring(i + 1, end);
                flush(literal, nodes);
                try {
                    nodes.add(new Expr(compiler.sample(expr), i + 1, end));
                } catch (ExpressionException e) {
                    throw new ExpressionException(0, i + 1 + e.offset(), "in '%[" + expr + "]': " + e.reason());
                }
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < n && isAlnum(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw new ExpressionException(0, percent, "expected an alias, '{', '[' or '%' after '%', got '"
                        + text.charAt(i) + "'; write '%%' for a literal '%'");
            }
            String name = text.substring(start, i);
            if (name.equals("o")) {
                defaults = flags;
                continue;
            }
            Alias alias = Alias.of(name);
            if (alias == null) {
                throw new ExpressionException(0, start, unknown(name));
            }
            if (alias == Alias.H) {
                Objects.requireNonNull(Host.NAME); // looked up now rather than on the first request
            }
            flush(literal, nodes);
            nodes.add(new Var(alias, flags));
        }
        flush(literal, nodes);
        return new LogFormat(text, nodes);
    }

    private static String unknown(String name) {
        String why = switch (name) {
            case "ID" -> "'%ID' is the unique id itself";
            case "bi", "bp", "si", "sp", "b", "s", "ST", "B", "U", "Tt", "Ta", "Tr", "Tw", "Tc", "Td", "TR", "Th",
                    "Ti", "Tq", "ts", "tsc", "ac", "fc", "bc", "sc", "rc", "sq", "bq", "CC", "CS", "hr", "hs", "hrl",
                    "hsl", "lc" -> "'%" + name + "' is not known when the request arrives";
            case "f", "ft", "fn", "bn" -> "'%" + name + "' names a proxy, which request attributes do not carry";
            default -> null;
        };
        return "unknown log-format alias '%" + name + "'" + (why == null ? "" : " (" + why + ")")
                + "; known: %ci %cp %fi %fp %Ts %ms %t %T %Tl %rt %pid %H %HM %HU %HP %HQ %HV %r, %o, %[sample]"
                + " and '%%' for a literal '%'";
    }

    private static int flags(String text, int from, int to, int flags) {
        int at = from;
        for (String f : text.substring(from, to).split(",", -1)) {
            if (f.length() != 2 || f.charAt(0) != '+' && f.charAt(0) != '-') {
                throw new ExpressionException(0, at, "expected a flag such as '+X' or '-Q', got '" + f + "'");
            }
            int bit = switch (f.charAt(1)) {
                case 'Q' -> QUOTE;
                case 'X' -> HEX;
                case 'E' -> ESCAPE;
                default -> throw new ExpressionException(0, at + 1, "unknown flag '" + f.charAt(1)
                        + "' (expected Q, X or E)");
            };
            flags = f.charAt(0) == '+' ? flags | bit : flags & ~bit;
            at += f.length() + 1;
        }
        return flags;
    }

    /** Index of the ']' ending a sample expression that starts at {@code from}, or -1. */
    private static int closingBracket(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ']' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static void flush(StringBuilder literal, List<Node> nodes) {
        if (literal.length() > 0) {
            nodes.add(new Text(literal.toString()));
            literal.setLength(0);
        }
    }

    /** The text this format was parsed from. */
    public String text() {
        return text;
    }

    /** Whether evaluating reads the request body (a {@code %[req.body]} sample), which must then be buffered first. */
    public boolean needsRequestBody() {
        return nodes.stream().anyMatch(n -> n instanceof Expr e && e.expression.needsRequestBody());
    }

    /**
     * Where the first sample that reads the response sits in {@link #text()}: the offsets of the
     * expression between {@code %[} and {@code ]} (start inclusive, end exclusive), or null when no
     * sample reads it. Request-side rules use it to refuse such formats at the right column.
     */
    public int[] responseSample() {
        for (Node n : nodes) {
            if (n instanceof Expr e && e.expression.needsResponse()) {
                return new int[] {e.start, e.end};
            }
        }
        return null;
    }

    /** Whether a sample of the format reads {@code res.body}. */
    public boolean needsResponseBody() {
        return nodes.stream().anyMatch(n -> n instanceof Expr e && e.expression.needsResponseBody());
    }

    /**
     * Parses a format given as the option {@code option} of a builder: a bad format is an
     * {@link IllegalArgumentException} naming the option, the offset and the reason.
     */
    public static LogFormat parseOption(String option, String text) {
        try {
            return parse(text);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException(option + ": at offset " + e.offset() + " of '" + text + "': "
                    + e.reason(), e);
        }
    }

    /** The id of one transaction accepted at {@code acceptedAtMillis}, generated from this format on first use. */
    public UniqueId newId(long acceptedAtMillis) {
        return new UniqueId(this, acceptedAtMillis);
    }

    /**
     * One transaction's unique id ({@code unique-id-format}): evaluated the first time it is asked
     * for and then kept, as HAProxy does per stream. A format that reads {@code unique-id} itself
     * sees it missing while it is being generated. Thread-safe.
     */
    public static final class UniqueId {
        private final LogFormat format;
        private final long acceptedAtMillis;
        private String value;
        private boolean generating;

        private UniqueId(LogFormat format, long acceptedAtMillis) {
            this.format = format;
            this.acceptedAtMillis = acceptedAtMillis;
        }

        /** The id, evaluated against {@code attributes} on the first call; {@code null} while being generated. */
        public synchronized String get(RequestAttributes attributes) {
            if (value == null && !generating) {
                generating = true;
                try {
                    value = format.evaluate(attributes, acceptedAtMillis);
                } finally {
                    generating = false;
                }
            }
            return value;
        }
    }

    /** Evaluates for a transaction accepted now; {@code %rt} takes the next number of the process-wide counter. */
    public String evaluate(RequestAttributes attributes) {
        return evaluate(attributes, System.currentTimeMillis());
    }

    /** Evaluates for a transaction accepted at {@code acceptedAtMillis} (epoch milliseconds, for {@code %Ts %ms %t}). */
    public String evaluate(RequestAttributes attributes, long acceptedAtMillis) {
        return evaluate(attributes, acceptedAtMillis, usesCounter ? REQUESTS.getAndIncrement() : 0);
    }

    /** Evaluates with an explicit accept time and {@code %rt} value (HAProxy's per-process stream counter, from 0). */
    public String evaluate(RequestAttributes attributes, long acceptedAtMillis, long requestNumber) {
        return truncate(build(attributes, acceptedAtMillis, requestNumber));
    }

    /**
     * Evaluates as an action argument ({@code http-request set-header X <fmt>}, {@code lf-string},
     * {@code redirect location <fmt>}): like {@link #evaluate(RequestAttributes)}, but not cut to
     * {@link #MAX_BYTES}, which only bounds unique ids.
     */
    public String format(RequestAttributes attributes) {
        return build(attributes, System.currentTimeMillis(), usesCounter ? REQUESTS.getAndIncrement() : 0);
    }

    /** Whether the format has no sample, alias or separator: the same text for every transaction. */
    public boolean isConstant() {
        return nodes.stream().allMatch(n -> n instanceof Text);
    }

    private String build(RequestAttributes attributes, long acceptedAtMillis, long requestNumber) {
        Objects.requireNonNull(attributes, "attributes");
        StringBuilder out = new StringBuilder(64);
        boolean lastSpace = true;
        for (Node node : nodes) {
            if (node instanceof Separator) {
                if (!lastSpace) {
                    out.append(' ');
                    lastSpace = true;
                }
                continue;
            }
            lastSpace = false;
            if (node instanceof Text t) {
                out.append(t.text);
            } else if (node instanceof Expr e) {
                Sample s = e.expression.evaluate(attributes);
                String v = s == null ? null : s.asText();
                if (v != null) {
                    out.append(v);
                }
            } else {
                Var v = (Var) node;
                append(out, v, attributes, acceptedAtMillis, requestNumber);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Var v, RequestAttributes a, long millis, long requestNumber) {
        boolean hex = (v.flags & HEX) != 0;
        switch (v.alias) {
            case CI -> address(out, a.clientAddress(), v.flags);
            case FI -> address(out, a.serverAddress(), v.flags);
            case CP -> number(out, a.clientPort(), hex, "%04X");
            case FP -> number(out, a.serverPort(), hex, "%04X");
            case TS -> number(out, Math.floorDiv(millis, 1000), hex, "%04X");
            case MS -> out.append(String.format(Locale.ROOT, hex ? "%02X" : "%03d", Math.floorMod(millis, 1000)));
            case T_LOCAL -> out.append(LOCAL_MS.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault())));
            case T_GMT -> out.append(WITH_ZONE.format(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC)));
            case TL -> out.append(WITH_ZONE.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault())));
            case RT -> number(out, requestNumber, hex, "%04X");
            case PID -> number(out, PID, hex, "%04X");
            case H -> text(out, Host.NAME, v.flags);
            case HM -> text(out, a.method(), v.flags);
            case HU -> text(out, a.uri(), v.flags);
            case HP -> text(out, path(a.uri()), v.flags);
            case HQ -> text(out, query(a.uri()), v.flags);
            case HV -> text(out, a.httpVersion() == null ? null : "HTTP/" + a.httpVersion(), v.flags);
            case R -> text(out, a.method() == null || a.uri() == null || a.httpVersion() == null ? null
                    : a.method() + ' ' + a.uri() + " HTTP/" + a.httpVersion(), v.flags);
            default -> throw new IllegalStateException(v.alias.name);
        }
    }

    private static void number(StringBuilder out, long value, boolean hex, String hexFormat) {
        if (value < 0) {
            return;
        }
        out.append(hex ? String.format(Locale.ROOT, hexFormat, value) : Long.toString(value));
    }

    private static void address(StringBuilder out, InetAddress address, int flags) {
        if (address == null) {
            return;
        }
        if ((flags & HEX) != 0) {
            for (byte b : address.getAddress()) {
                out.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
            return;
        }
        Sample s = address instanceof Inet4Address ? new Sample.Ipv4(address.getAddress())
                : new Sample.Ipv6(address.getAddress());
        text(out, s.asText(), flags);
    }

    private static void text(StringBuilder out, String value, int flags) {
        if (value == null) {
            return;
        }
        boolean quote = (flags & QUOTE) != 0;
        if (quote) {
            out.append('"');
        }
        if ((flags & ESCAPE) != 0) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\' || c == ']') {
                    out.append('\\');
                }
                out.append(c);
            }
        } else {
            out.append(value);
        }
        if (quote) {
            out.append('"');
        }
    }

    private static String path(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static String query(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q);
    }

    /** {@code s} cut to {@link #MAX_BYTES} UTF-8 bytes at a character boundary. */
    static String truncate(String s) {
        if (s.length() * 3 <= MAX_BYTES || s.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return s;
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > MAX_BYTES) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The host name {@code %H} writes, looked up once (HAProxy uses gethostname()). */
    private static final class Host {
        static final String NAME = lookup();

        private static String lookup() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException | SecurityException e) {
                String env = System.getenv("HOSTNAME");
                return env == null ? "localhost" : env;
            }
        }
    }
}

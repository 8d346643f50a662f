package io.spoe4j.cli;

import io.spoe4j.codec.Arg;
import io.spoe4j.codec.DataType;
import io.spoe4j.codec.TypedValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A cursor over command-line arguments plus the parsers the commands share: durations
 * ({@code 500ms}, {@code 2s}, {@code 1m}, plain milliseconds) and typed args
 * ({@code [name]=TYPE:VALUE}). Parsers throw {@link IllegalArgumentException} naming the problem.
 * Not thread-safe.
 */
final class CliArgs {
    private final String[] args;
    private int i;

    CliArgs(String[] args) {
        this.args = args;
    }

    boolean hasNext() {
        return i < args.length;
    }

    String next() {
        return args[i++];
    }

    String peek() {
        return args[i];
    }

    /** The value of option token {@code t}: after '=' or the next argument. */
    String value(String t) {
        int eq = t.indexOf('=');
        if (eq > 0) {
            return t.substring(eq + 1);
        }
        if (!hasNext()) {
            throw new IllegalArgumentException(t + " needs a value");
        }
        return next();
    }

    static boolean isOption(String token, String option) {
        return token.equals(option) || token.startsWith(option + "=");
    }

    static Duration duration(String option, String text) {
        try {
            String t = text.trim();
            if (t.endsWith("ms")) {
                return positive(option, Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))));
            }
            if (t.endsWith("s")) {
                return positive(option, Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1))));
            }
            if (t.endsWith("m")) {
                return positive(option, Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1))));
            }
            return positive(option, Duration.ofMillis(Long.parseLong(t)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a duration (e.g. 500ms, 2s)");
        }
    }

    private static Duration positive(String option, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return d;
    }

    /** A resolved TCP {@code HOST:PORT} (or {@code [v6]:PORT}) for a listening option. */
    static java.net.InetSocketAddress hostPort(String option, String text) {
        java.net.SocketAddress parsed;
        try {
            parsed = io.spoe4j.AgentAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " needs HOST:PORT, got '" + text + "'");
        }
        if (!(parsed instanceof java.net.InetSocketAddress address)) {
            throw new IllegalArgumentException(option + " needs HOST:PORT, got '" + text + "'");
        }
        java.net.InetSocketAddress resolved = new java.net.InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            throw new IllegalArgumentException(option + ": cannot resolve host '" + address.getHostString() + "'");
        }
        return resolved;
    }

    static int integer(String option, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not an integer");
        }
    }

    /** Parses {@code [name]=TYPE:VALUE}; an empty name makes an unnamed arg. */
    static Arg arg(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("argument '" + text + "' is not [name]=TYPE:VALUE");
        }
        String name = text.substring(0, eq);
        String typed = text.substring(eq + 1);
        int colon = typed.indexOf(':');
        String typeWord = colon < 0 ? typed : typed.substring(0, colon);
        String value = colon < 0 ? null : typed.substring(colon + 1);
        DataType type = DataType.ofLabel(typeWord);
        if (type == null) {
            throw new IllegalArgumentException("argument '" + text + "': unknown type '" + typeWord
                    + "' (null, bool, int32, uint32, int64, uint64, ipv4, ipv6, str, bin)");
        }
        if (type != DataType.NULL && value == null) {
            throw new IllegalArgumentException("argument '" + text + "': missing ':VALUE'");
        }
        try {
            return new Arg(name, value(type, value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("argument '" + text + "': " + e.getMessage());
        }
    }

    private static TypedValue value(DataType type, String v) {
        switch (type) {
            case NULL:
                if (v != null && !v.isEmpty()) {
                    throw new IllegalArgumentException("null takes no value");
                }
                return TypedValue.NULL;
            case BOOL:
                if (v.equals("true") || v.equals("1")) {
                    return TypedValue.TRUE;
                }
                if (v.equals("false") || v.equals("0")) {
                    return TypedValue.FALSE;
                }
                throw new IllegalArgumentException("bool must be true or false");
            case INT32:
                return TypedValue.int32(Integer.parseInt(v));
            case UINT32:
                return TypedValue.uint32(Long.parseLong(v));
            case INT64:
                return TypedValue.int64(Long.parseLong(v));
            case UINT64:
                return TypedValue.uint64(Long.parseUnsignedLong(v));
            case IPV4:
                return TypedValue.ipv4(ip(v, 4));
            case IPV6:
                return TypedValue.ipv6(ip(v, 16));
            case STRING:
                return TypedValue.string(v);
            case BINARY:
                return TypedValue.binary(HexFormat.of().parseHex(v));
            default:
                throw new IllegalArgumentException("unsupported type " + type);
        }
    }

    private static byte[] ip(String text, int length) {
        boolean literal = length == 4 ? text.matches("[0-9.]+") : text.contains(":");
        if (!literal) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv" + (length == 4 ? "4" : "6") + " address");
        }
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length != length) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv" + (length == 4 ? "4" : "6") + " address");
            }
            return b;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }
}

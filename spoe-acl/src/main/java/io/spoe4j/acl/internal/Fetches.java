package io.spoe4j.acl.internal;

import static io.spoe4j.acl.internal.BuiltinFetch.simple;

import io.spoe4j.acl.Sample;
import io.spoe4j.acl.Sample.Type;
import io.spoe4j.acl.SampleFetch;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Connection, TLS, variable and constant fetches. */
final class Fetches {
    private Fetches() {
    }

    static List<SampleFetch> all() {
        List<SampleFetch> out = new ArrayList<>();
        out.add(simple("src", Type.ADDR, 0, a -> address(a.clientAddress())));
        out.add(simple("src_port", Type.INT, 0, a -> port(a.clientPort())));
        out.add(simple("dst", Type.ADDR, 0, a -> address(a.serverAddress())));
        out.add(simple("dst_port", Type.INT, 0, a -> port(a.serverPort())));
        out.add(simple("ssl_fc", Type.BOOL, 0, a -> Sample.bool(a.isTls())));
        out.add(simple("ssl_fc_sni", Type.STR, 0, a -> a.isTls() ? str(a.tlsSni()) : null));
        out.add(simple("unique-id", Type.STR, 0, a -> str(a.uniqueId())));
        out.add(new BuiltinFetch("uuid", Type.STR, 0, Fetches::uuid));
        out.add(simple("always_true", Type.BOOL, 0, a -> Sample.Bool.TRUE));
        out.add(simple("always_false", Type.BOOL, 0, a -> Sample.Bool.FALSE));
        out.add(new BuiltinFetch("var", Type.ANY, 0, Fetches::variable));
        out.add(constant("str", Type.STR, s -> Sample.str(s)));
        out.add(constant("int", Type.INT, s -> {
            try {
                return Sample.integer(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new ArgException(0, "expected a signed 64-bit integer, got '" + s + "'");
            }
        }));
        out.add(constant("bool", Type.BOOL, Fetches::parseBool));
        out.add(constant("ipv4", Type.IPV4, s -> {
            byte[] a = Ips.parseV4(s);
            if (a == null) {
                throw new ArgException(0, "expected an IPv4 address, got '" + s + "'");
            }
            return new Sample.Ipv4(a);
        }));
        out.add(constant("ipv6", Type.IPV6, s -> {
            byte[] a = Ips.parseV6(s);
            if (a == null) {
                throw new ArgException(0, "expected an IPv6 address, got '" + s + "'");
            }
            return new Sample.Ipv6(a);
        }));
        out.add(constant("bin", Type.BIN, s -> {
            try {
                return Sample.bin(HexFormat.of().parseHex(s));
            } catch (IllegalArgumentException e) {
                throw new ArgException(0, "expected an even number of hex digits, got '" + s + "'");
            }
        }));
        return out;
    }

    static Sample str(String s) {
        return s == null ? null : Sample.str(s);
    }

    static Sample address(InetAddress a) {
        if (a == null) {
            return null;
        }
        byte[] b = a.getAddress();
        return a instanceof Inet4Address ? new Sample.Ipv4(b) : new Sample.Ipv6(b);
    }

    static Sample port(int port) {
        return port < 0 ? null : Sample.integer(port);
    }

    private static Sample parseBool(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return Sample.Bool.TRUE;
        }
        if (v.equals("false")) {
            return Sample.Bool.FALSE;
        }
        try {
            return Sample.bool(Long.parseLong(v) != 0);
        } catch (NumberFormatException e) {
            throw new ArgException(0, "expected true, false or an integer, got '" + s + "'");
        }
    }

    private interface ConstantParser {
        Sample parse(String s);
    }

    private static SampleFetch constant(String name, Type type, ConstantParser parser) {
        return new BuiltinFetch(name, type, 0, args -> {
            Args.count(name, args, 1, 1);
            Sample value = parser.parse(args.get(0));
            return a -> value;
        });
    }

    /** {@code uuid([4])}: a new random (version 4) UUID per evaluation, lower case, as HAProxy 2.6 writes it. */
    private static SampleFetch.Function uuid(List<String> args) {
        Args.count("uuid", args, 0, 1);
        if (!args.isEmpty() && !args.get(0).isEmpty() && Args.integer(args, 0, "UUID version") != 4) {
            throw new ArgException(0, "unsupported UUID version '" + args.get(0) + "' (only 4 is supported)");
        }
        return a -> Sample.str(java.util.UUID.randomUUID().toString());
    }

    private static final List<String> SCOPES = List.of("proc", "sess", "txn", "req", "res");

    private static SampleFetch.Function variable(List<String> args) {
        Args.count("var", args, 1, 2);
        String name = args.get(0);
        int dot = name.indexOf('.');
        String scope = dot < 0 ? name : name.substring(0, dot);
        if (!SCOPES.contains(scope)) {
            throw new ArgException(0, "unknown variable scope '" + scope + "' (expected proc, sess, txn, req or res)");
        }
        if (dot < 0 || dot == name.length() - 1) {
            throw new ArgException(0, "expected a variable name after '" + scope + ".'");
        }
        for (int i = dot + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                throw new ArgException(0, "invalid character '" + c + "' in variable name '" + name + "'");
            }
        }
        Sample dflt = args.size() > 1 ? Sample.str(args.get(1)) : null;
        return a -> {
            Sample v = a.variable(name);
            return v != null ? v : dflt;
        };
    }
}

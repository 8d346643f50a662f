package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Converters and the sample casts in front of them, checked against doc/configuration.txt
 * 7.3.1 and src/sample.c (e.g. field() misses give a missing sample, word() misses an empty
 * string, bytes() past the end an empty string or binary (keeping the input's type), hex is upper-case, json escapes '/').
 */
class ConverterTest {
    private static final AclCompiler C = AclCompiler.standard();
    private static final RequestAttributes R = Requests.full().build();

    private static Object[] row(String expression, Sample expected) {
        return new Object[] {expression, expected};
    }

    private static Sample s(String v) {
        return Sample.str(v);
    }

    private static Sample i(long v) {
        return Sample.integer(v);
    }

    private static Sample b(String utf8) {
        return Sample.bin(utf8.getBytes(StandardCharsets.UTF_8));
    }

    private static Sample ip(String literal) throws Exception {
        byte[] a = InetAddress.getByName(literal).getAddress();
        return a.length == 4 ? new Sample.Ipv4(a) : new Sample.Ipv6(a);
    }

    static Stream<Object[]> rows() throws Exception {
        return Stream.of(
                row("str(MiXeD),lower", s("mixed")),
                row("str(MiXeD),upper", s("MIXED")),
                row("req.hdr(host),lower", s("app1.example.com")),
                row("str(Ä),lower", s("Ä")),
                row("int(42),upper", s("42")),
                row("str(hello),base64", s("aGVsbG8=")),
                row("bin(00),bytes(1),base64", s("")),
                row("str(aGVsbG8=),b64dec", b("hello")),
                row("str(!!),b64dec", null),
                row("str(AZ),hex", s("415A")),
                row("bin(00ff10),hex", s("00FF10")),
                row("int(1),hex", s("0000000000000001")),
                row("ipv4(10.0.0.1),hex", s("0A000001")),
                row("str(abcdef),bytes(2)", s("cdef")),
                row("str(abcdef),bytes(2,3)", s("cde")),
                row("str(abcdef),bytes(1,100)", s("bcdef")),
                row("str(abcdef),bytes(6)", s("")),
                row("str(abcdef),bytes(10,2)", s("")),
                // HAProxy 2.6 sends bytes() of a string as STRING (str-to-bin is a no-op cast): conformance-tests.
                row("bin(616263646566),bytes(1,3)", b("bcd")),
                row("int(1),bytes(7)", b("\u0001")),
                row("int(-3),bool", Sample.bool(true)),
                row("int(0),bool", Sample.bool(false)),
                row("str(12),bool", Sample.bool(true)),
                row("str(a:b:c),field(2,:)", s("b")),
                row("str(a:b:c),field(-1,:)", s("c")),
                row("str(a:b:c),field(1,:,2)", s("a:b")),
                row("str(a:b:c),field(2,:,0)", s("b:c")),
                row("str(a:b:c),field(-1,:,2)", s("b:c")),
                row("str(a:b:c),field(4,:)", null),
                row("str(a::c),field(2,:)", s("")),
                row("str(a:b;c),field(3,:;)", s("c")),
                row("str(/a//b/),word(1,/)", s("a")),
                row("str(/a//b/),word(2,/)", s("b")),
                row("str(/a//b/),word(-1,/)", s("b")),
                row("str(/a//b/),word(1,/,2)", s("a//b")),
                row("str(/a//b/),word(3,/)", s("")),
                row("str(///x),regsub('/+','/',g)", s("/x")),
                row("str(aaa),regsub(a,b)", s("baa")),
                row("str(aaa),regsub(a,b,g)", s("bbb")),
                row("str(AbA),regsub(a,x,gi)", s("xbx")),
                row("str(?;&q=1),regsub([?;&]*,'')", s("q=1")),
                row("str(2024-01-31),regsub('(\\d+)-(\\d+)-(\\d+)','\\3/\\2/\\1')", s("31/01/2024")),
                row("str(abc),regsub('x*','-',g)", s("-a-b-c-")),
                row("str(a.b.c),regsub('\\.','_',g)", s("a_b_c")),
                row("str('a/\"b\\'),json", s("a\\/\\\"b\\\\")),
                row("str(é),json", s("\\u00c3\\u00a9")),
                row("str(é),json(utf8)", s("\\u00e9")),
                row("str(tab\tnl\n),json", s("tab\\tnl\\n")),
                row("str(\u0001),json", s("\\u0001")),
                row("str(\uD83D\uDE00x),json(utf8)", null),
                row("str(\uD83D\uDE00x),json(utf8s)", s("x")),
                row("ipv4(192.168.17.9),ipmask(24)", ip("192.168.17.0")),
                row("ipv4(192.168.17.9),ipmask(255.255.0.0)", ip("192.168.0.0")),
                row("ipv6(2001:db8:1:2::5),ipmask(24,48)", ip("2001:db8:1::")),
                row("ipv6(2001:db8:1:2::5),ipmask(24)", null),
                row("str(10.1.2.3),ipmask(8)", ip("10.0.0.0")),
                row("src,ipmask(24)", ip("192.0.2.0")),
                row("src,ipmask(16)", ip("192.0.0.0")),
                row("str(abc),ipmask(8)", null),
                row("str(hello),length", i(5)),
                row("str(é),length", i(2)),
                row("int(12345),length", i(5)),
                row("str(a%20b+c),url_dec", s("a b c")),
                row("req.hdr(x-absent),lower", null),
                row("str(a:b),field(2,:),upper,length", i(1)));
    }

    @TestFactory
    Stream<DynamicTest> converters() throws Exception {
        return rows().map(row -> DynamicTest.dynamicTest((String) row[0],
                () -> assertEquals(row[1], C.sample((String) row[0]).evaluate(R))));
    }

    @TestFactory
    Stream<DynamicTest> outputTypes() {
        return Stream.of(
                new Object[] {"str(a),lower", Sample.Type.STR},
                new Object[] {"str(a),length", Sample.Type.INT},
                new Object[] {"str(a),bytes(0)", Sample.Type.BIN},
                new Object[] {"src,ipmask(8)", Sample.Type.ADDR},
                new Object[] {"var(txn.x)", Sample.Type.ANY},
                new Object[] {"src", Sample.Type.ADDR})
                .map(row -> DynamicTest.dynamicTest((String) row[0],
                        () -> assertEquals(row[1], C.sample((String) row[0]).type())));
    }
}

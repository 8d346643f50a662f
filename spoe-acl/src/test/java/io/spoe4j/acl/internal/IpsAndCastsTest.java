package io.spoe4j.acl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spoe4j.acl.Sample;
import io.spoe4j.acl.Sample.Type;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Address literals (no DNS), RFC 5952 output, and HAProxy's sample cast matrix. */
class IpsAndCastsTest {

    @TestFactory
    Stream<DynamicTest> ipv6Literals() {
        return Stream.of("::", "::1", "2001:db8::42", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1::8", "::ffff:192.0.2.1",
                "64:ff9b::192.0.2.33", "2001:DB8:0:0:1::1", "1:0:0:2::3", "::2:3:4:5:6:7:8")
                .map(s -> DynamicTest.dynamicTest(s, () -> {
                    byte[] expected = InetAddress.getByName(s).getAddress();
                    if (expected.length == 4) {
                        expected = Ips.v4ToV6(expected);
                    }
                    assertArrayEquals(expected, Ips.parseV6(s));
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidLiterals() {
        return Stream.of(":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::", ":1", "1:", "::1.2.3", "1.2.3.4.5",
                "256.1.1.1", "01.2.3.4x", "", "1..2.3", "1.2.3.")
                .map(s -> DynamicTest.dynamicTest("'" + s + "'", () -> {
                    assertNull(Ips.parseV6(s));
                    if (!s.contains(":")) {
                        assertNull(Ips.parseV4(s));
                    }
                }));
    }

    @Test
    void formatFollowsRfc5952() {
        assertEquals("2001:db8::42", Ips.formatV6(Ips.parseV6("2001:0db8:0000:0000:0000:0000:0000:0042")));
        assertEquals("::", Ips.formatV6(new byte[16]));
        assertEquals("::1", Ips.formatV6(Ips.parseV6("::1")));
        assertEquals("1:0:0:2::3", Ips.formatV6(Ips.parseV6("1:0:0:2:0:0:0:3")));
        assertEquals("2001:db8:0:1:1:1:1:1", Ips.formatV6(Ips.parseV6("2001:db8:0:1:1:1:1:1")));
        assertEquals("::ffff:192.0.2.1", Ips.formatV6(Ips.parseV6("::ffff:c000:201")));
        assertEquals("192.0.2.1", Ips.formatV4(Ips.parseV4("192.0.2.1")));
    }

    @Test
    void randomAddressesRoundTrip() throws Exception {
        Random rnd = new Random(5);
        for (int k = 0; k < 2_000; k++) {
            byte[] a = new byte[16];
            rnd.nextBytes(a);
            for (int z = rnd.nextInt(8); z > 0; z--) {
                int g = rnd.nextInt(8);
                a[2 * g] = 0;
                a[2 * g + 1] = 0;
            }
            String text = Ips.formatV6(a);
            assertArrayEquals(a, Ips.parseV6(text), text);
            byte[] viaJdk = InetAddress.getByName(text).getAddress();
            if (viaJdk.length == 16) {
                assertArrayEquals(a, viaJdk, text);
            }
        }
    }

    @Test
    void v6ToV4HandlesMappedAnd6to4Only() {
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, Ips.v6ToV4(Ips.parseV6("::ffff:192.0.2.1")));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, Ips.v6ToV4(Ips.parseV6("2002:c000:201::")));
        assertNull(Ips.v6ToV4(Ips.parseV6("2001:db8::1")));
        assertNull(Ips.v6ToV4(Ips.parseV6("::192.0.2.1")));
    }

    private static Object[] cast(Sample in, Type to, Sample out) {
        return new Object[] {in, to, out};
    }

    @TestFactory
    Stream<DynamicTest> castMatrix() {
        Sample v4 = new Sample.Ipv4(new byte[] {10, 0, 0, 1});
        Sample v6 = new Sample.Ipv6(Ips.parseV6("::ffff:10.0.0.1"));
        Sample v6plain = new Sample.Ipv6(Ips.parseV6("2001:db8::1"));
        return Stream.of(
                cast(Sample.bool(true), Type.INT, Sample.integer(1)),
                cast(Sample.bool(false), Type.STR, Sample.str("0")),
                cast(Sample.integer(0), Type.BOOL, Sample.bool(false)),
                cast(Sample.integer(-7), Type.BOOL, Sample.bool(true)),
                cast(Sample.integer(-7), Type.STR, Sample.str("-7")),
                cast(Sample.integer(167772161), Type.IPV4, v4),
                cast(Sample.integer(1), Type.BIN, Sample.bin(HexFormat.of().parseHex("0000000000000001"))),
                cast(Sample.str("42"), Type.INT, Sample.integer(42)),
                cast(Sample.str("+42x"), Type.INT, Sample.integer(42)),
                cast(Sample.str("-3"), Type.INT, Sample.integer(-3)),
                cast(Sample.str("x"), Type.INT, Sample.integer(0)),
                cast(Sample.str(""), Type.INT, null),
                cast(Sample.str("0"), Type.BOOL, Sample.bool(false)),
                cast(Sample.str("10.0.0.1"), Type.IPV4, v4),
                cast(Sample.str("10.0.0.1"), Type.ADDR, v4),
                cast(Sample.str("2001:db8::1"), Type.ADDR, v6plain),
                cast(Sample.str("nope"), Type.ADDR, null),
                cast(Sample.str("hé"), Type.BIN, Sample.bin(new byte[] {'h', (byte) 0xC3, (byte) 0xA9})),
                cast(v4, Type.INT, Sample.integer(167772161)),
                cast(v4, Type.STR, Sample.str("10.0.0.1")),
                cast(v4, Type.IPV6, v6),
                cast(v4, Type.BIN, Sample.bin(new byte[] {10, 0, 0, 1})),
                cast(v6, Type.IPV4, v4),
                cast(v6plain, Type.IPV4, null),
                cast(v6plain, Type.STR, Sample.str("2001:db8::1")),
                cast(v6plain, Type.INT, null),
                cast(Sample.bin(new byte[] {'o', 'k'}), Type.STR, Sample.str("ok")),
                cast(Sample.bin(new byte[] {1}), Type.INT, null),
                cast(Sample.str("s"), Type.ANY, Sample.str("s")))
                .map(row -> DynamicTest.dynamicTest(row[0] + " -> " + row[1],
                        () -> assertEquals(row[2], Casts.cast((Sample) row[0], (Type) row[1]))));
    }

    @Test
    void varintMatchesGoldenVectors() {
        assertEquals("ef", varint(239));
        assertEquals("f000", varint(240));
        assertEquals("fc03", varint(300));
        assertEquals("fcf006", varint(16380));
    }

    private static String varint(long v) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Http.varint(out, v);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @Test
    void ipRangesMergeOverlappingAndAdjacentNetworks() {
        IpRanges.Builder b = new IpRanges.Builder();
        b.addV4(Ips.parseV4("10.0.0.0"), 24);
        b.addV4(Ips.parseV4("10.0.1.0"), 24);
        b.addV4(Ips.parseV4("10.0.0.128"), 25);
        b.addV4(Ips.parseV4("0.0.0.0"), 32);
        b.addV4(Ips.parseV4("255.255.255.255"), 32);
        b.addV6(Ips.parseV6("::"), 0);
        IpRanges r = b.build();
        assertEquals(3 + 1, r.size());
        assertEquals(true, r.containsV4(Ips.parseV4("10.0.1.255")));
        assertEquals(false, r.containsV4(Ips.parseV4("10.0.2.0")));
        assertEquals(true, r.containsV4(Ips.parseV4("255.255.255.255")));
        assertEquals(true, r.containsV4(Ips.parseV4("0.0.0.0")));
        assertEquals(false, r.containsV4(Ips.parseV4("0.0.0.1")));
        assertEquals(true, r.containsV6(Ips.parseV6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        IpRanges.Builder v6 = new IpRanges.Builder();
        v6.addV6(Ips.parseV6("2001:db8::"), 64);
        v6.addV6(Ips.parseV6("2001:db8:0:1::"), 64);
        v6.addV6(Ips.parseV6("2001:db8:0:3::"), 64);
        IpRanges r6 = v6.build();
        assertEquals(2, r6.size());
        assertEquals(true, r6.containsV6(Ips.parseV6("2001:db8:0:1:ffff:ffff:ffff:ffff")));
        assertEquals(false, r6.containsV6(Ips.parseV6("2001:db8:0:2::")));
        assertEquals(true, r6.containsV6(Ips.parseV6("2001:db8:0:3::1")));
    }
}

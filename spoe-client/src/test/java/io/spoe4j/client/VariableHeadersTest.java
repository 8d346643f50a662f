package io.spoe4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.acl.Sample;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** IPv6 variables read as HAProxy writes them with %[var()] (inet_ntop), found by the conformance suite. */
class VariableHeadersTest {

    private static String ip(String literal) throws Exception {
        return ip(InetAddress.getByName(literal).getAddress());
    }

    private static String ip(byte[] a) {
        return VariableHeaders.value(a.length == 4 ? new Sample.Ipv4(a) : new Sample.Ipv6(a));
    }

    @Test
    void compressesLikeInetNtop() throws Exception {
        assertEquals("2001:db8::1", ip("2001:db8:0:0:0:0:0:1"));
        assertEquals("::1", ip("::1"));
        assertEquals("::", ip(new byte[16]));
        assertEquals("fe80::", ip("fe80:0:0:0:0:0:0:0"));
        assertEquals("2001:db8:0:1:1:1:1:1", ip("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:0:0:1::1", ip("2001:0:0:1:0:0:0:1"));
        assertEquals("10.1.2.3", ip("10.1.2.3"));
    }

    @Test
    void ipv4MappedTailIsDotted() {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        a[12] = 10;
        a[15] = 1;
        assertEquals("::ffff:10.0.0.1", ip(a));
    }

    @Test
    void namesAndOtherTypes() {
        assertEquals("x-spoe-txn-coraza-action", VariableHeaders.name(VariableHeaders.DEFAULT_PREFIX, "txn.Coraza.action"));
        assertEquals("-42", VariableHeaders.value(Sample.integer(-42)));
        assertEquals("0", VariableHeaders.value(Sample.bool(false)));
        assertEquals("deadbeef", VariableHeaders.value(Sample.bin(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef})));
        assertEquals("a b\tc", VariableHeaders.value(Sample.str("a\nb\tc")));
    }
}

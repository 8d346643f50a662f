package io.spoe4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** IPv6 variables read as HAProxy writes them with %[var()] (inet_ntop), found by the conformance suite. */
class VariableHeadersIpTest {

    private static String ip(String literal) throws Exception {
        return VariableHeaders.ip(InetAddress.getByName(literal).getAddress());
    }

    @Test
    void compressesLikeInetNtop() throws Exception {
        assertEquals("2001:db8::1", ip("2001:db8:0:0:0:0:0:1"));
        assertEquals("::1", ip("::1"));
        assertEquals("::", VariableHeaders.ip(new byte[16]));
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
        assertEquals("::ffff:10.0.0.1", VariableHeaders.ip(a));
    }
}

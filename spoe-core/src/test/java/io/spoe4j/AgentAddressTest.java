package io.spoe4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

class AgentAddressTest {
    @Test
    void parsesTcpIpv6AndUnix() {
        InetSocketAddress tcp = assertInstanceOf(InetSocketAddress.class, AgentAddress.parse("127.0.0.1:12345"));
        assertEquals("127.0.0.1", tcp.getHostString());
        assertEquals(12345, tcp.getPort());
        assertTrue(tcp.isUnresolved());
        InetSocketAddress v6 = assertInstanceOf(InetSocketAddress.class, AgentAddress.parse("[::1]:80"));
        assertEquals("::1", v6.getHostString());
        InetSocketAddress any = assertInstanceOf(InetSocketAddress.class, AgentAddress.parse(":9000"));
        assertEquals("0.0.0.0", any.getHostString());
        UnixDomainSocketAddress unix = assertInstanceOf(UnixDomainSocketAddress.class, AgentAddress.parse("unix:/run/a.sock"));
        assertEquals("/run/a.sock", unix.getPath().toString());
        assertEquals("unix:/run/a.sock", AgentAddress.format(unix));
        assertEquals("127.0.0.1:12345", AgentAddress.format(tcp));
        assertEquals("[::1]:80", AgentAddress.format(v6));
    }

    @Test
    void rejectsMalformedAddressesWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentAddress.parse("localhost"))
                .getMessage().contains("missing port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentAddress.parse("h:99999"))
                .getMessage().contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentAddress.parse("h:x"))
                .getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentAddress.parse("::1:80"))
                .getMessage().contains("[ADDRESS]:PORT"));
        assertThrows(IllegalArgumentException.class, () -> AgentAddress.parse("unix:"));
        assertThrows(IllegalArgumentException.class, () -> AgentAddress.parse(""));
    }
}

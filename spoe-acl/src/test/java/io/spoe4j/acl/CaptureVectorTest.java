package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The arguments HAProxy 2.6.12 sent for one request (shared/vectors/haproxy-2.6.12-capture.json),
 * recomputed from the same request: every value must be byte-identical.
 */
class CaptureVectorTest {
    private static final AclCompiler C = AclCompiler.standard();

    // GET /p?q=1 HTTP/1.1 with Host, User-Agent, X-Dup: a, x-dup: b (HAProxy's H1 mux removed
    // "Connection: close" before the headers reached the fetches; an adapter does the same).
    private static RequestAttributes request() throws Exception {
        return SimpleRequestAttributes.builder()
                .client(InetAddress.getByName("127.0.0.1"), 40000)
                .server(InetAddress.getByName("127.0.0.1"), 18300)
                .method("GET").uri("/p?q=1").httpVersion("1.1")
                .header("Host", "example.org").header("User-Agent", "vec/1")
                .header("X-Dup", "a").header("x-dup", "b")
                .build();
    }

    @Test
    void typedMessage() throws Exception {
        RequestAttributes r = request();
        assertNull(C.sample("req.hdr(x-absent)").evaluate(r));
        assertEquals(Sample.bool(true), C.sample("bool(1)").evaluate(r));
        assertEquals(Sample.bool(false), C.sample("bool(0)").evaluate(r));
        assertEquals(Sample.integer(7), C.sample("int(7)").evaluate(r));
        assertEquals(Sample.integer(-300), C.sample("int(-300)").evaluate(r));
        assertEquals(Sample.integer(4294967296L), C.sample("int(4294967296)").evaluate(r));
        assertEquals(new Sample.Ipv4(new byte[] {(byte) 198, 51, 100, 7}), C.sample("ipv4(198.51.100.7)").evaluate(r));
        assertEquals(new Sample.Ipv6(InetAddress.getByName("2001:db8::42").getAddress()),
                C.sample("ipv6(2001:db8::42)").evaluate(r));
        assertEquals(Sample.str("spoe"), C.sample("str(spoe)").evaluate(r));
        assertEquals(Sample.bin(HexFormat.of().parseHex("deadbeef")), C.sample("bin(deadbeef)").evaluate(r));
        assertEquals(Sample.integer(18300), C.sample("dst_port").evaluate(r));
    }

    @Test
    void headersMessage() throws Exception {
        RequestAttributes r = request();
        assertEquals(Sample.str("host: example.org\r\nuser-agent: vec/1\r\nx-dup: a\r\nx-dup: b\r\n\r\n"),
                C.sample("req.hdrs").evaluate(r));
        assertEquals(Sample.bin(HexFormat.of().parseHex(
                "04686f73740b6578616d706c652e6f72670a757365722d6167656e74057665632f3105782d647570016105782d64757001620000")),
                C.sample("req.hdrs_bin").evaluate(r));
    }

    @Test
    void positionalAndGroupMessages() throws Exception {
        RequestAttributes r = request();
        assertEquals(Sample.str("GET"), C.sample("method").evaluate(r));
        assertEquals(Sample.str("/p"), C.sample("path").evaluate(r));
        assertEquals(Sample.str("q=1"), C.sample("query").evaluate(r));
        assertEquals(Sample.str("/p?q=1"), C.sample("url").evaluate(r));
    }

    @Test
    void agentsDocumentExample() {
        // agents-and-users.md §1.2: host: example.com, user-agent: curl/8.0 -> 39 bytes
        RequestAttributes r = SimpleRequestAttributes.builder()
                .header("Host", "example.com").header("User-Agent", "curl/8.0").build();
        Sample.Bin bin = (Sample.Bin) C.sample("req.hdrs_bin").evaluate(r);
        assertEquals(39, bin.bytes().length);
        assertEquals("04686f73740b6578616d706c652e636f6d0a757365722d6167656e74086375726c2f382e300000",
                HexFormat.of().formatHex(bin.bytes()));
    }
}

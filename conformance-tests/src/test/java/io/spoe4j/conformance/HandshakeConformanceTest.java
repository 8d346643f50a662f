package io.spoe4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.SpoeEngine;
import io.spoe4j.testkit.RecordedDisconnect;
import io.spoe4j.testkit.RecordedHello;
import io.spoe4j.testkit.SpoaAgent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The handshake as each agent sees it: the HAPROXY-HELLO's keys, their order and value types (the
 * values of capabilities, engine-id and max-frame-size differ by design, see the differences
 * table), the health-check HELLO byte for byte, and the HAPROXY-DISCONNECT sent on shutdown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandshakeConformanceTest {
    private Harness h;

    @BeforeAll
    void start() {
        h = Harness.start(Setups.groups());
        // One request opens each side's agent connection (and its HELLO).
        h.exchange(NotifyConformanceTest.get("/hello"));
    }

    @AfterAll
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** A KV item of a frame: key, type id and the value's bytes as hex. */
    record Kv(String key, int type, String value) {
    }

    /** The KV list of a raw frame (4-byte length, type, 4 flag bytes, stream-id, frame-id, then KVs). */
    static List<Kv> kvs(byte[] raw) {
        int[] p = {9};
        varint(raw, p);
        varint(raw, p);
        List<Kv> out = new ArrayList<>();
        while (p[0] < raw.length) {
            int kl = (int) varint(raw, p);
            String key = new String(raw, p[0], kl, java.nio.charset.StandardCharsets.US_ASCII);
            p[0] += kl;
            int t = raw[p[0]++] & 0xff;
            int type = t & 0x0f;
            int start = p[0];
            switch (type) {
                case 0, 1 -> { }
                case 2, 3, 4, 5 -> varint(raw, p);
                case 6 -> p[0] += 4;
                case 7 -> p[0] += 16;
                case 8, 9 -> {
                    int n = (int) varint(raw, p);
                    p[0] += n;
                }
                default -> throw new AssertionError("unknown type " + t + " in " + HexFormat.of().formatHex(raw));
            }
            String v = type == 1 ? Integer.toString(t >> 4) : HexFormat.of().formatHex(raw, start, p[0]);
            out.add(new Kv(key, type, v));
        }
        return out;
    }

    static long varint(byte[] b, int[] p) {
        long v = b[p[0]++] & 0xff;
        if (v < 240) {
            return v;
        }
        int shift = 4;
        while (true) {
            int n = b[p[0]++] & 0xff;
            v += (long) n << shift;
            shift += 7;
            if (n < 128) {
                return v;
            }
        }
    }

    private static RecordedHello take(SpoaAgent agent, boolean healthcheck, String side, Harness h) {
        long deadline = System.nanoTime() + Harness.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            RecordedHello r = agent.takeHello(Harness.WAIT);
            if (r.healthcheck() == healthcheck) {
                return r;
            }
        }
        throw new AssertionError("no " + (healthcheck ? "health-check " : "") + "HELLO from " + side + " within "
                + Harness.WAIT + (side.equals("HAProxy") ? "; HAProxy output:\n" + h.haproxyOutput() : ""));
    }

    private static String describe(List<Kv> kvs) {
        StringBuilder b = new StringBuilder();
        kvs.forEach(k -> b.append(k.key()).append(" type ").append(k.type()).append('\n'));
        return b.toString();
    }

    @Test
    @Order(1)
    void helloKeysOrderAndTypesMatch() {
        RecordedHello ha = take(h.haproxyAgent, false, "HAProxy", h);
        RecordedHello sp = take(h.spoe4jAgent, false, "spoe4j", h);
        String hk = describe(kvs(ha.raw()));
        String sk = describe(kvs(sp.raw()));
        assertEquals(hk, sk, "HELLO keys/types.\n--- HAProxy 2.6 ---\n" + hk + "--- spoe4j ---\n" + sk);
        assertEquals(ha.hello().supportedVersions(), sp.hello().supportedVersions());
        assertEquals(ha.hello().maxFrameSize(), sp.hello().maxFrameSize(), "max-frame-size (default tune.bufsize)");
        // Documented differences: HAProxy 2.6 announces "pipelining,async"; spoe4j its configured set.
        assertEquals("pipelining,async", ha.hello().capabilities());
        assertTrue(sp.hello().capabilities().matches("(pipelining(,async)?|async)?"), sp.hello().capabilities());
        assertTrue(ha.hello().engineId() != null && sp.hello().engineId() != null);
        assertEquals(0, ha.raw()[5] | ha.raw()[6] | ha.raw()[7], "HELLO flags");
        assertArrayEquals(java.util.Arrays.copyOfRange(ha.raw(), 4, 11), java.util.Arrays.copyOfRange(sp.raw(), 4, 11),
                "HELLO type, flags (FIN), stream-id 0, frame-id 0");
    }

    /**
     * The intentional difference of the table, pinned so the table stays true: HAProxy 2.6 numbers
     * NOTIFYs by stream (one stream-id per transaction, frame-id 1, 2, ...); spoe4j as HAProxy 3.1+
     * (a new odd stream-id per NOTIFY, frame-id 1).
     */
    @Test
    @Order(2)
    void notifyNumberingIsTheDocumentedOne() {
        Harness.Pair p = h.exchange(NotifyConformanceTest.get("/numbering"));
        List<io.spoe4j.testkit.RecordedNotify> ha = p.haproxy().notifies();
        List<io.spoe4j.testkit.RecordedNotify> sp = p.spoe4j().notifies();
        assertEquals(2, ha.size(), "HAProxy: g1 on the request, g3 on the response");
        assertEquals(2, sp.size(), "spoe4j: g1 on the request, g3 on the response");
        assertEquals(ha.get(0).streamId(), ha.get(1).streamId(), "HAProxy 2.6: one stream-id per stream");
        assertEquals(List.of(1L, 2L), List.of(ha.get(0).frameId(), ha.get(1).frameId()), "HAProxy 2.6: frame-id per stream");
        for (io.spoe4j.testkit.RecordedNotify n : sp) {
            assertEquals(1, n.streamId() % 2, "spoe4j: odd stream-ids " + sp);
            assertEquals(1, n.frameId(), "spoe4j: frame-id 1 " + sp);
        }
        assertTrue(sp.get(1).streamId() > sp.get(0).streamId(), "spoe4j: a new stream-id per NOTIFY " + sp);
    }

    @Test
    @Order(3)
    void healthCheckHelloIsByteForByteTheSame() {
        RecordedHello ha = take(h.haproxyAgent, true, "HAProxy", h);
        RecordedHello sp = take(h.spoe4jAgent, true, "spoe4j", h);
        assertEquals(HexFormat.of().formatHex(ha.raw()), HexFormat.of().formatHex(sp.raw()),
                "health-check HELLO (option spop-check) bytes");
    }

    @Test
    @Order(4)
    void disconnectOnShutdown() throws Exception {
        h.haproxy.softStop();
        RecordedDisconnect hd = h.haproxyAgent.takeDisconnect(Harness.WAIT);
        for (SpoeEngine e : h.engines) {
            e.closeAsync().toCompletableFuture().get(Harness.WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        RecordedDisconnect sd = h.spoe4jAgent.takeDisconnect(Harness.WAIT);
        assertEquals(hd.statusCode() + " " + hd.message(), sd.statusCode() + " " + sd.message(),
                "HAPROXY-DISCONNECT status and message");
        assertEquals(describe(kvs(hd.raw())), describe(kvs(sd.raw())), "HAPROXY-DISCONNECT keys and types");
    }

    /**
     * tune.bufsize of the global section: both announce max-frame-size = bufsize - 4 on real
     * connections. (Health-check HELLOs differ: spoe4j sends the 3.1+ hard-coded 82-byte frame,
     * HAProxy 2.6 builds it from bufsize; they are skipped here.)
     */
    @Test
    void tuneBufsizeSetsTheAnnouncedMaxFrameSize() {
        try (Harness h = Harness.start(Setups.groups().global("tune.bufsize 32768"))) {
            h.exchange(NotifyConformanceTest.get("/"));
            long haproxy = firstRealHello(h.haproxyAgent).hello().maxFrameSize();
            long spoe4j = firstRealHello(h.spoe4jAgent).hello().maxFrameSize();
            assertEquals(32764, haproxy, "HAProxy 2.6 announces tune.bufsize - 4");
            assertEquals(haproxy, spoe4j, "max-frame-size under tune.bufsize 32768");
        }
    }

    private static io.spoe4j.testkit.RecordedHello firstRealHello(io.spoe4j.testkit.SpoaAgent agent) {
        for (int i = 0; i < 20; i++) {
            io.spoe4j.testkit.RecordedHello hello = agent.takeHello(Harness.WAIT);
            if (!hello.hello().healthcheck()) {
                return hello;
            }
        }
        throw new AssertionError("no HELLO of a real connection among the first 20");
    }
}

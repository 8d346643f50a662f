package io.spoe4j.client.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The strongest check of the engine: for the configuration and request of the HAProxy 2.6.12
 * capture, the engine must send byte-identical NOTIFY payloads (event, then group) and apply the
 * captured ACK as HAProxy did (x-score: 42, x-label: ok).
 */
class CaptureVectorEngineTest {
    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void eventAndGroupNotifyPayloadsAreByteIdenticalToHaproxy() throws Exception {
        String json = vectorJson();
        List<byte[]> raws = rawFrames(json);
        byte[] eventNotify = raws.get(1);
        byte[] groupNotify = raws.get(2);
        Frame.Ack ack = assertInstanceOf(Frame.Ack.class, decode(raws.get(3)));

        SpoaAgent agent = h.agent();
        agent.enqueue(Response.actions(ack.actions()));
        agent.enqueue(Response.actions(ack.actions()));
        EngineConfig config = EngineHarness.parse(jsonString(json, "spoe_conf"), "vec");
        SpoeEngine engine = h.engine(config, agent, FailurePolicy.FAIL_OPEN);
        assertEquals("vec", engine.name());

        SpoeSession session = h.track(engine.newSession(request()));
        SpoeTransaction txn = h.track(session.newTransaction(request()));

        SpoeResult first = EngineHarness.await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(SpoeResult.Status.PROCESSED, first.status(), first::toString);
        assertEquals(List.of("typed", "headers", "positional"), first.messages());
        RecordedNotify n1 = EngineHarness.take(agent);
        assertArrayEquals(payload(eventNotify), payload(n1.raw()), "event NOTIFY payload");
        // Same messages with HAProxy's ids (stream 0, frame 1) give the captured frame exactly.
        assertArrayEquals(eventNotify, encode(new Frame.Notify(0, 1, n1.messages())));

        SpoeResult second = EngineHarness.await(txn.sendGroup("grp"));
        assertEquals(SpoeResult.Status.PROCESSED, second.status(), second::toString);
        assertEquals(SpoeResult.Kind.GROUP, second.kind());
        RecordedNotify n2 = EngineHarness.take(agent);
        assertArrayEquals(payload(groupNotify), payload(n2.raw()), "group NOTIFY payload");
        assertArrayEquals(groupNotify, encode(new Frame.Notify(0, 2, n2.messages())));

        assertEquals(Sample.integer(42), txn.variables().get("sess.vec.score"));
        assertEquals(Sample.str("ok"), txn.variables().get("txn.vec.label"));
        assertEquals(Sample.integer(42), first.variable("sess.vec.score"));
        assertEquals(Sample.str("ok"), txn.attributes().variable("txn.vec.label"));
    }

    // GET /p?q=1 on port 18300, as in the capture (HAProxy's H1 mux drops "Connection: close").
    private static RequestAttributes request() throws IOException {
        return SimpleRequestAttributes.builder()
                .client(InetAddress.getByName("127.0.0.1"), 40000)
                .server(InetAddress.getByName("127.0.0.1"), 18300)
                .method("GET").uri("/p?q=1").httpVersion("1.1")
                .header("Host", "example.org").header("User-Agent", "vec/1")
                .header("X-Dup", "a").header("x-dup", "b")
                .build();
    }

    /** The bytes after the frame header: length (4), type (1), flags (4), stream-id and frame-id varints. */
    static byte[] payload(byte[] frame) {
        int i = 9;
        for (int varints = 0; varints < 2; varints++) {
            if ((frame[i] & 0xFF) < 0xF0) {
                i++;
            } else {
                i++;
                while ((frame[i] & 0x80) != 0) {
                    i++;
                }
                i++;
            }
        }
        return Arrays.copyOfRange(frame, i, frame.length);
    }

    private static byte[] encode(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FrameCodec.encode(frame, buf);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    private static Frame decode(byte[] raw) {
        ByteBuf buf = Unpooled.wrappedBuffer(raw);
        try {
            return FrameCodec.decode(buf, 16380);
        } finally {
            buf.release();
        }
    }

    static String vectorJson() throws IOException {
        try (InputStream in = CaptureVectorEngineTest.class.getResourceAsStream("/vectors/haproxy-2.6.12-capture.json")) {
            assertTrue(in != null, "test resource vectors/haproxy-2.6.12-capture.json is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<byte[]> rawFrames(String json) {
        List<byte[]> raws = new ArrayList<>();
        Matcher m = Pattern.compile("\"raw\":\\s*\"([0-9a-f]+)\"").matcher(json);
        while (m.find()) {
            raws.add(HexFormat.of().parseHex(m.group(1)));
        }
        assertEquals(4, raws.size(), "hello, two NOTIFYs and an ACK in the capture");
        return raws;
    }

    /** The top-level string {@code key} of the JSON document, unescaped. */
    static String jsonString(String json, String key) {
        int at = json.indexOf("\"" + key + "\"");
        int i = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
        StringBuilder sb = new StringBuilder();
        while (json.charAt(i) != '"') {
            char c = json.charAt(i++);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = json.charAt(i++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}

package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames captured from HAProxy 2.6.12 (shared/vectors/haproxy-2.6.12-capture.json): decoded to
 * what the capture says, and re-encoded byte for byte from values built the way the engine builds them.
 */
class CaptureVectorsTest {
    private static final List<String> RAW = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = CaptureVectorsTest.class.getResourceAsStream("/vectors/haproxy-2.6.12-capture.json")) {
            assertNotNull(in, "capture vector missing from test resources");
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"raw\": \"([0-9a-f]+)\"").matcher(json);
            while (m.find()) {
                RAW.add(m.group(1));
            }
        }
        assertEquals(4, RAW.size(), "expected hello, two notify and one ack frame");
    }

    private static Frame decode(String hex) {
        return FrameCodec.decode(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)), 16380);
    }

    private static String encode(Frame frame) {
        return Hex.hex(GoldenFramesTest.encodeToArray(frame));
    }

    @Test
    void hello() {
        HaproxyHello hello = (HaproxyHello) decode(RAW.get(0));
        assertEquals(new HaproxyHello("2.0", 16380, "pipelining,async", "3dffe23b-921b-4cca-94e8-4f93c99152fc", false), hello);
        assertEquals(RAW.get(0), encode(hello));
    }

    @Test
    void notifyOfEveryValueType() {
        Notify expected = new Notify(0, 1, List.of(
                Message.of("typed",
                        new Arg("null", TypedValue.NULL),
                        new Arg("t", TypedValue.TRUE),
                        new Arg("f", TypedValue.FALSE),
                        new Arg("small", TypedValue.int64(7)),
                        new Arg("neg", TypedValue.int64(-300)),
                        new Arg("big", TypedValue.int64(4294967296L)),
                        new Arg("ip4", TypedValue.ipv4(new byte[] {(byte) 198, 51, 100, 7})),
                        new Arg("ip6", TypedValue.ipv6(ByteBufUtil.decodeHexDump("20010db8000000000000000000000042"))),
                        new Arg("s", TypedValue.string("spoe")),
                        new Arg("b", TypedValue.binary(ByteBufUtil.decodeHexDump("deadbeef"))),
                        new Arg("port", TypedValue.int64(18300))),
                Message.of("headers",
                        new Arg("text", TypedValue.string("host: example.org\r\nuser-agent: vec/1\r\nx-dup: a\r\nx-dup: b\r\n\r\n")),
                        new Arg("bin", TypedValue.binary(ByteBufUtil.decodeHexDump(
                                "04686f73740b6578616d706c652e6f72670a757365722d6167656e74057665632f3105782d647570016105782d64757001620000")))),
                Message.of("positional",
                        Arg.unnamed(TypedValue.string("GET")),
                        Arg.unnamed(TypedValue.string("/p")),
                        Arg.unnamed(TypedValue.string("q=1")))));
        assertEquals(expected, decode(RAW.get(1)));
        assertEquals(RAW.get(1), encode(expected));
        assertEquals("2001:db8::42", expected.messages().get(0).arg("ip6").toDisplayString());
    }

    @Test
    void groupNotify() {
        Notify expected = new Notify(0, 2, List.of(Message.of("in-group", new Arg("u", TypedValue.string("/p?q=1")))));
        assertEquals(expected, decode(RAW.get(2)));
        assertEquals(RAW.get(2), encode(expected));
    }

    @Test
    void ackHaproxyAccepted() {
        Ack expected = new Ack(0, 1, List.of(
                Action.setVar(Scope.SESS, "score", TypedValue.uint32(42)),
                Action.setVar(Scope.TXN, "label", TypedValue.string("ok"))));
        assertEquals(expected, decode(RAW.get(3)));
        assertEquals(RAW.get(3), encode(expected));
    }
}

package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.Frame.HaproxyDisconnect;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every example frame of spop-protocol.md §10.2, byte-exact in both directions. */
class GoldenFramesTest {
    private static final byte[] IP_192_168_0_1 = {(byte) 192, (byte) 168, 0, 1};

    static void assertEncodes(Frame frame, String expectedSpec) {
        byte[] expected = Hex.bytes(expectedSpec);
        ByteBuf out = FrameCodec.encode(frame, ByteBufAllocator.DEFAULT);
        try {
            assertEquals(Hex.hex(expected), Hex.hex(out), "encoding of " + frame);
            assertEquals(expected.length, FrameCodec.encodedLength(frame));
        } finally {
            out.release();
        }
        assertEquals(frame, decode(expected), "decoding of " + expectedSpec);
    }

    static Frame decode(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        Frame frame = FrameCodec.decode(in, 65535);
        assertEquals(0, in.readableBytes(), "decoder must consume the whole frame");
        return frame;
    }

    @Test
    void haproxyHello31() {
        assertEncodes(new HaproxyHello("2.0", 16380, "pipelining", "c0ffee00-1234-4abc-8def-0123456789ab", false),
                "00 00 00 7b 01 00 00 00 01 00 00 12 \"supported-versions\" 08 03 \"2.0\" 0e \"max-frame-size\" 03 fc f0 06"
                        + " 0c \"capabilities\" 08 0a \"pipelining\" 09 \"engine-id\" 08 24"
                        + " \"c0ffee00-1234-4abc-8def-0123456789ab\"");
    }

    @Test
    void haproxyHello21To30DiffersOnlyByCapabilities() {
        HaproxyHello hello = new HaproxyHello("2.0", 16380, "pipelining,async", "c0ffee00-1234-4abc-8def-0123456789ab", false);
        ByteBuf out = FrameCodec.encode(hello, ByteBufAllocator.DEFAULT);
        try {
            assertEquals("00000081", ByteBufUtil.hexDump(out, 0, 4));
        } finally {
            out.release();
        }
    }

    @Test
    void healthCheckHelloIsTheExact82ByteFrame() {
        String spec = "00 00 00 4e 01 00 00 00 01 00 00 12 73 75 70 70 6f 72 74 65 64 2d 76 65 72 73 69 6f 6e 73 08 03 32 2e 30"
                + " 0e 6d 61 78 2d 66 72 61 6d 65 2d 73 69 7a 65 03 fc f0 06 0c 63 61 70 61 62 69 6c 69 74 69 65 73 08 00"
                + " 0b 68 65 61 6c 74 68 63 68 65 63 6b 11";
        assertEquals(82, Hex.bytes(spec).length);
        assertEncodes(HaproxyHello.healthCheck(), spec);
    }

    @Test
    void agentHelloWithoutCapabilities() {
        assertEncodes(new AgentHello("2.0", 16380, ""),
                "00 00 00 36 65 00 00 00 01 00 00 07 76 65 72 73 69 6f 6e 08 03 32 2e 30 0e 6d 61 78 2d 66 72 61 6d 65 2d 73"
                        + " 69 7a 65 03 fc f0 06 0c 63 61 70 61 62 69 6c 69 74 69 65 73 08 00");
    }

    @Test
    void agentHelloWithPipelining() {
        assertEncodes(new AgentHello("2.0", 16380, "pipelining"),
                "00 00 00 40 65 00 00 00 01 00 00 07 \"version\" 08 03 \"2.0\" 0e \"max-frame-size\" 03 fc f0 06"
                        + " 0c \"capabilities\" 08 0a \"pipelining\"");
    }

    @Test
    void notifyCheckClientIpUnnamed() {
        assertEncodes(new Notify(1, 1, List.of(Message.of("check-client-ip", Arg.unnamed(TypedValue.ipv4(IP_192_168_0_1))))),
                "00 00 00 1e 03 00 00 00 01 01 01 0f 63 68 65 63 6b 2d 63 6c 69 65 6e 74 2d 69 70 01 00 06 c0 a8 00 01");
    }

    @Test
    void notifyCapturedFromHaproxy19() {
        Frame f = decode(Hex.bytes("00 00 00 1e 03 00 00 00 01 14 01 0f \"check-client-ip\" 01 00 06 7f 00 00 01"));
        Notify n = (Notify) f;
        assertEquals(20, n.streamId());
        assertEquals(1, n.frameId());
        assertEquals("127.0.0.1", n.messages().get(0).args().get(0).value().toDisplayString());
    }

    @Test
    void notifyNamedArgWithLargeStreamId() {
        assertEncodes(new Notify(300, 2, List.of(Message.of("check-client-ip", new Arg("ip", TypedValue.ipv4(IP_192_168_0_1))))),
                "00 00 00 21 03 00 00 00 01 fc 03 02 0f \"check-client-ip\" 01 02 69 70 06 c0 a8 00 01");
    }

    @Test
    void notifyWithTwoMessages() {
        Notify notify = new Notify(1, 1, List.of(
                Message.of("msg1", new Arg("src", TypedValue.ipv4(new byte[] {10, 0, 0, 1})),
                        new Arg("port", TypedValue.int64(443)), new Arg("ok", TypedValue.TRUE)),
                Message.of("msg2", Arg.unnamed(TypedValue.string("GET")), Arg.unnamed(TypedValue.NULL))));
        assertEncodes(notify, "00 00 00 30 03 00 00 00 01 01 01 04 \"msg1\" 03 03 \"src\" 06 0a 00 00 01 04 \"port\" 04 fb 0c"
                + " 02 \"ok\" 11 04 \"msg2\" 02 00 08 03 \"GET\" 00 00");
    }

    @Test
    void ackSetVarIpScore() {
        assertEncodes(new Ack(1, 1, List.of(Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(42)))),
                "00 00 00 15 67 00 00 00 01 01 01 01 03 01 08 69 70 5f 73 63 6f 72 65 03 2a");
    }

    @Test
    void ackSetNegativeInt64ThenUnset() {
        assertEncodes(new Ack(1, 1, List.of(Action.setVar(Scope.TXN, "delta", TypedValue.int64(-1)),
                        Action.unsetVar(Scope.TXN, "old"))),
                "00 00 00 22 67 00 00 00 01 01 01 01 03 02 05 \"delta\" 04 ff f0 fe fe fe fe fe fe fe 0e 02 02 02 03 \"old\"");
    }

    @Test
    void emptyAck() {
        assertEncodes(new Ack(1, 1, List.of()), "00 00 00 07 67 00 00 00 01 01 01");
    }

    @Test
    void haproxyDisconnects() {
        assertEncodes(HaproxyDisconnect.of(SpopStatus.NORMAL),
                "00 00 00 25 02 00 00 00 01 00 00 0b 73 74 61 74 75 73 2d 63 6f 64 65 03 00 07 6d 65 73 73 61 67 65 08 06 6e"
                        + " 6f 72 6d 61 6c");
        assertEncodes(HaproxyDisconnect.of(SpopStatus.TIMEOUT),
                "00 00 00 31 02 00 00 00 01 00 00 0b \"status-code\" 03 02 07 \"message\" 08 12 \"a timeout occurred\"");
    }

    @Test
    void agentDisconnectUnsupportedVersion() {
        assertEncodes(AgentDisconnect.of(SpopStatus.UNSUPPORTED_VERSION),
                "00 00 00 32 66 00 00 00 01 00 00 0b \"status-code\" 03 08 07 \"message\" 08 13 \"unsupported version\"");
    }

    @Test
    void fragmentedNotifyAndAborts() {
        byte[] body = new byte[300];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        Notify whole = new Notify(7, 1, List.of(Message.of("big", new Arg("body", TypedValue.binary(body)))));
        ByteBuf payload = Unpooled.buffer();
        FrameCodec.writeMessages(whole.messages(), payload);
        byte[] p = ByteBufUtil.getBytes(payload);
        payload.release();
        assertEquals(313, p.length);
        Fragment f1 = new Fragment(FrameType.NOTIFY, 0, 7, 1, java.util.Arrays.copyOfRange(p, 0, 200));
        Fragment f2 = new Fragment(FrameType.UNSET, 0, 7, 1, java.util.Arrays.copyOfRange(p, 200, 250));
        Fragment f3 = new Fragment(FrameType.UNSET, Frame.FLAG_FIN, 7, 1, java.util.Arrays.copyOfRange(p, 250, 313));
        assertHeader(f1, "000000cf0300000000" + "0701");
        assertHeader(f2, "000000390000000000" + "0701");
        assertHeader(f3, "000000460000000001" + "0701");
        Fragments.Reassembler reassembler = new Fragments.Reassembler(65536);
        assertNull(reassembler.add((Fragment) decode(encodeToArray(f1))));
        assertTrue(reassembler.inProgress());
        assertNull(reassembler.add((Fragment) decode(encodeToArray(f2))));
        assertEquals(whole, reassembler.add((Fragment) decode(encodeToArray(f3))));
        assertFalse(reassembler.inProgress());

        assertEncodes(Fragments.abort(7, 1), "00 00 00 07 00 00 00 00 03 07 01");
        assertEncodes(new Ack(7, 1, List.of(), true), "00 00 00 07 67 00 00 00 03 07 01");
    }

    private static void assertHeader(Fragment f, String hexHeader) {
        byte[] bytes = encodeToArray(f);
        assertEquals(hexHeader, Hex.hex(java.util.Arrays.copyOf(bytes, 11)));
        assertArrayEquals(f.payload(), java.util.Arrays.copyOfRange(bytes, 11, bytes.length));
    }

    static byte[] encodeToArray(Frame frame) {
        ByteBuf out = FrameCodec.encode(frame, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}

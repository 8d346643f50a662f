package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.Frame.Unknown;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the decoder treats the awkward inputs HAProxy documents (§1-§5 of the protocol reference). */
class FrameDecodingRulesTest {

    private static Frame decode(String spec, int max) {
        return FrameCodec.decode(Unpooled.wrappedBuffer(Hex.bytes(spec)), max);
    }

    private static SpopStatus statusOf(String spec, int max) {
        return assertThrows(SpopCodecException.class, () -> decode(spec, max)).status();
    }

    @Test
    void waitsOnShortInputWithoutConsuming() {
        byte[] frame = Hex.bytes("00 00 00 07 67 00 00 00 01 01 01");
        for (int n = 0; n < frame.length; n++) {
            ByteBuf in = Unpooled.wrappedBuffer(frame, 0, n);
            assertNull(FrameCodec.decode(in, 16380), "prefix of " + n + " bytes");
            assertEquals(n, in.readableBytes());
        }
    }

    @Test
    void lengthAboveMaxFrameSizeIsRejectedBeforeTheBodyArrives() {
        assertEquals(SpopStatus.FRAME_TOO_BIG, statusOf("00 00 01 01", 256));
        assertEquals(SpopStatus.FRAME_TOO_BIG, statusOf("ff ff ff ff", 16380));
    }

    @Test
    void lengthBelowSevenIsInvalid() {
        assertEquals(SpopStatus.INVALID_FRAME, statusOf("00 00 00 00", 16380));
        assertEquals(SpopStatus.INVALID_FRAME, statusOf("00 00 00 06 67 00 00 00 01 01", 16380));
    }

    @Test
    void helloWithNonZeroIdsIsInvalid() {
        assertEquals(SpopStatus.INVALID_FRAME, statusOf("00 00 00 07 65 00 00 00 01 01 00", 16380));
    }

    @Test
    void frameWithoutFinIsAFragment() {
        Fragment f = assertInstanceOf(Fragment.class, decode("00 00 00 07 65 00 00 00 00 00 00", 16380));
        assertEquals(FrameType.AGENT_HELLO, f.frameType());
        assertTrue(!f.fin());
    }

    @Test
    void unknownFrameTypeIsReportedNotRejected() {
        Unknown u = assertInstanceOf(Unknown.class, decode("00 00 00 09 2a 00 00 00 01 05 01 aa bb", 16380));
        assertEquals(42, u.typeCode());
        assertEquals(5, u.streamId());
    }

    @Test
    void agentHelloKeysInAnyOrderAnyIntegerTypeUnknownKeysSkippedPrefixMatch() {
        AgentHello h = (AgentHello) GoldenFramesTest.decode(Hex.bytes(withLength(
                "65 00 00 00 01 00 00"
                        + " 05 \"extra\" 09 02 aa bb"
                        + " 0e \"max-frame-size\" 04 f0 0f"
                        + " 0a \"versionXYZ\" 08 03 \"2.0\""
                        + " 05 \"flags\" 11")));
        assertEquals(new AgentHello("2.0", 480, null), h);
    }

    @Test
    void agentHelloWithWrongValueTypeIsInvalid() {
        assertEquals(SpopStatus.INVALID_FRAME,
                statusOf(withLength("65 00 00 00 01 00 00 07 \"version\" 04 02"), 16380));
    }

    @Test
    void emptyKeyIsInvalid() {
        assertEquals(SpopStatus.INVALID_FRAME, statusOf("00 00 00 09 65 00 00 00 01 00 00 00 00", 16380));
    }

    @Test
    void agentDisconnectWithAgentDefinedCodeAndInt64Status() {
        AgentDisconnect d = (AgentDisconnect) decode(
                withLength("66 00 00 00 01 00 00 0b \"status-code\" 04 2a 07 \"message\" 08 01 \"x\""), 16380);
        assertEquals(new AgentDisconnect(42, "x"), d);
        assertEquals("agent-defined status 42", SpopStatus.reason(42));
        assertEquals(SpopStatus.UNKNOWN, SpopStatus.of(142));
    }

    @Test
    void ackParsingStopsAtTheFirstUnknownOrMalformedActionAndKeepsTheEarlierOnes() {
        String setScore = " 01 03 01 05 \"score\" 03 2a";
        // unknown action code 7
        assertEquals(1, ((Ack) decode(ack(setScore + " 07 03 01 01 \"x\" 00"), 16380)).actions().size());
        // wrong nb-args for set-var
        assertEquals(1, ((Ack) decode(ack(setScore + " 01 02 01 01 \"x\""), 16380)).actions().size());
        // unknown scope
        assertEquals(1, ((Ack) decode(ack(setScore + " 01 03 09 01 \"x\" 00"), 16380)).actions().size());
        // truncated value
        assertEquals(1, ((Ack) decode(ack(setScore + " 01 03 01 01 \"x\" 08 05 \"ab\""), 16380)).actions().size());
        // NOOP (code 0) also stops
        assertEquals(0, ((Ack) decode(ack(" 00 00" + setScore), 16380)).actions().size());
    }

    private static String ack(String payload) {
        return withLength("67 00 00 00 01 01 01 " + payload);
    }

    /** Prefixes a frame body with its 4-byte LENGTH. */
    private static String withLength(String body) {
        int length = Hex.bytes(body).length;
        return String.format("%08x", length).replaceAll("(..)", "$1 ") + body;
    }

    @Test
    void boolAndStringFlagBitsReadAsHaproxyDoes() {
        Ack ack = (Ack) decode(ack(" 01 03 02 01 \"a\" 31 01 03 02 01 \"b\" 18 02 \"hi\""), 16380);
        assertEquals(List.of(Action.setVar(Scope.TXN, "a", TypedValue.FALSE),
                Action.setVar(Scope.TXN, "b", TypedValue.binary("hi".getBytes()))), ack.actions());
    }

    @Test
    void integersOfEveryWidthReadAsSigned64Bit() {
        Ack ack = (Ack) decode(ack(" 01 03 02 01 \"a\" 02 ff f0 fe fe 7e 01 03 02 01 \"b\" 02 ff f0 fe fe fe fe fe fe fe 0e"), 16380);
        assertEquals(4294967295L, ack.actions().get(0) instanceof Action.SetVar s ? s.value().asLong() : 0);
        assertEquals(-1L, ack.actions().get(1) instanceof Action.SetVar s ? s.value().asLong() : 0);
    }

    @Test
    void notifyWithTruncatedArgIsInvalid() {
        // nb-args 2 but no arg follows
        assertEquals(SpopStatus.INVALID_FRAME, statusOf(withLength("03 00 00 00 01 01 01 03 \"abc\" 02"), 16380));
        // no nb-args byte
        assertEquals(SpopStatus.INVALID_FRAME, statusOf(withLength("03 00 00 00 01 01 01 03 \"abc\""), 16380));
        // name length past the end
        assertEquals(SpopStatus.INVALID_FRAME, statusOf(withLength("03 00 00 00 01 01 01 0a \"abc\""), 16380));
    }

    @Test
    void reservedTypeInNotifyIsInvalid() {
        assertEquals(SpopStatus.INVALID_FRAME, statusOf(withLength("03 00 00 00 01 01 01 01 \"m\" 01 00 0c"), 16380));
    }

    @Test
    void emptyNotifyDecodesToNoMessages() {
        assertEquals(new Notify(3, 1, List.of()), decode("00 00 00 07 03 00 00 00 01 03 01", 16380));
    }
}

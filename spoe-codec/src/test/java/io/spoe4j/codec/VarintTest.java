package io.spoe4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VarintTest {

    /** Every worked example of spop-protocol.md §2.1. */
    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "0, 00", "1, 01", "239, ef", "240, f000", "241, f100", "255, ff00", "256, f001", "300, fc03", "443, fb0c",
        "1000, f82f", "2287, ff7f", "2288, f08000", "2289, f18000", "16380, fcf006", "16384, f0f106",
        "65535, fff01e", "264431, ffff7f", "264432, f0808000", "33818863, ffffff7f", "33818864, f080808000",
        "4328786159, ffffffff7f", "4328786160, f08080808000", "2147483647, fff0fefe3e", "4294967295, fff0fefe7e",
        "9223372036854775807, fff0fefefefefefefe06", "18446744073709551615, fff0fefefefefefefe0e"
    })
    void goldenValues(String value, String hex) {
        long v = Long.parseUnsignedLong(value);
        assertEquals(hex, Hex.hex(Varint.toBytes(v)));
        assertEquals(hex.length() / 2, Varint.length(v));
        ByteBuf in = Unpooled.wrappedBuffer(Hex.bytes(hex));
        assertEquals(v, Varint.read(in));
        assertEquals(0, in.readableBytes());
    }

    /** Boundaries of every length class of the §2.1 table. */
    @ParameterizedTest(name = "{0} takes {1} bytes")
    @CsvSource({
        "239, 1", "240, 2", "2287, 2", "2288, 3", "264431, 3", "264432, 4", "33818863, 4", "33818864, 5",
        "4328786159, 5", "4328786160, 6", "554084600047, 6", "554084600048, 7", "70922828777711, 7",
        "70922828777712, 8", "9078122083518703, 8", "9078122083518704, 9", "1161999626690365679, 9",
        "1161999626690365680, 10", "18446744073709551615, 10"
    })
    void lengthClasses(String value, int length) {
        long v = Long.parseUnsignedLong(value);
        assertEquals(length, Varint.length(v));
        assertEquals(length, Varint.toBytes(v).length);
        assertEquals(v, Varint.read(Unpooled.wrappedBuffer(Varint.toBytes(v))));
    }

    @Test
    void negativeIntegersTakeTenBytes() {
        assertEquals("fff0fefefefefefefe0e", Hex.hex(Varint.toBytes(-1)));
        assertEquals("fef0fefefefefefefe0e", Hex.hex(Varint.toBytes(-2)));
        assertEquals("f8b2fefefefefefefe0e", Hex.hex(Varint.toBytes(-1000)));
    }

    @Test
    void randomRoundTrip() {
        SplittableRandom random = new SplittableRandom(42);
        ByteBuf buf = Unpooled.buffer(16);
        for (int i = 0; i < 200_000; i++) {
            long v = random.nextLong() >>> random.nextInt(64);
            buf.clear();
            Varint.write(buf, v);
            assertEquals(Varint.length(v), buf.readableBytes());
            assertEquals(v, Varint.read(buf));
        }
    }

    @Test
    void truncatedAndOverlongVarintsAreInvalidFrames() {
        SpopCodecException truncated = assertThrows(SpopCodecException.class,
                () -> Varint.read(Unpooled.wrappedBuffer(Hex.bytes("f0 80"))));
        assertEquals(SpopStatus.INVALID_FRAME, truncated.status());
        SpopCodecException empty = assertThrows(SpopCodecException.class, () -> Varint.read(Unpooled.EMPTY_BUFFER));
        assertEquals(SpopStatus.INVALID_FRAME, empty.status());
        SpopCodecException overlong = assertThrows(SpopCodecException.class,
                () -> Varint.read(Unpooled.wrappedBuffer(Hex.bytes("ff ff ff ff ff ff ff ff ff ff 00"))));
        assertEquals(SpopStatus.INVALID_FRAME, overlong.status());
    }
}

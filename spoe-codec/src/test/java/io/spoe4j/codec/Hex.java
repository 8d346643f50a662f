package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test helper: hex with spaces and "quoted ASCII" segments, as the protocol reference writes frames. */
final class Hex {
    private Hex() {
    }

    /** Parses "00 0f \"text\" ff" into bytes. */
    static byte[] bytes(String spec) {
        ByteBuf out = Unpooled.buffer();
        try {
            int i = 0;
            while (i < spec.length()) {
                char c = spec.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"') {
                    int end = spec.indexOf('"', i + 1);
                    out.writeBytes(spec.substring(i + 1, end).getBytes(StandardCharsets.US_ASCII));
                    i = end + 1;
                } else {
                    out.writeByte(Integer.parseInt(spec.substring(i, i + 2), 16));
                    i += 2;
                }
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String hex(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }
}

package io.spoe4j.client.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Netty decoder from the SPOP byte stream to {@link Frame}s. Accepts input split anywhere (one byte
 * at a time works). The max-frame-size starts at the value announced in the HELLO and is lowered
 * to the negotiated one with {@link #maxFrameSize(int)}; it is read on the channel's event loop.
 *
 * <p>A malformed frame is reported once through {@code exceptionCaught} as a {@code DecoderException}
 * whose cause is a {@link SpopCodecException}; every later byte is discarded, since the stream
 * can no longer be trusted. The connection then sends DISCONNECT with the exception's status.
 */
public final class SpopFrameDecoder extends ByteToMessageDecoder {
    private int maxFrameSize;
    private boolean failed;

    public SpopFrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** Changes the largest accepted LENGTH, for example after the handshake negotiated a smaller one. */
    public void maxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Frame frame = FrameCodec.decode(in, maxFrameSize);
            if (frame != null) {
                out.add(frame);
            }
        } catch (SpopCodecException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}

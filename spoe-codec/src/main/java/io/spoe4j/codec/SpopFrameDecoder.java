package io.spoe4j.codec;

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
    private int lastFrameBytes;
    private FrameCodec.AckHandler acks;

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

    /**
     * The size on the wire (4-byte length prefix included) of the frame this decoder produced last.
     * Netty passes each frame on before decoding the next one, so a handler after this decoder
     * reads the size of the frame it is handling.
     */
    public int lastFrameBytes() {
        return lastFrameBytes;
    }

    /**
     * Offers every final ACK to {@code acks} before an {@link Frame.Ack} is built (see
     * {@link FrameCodec#decode(ByteBuf, int, FrameCodec.AckHandler)}); {@code null} turns it off.
     * Set it from the channel's event loop, e.g. in {@code handlerAdded} of the handler behind.
     */
    public void ackHandler(FrameCodec.AckHandler acks) {
        this.acks = acks;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            int start = in.readerIndex();
            Frame frame = FrameCodec.decode(in, maxFrameSize, acks);
            if (frame != null) {
                lastFrameBytes = in.readerIndex() - start;
                out.add(frame);
            } else if (in.readerIndex() != start) {
                lastFrameBytes = in.readerIndex() - start;
            }
        } catch (SpopCodecException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}

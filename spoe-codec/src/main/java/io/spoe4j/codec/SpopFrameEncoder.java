package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Netty encoder from {@link Frame}s to bytes, into buffers of exactly the encoded size. Stateless
 * and sharable; checking frames against the negotiated max-frame-size is the sender's job.
 */
@Sharable
public final class SpopFrameEncoder extends MessageToByteEncoder<Frame> {
    public static final SpopFrameEncoder INSTANCE = new SpopFrameEncoder();

    private SpopFrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
        int size = FrameCodec.encodedLength(frame);
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        FrameCodec.encode(frame, out);
    }
}

package io.spoe4j.testkit.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopCodecException;
import java.util.List;

/**
 * Like the codec's SpopFrameDecoder, but keeps each frame's raw bytes for the recordings. After a
 * malformed frame every later byte is discarded: the connection is about to be closed.
 */
final class RawFrameDecoder extends ByteToMessageDecoder {
    private int maxFrameSize;
    private boolean failed;

    RawFrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    void maxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        try {
            Frame frame = FrameCodec.decode(in, maxFrameSize);
            if (frame != null) {
                out.add(new RawFrame(frame, ByteBufUtil.getBytes(in, start, in.readerIndex() - start)));
            }
        } catch (SpopCodecException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}

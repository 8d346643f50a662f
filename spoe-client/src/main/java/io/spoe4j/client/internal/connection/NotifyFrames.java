package io.spoe4j.client.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.spoe4j.codec.Fragments;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Varint;
import java.util.List;

/**
 * A request's NOTIFY on the wire: its exact length, and its writing as one frame or, above the
 * agent's max-frame-size, as fragments (the promise goes with the last one). Stateless; called on
 * the connection's event loop.
 */
final class NotifyFrames {
    private NotifyFrames() {
    }

    /** The frame length (without its 4-byte size) of an encoded request's NOTIFY on {@code sid}. */
    static int length(long sid, ByteBuf payload) {
        return 5 + Varint.length(sid) + 1 + payload.readableBytes();
    }

    static void write(ChannelHandlerContext ctx, Notify notify, int length, int max, ChannelPromise promise) {
        if (length <= max) {
            ctx.write(notify, promise);
        } else {
            writeParts(ctx, Fragments.split(notify, max), promise);
        }
    }

    /**
     * Writes an encoded request's NOTIFY on {@code sid}: its header goes in the payload's headroom,
     * or the payload is split into fragments and released.
     */
    static void write(ChannelHandlerContext ctx, ByteBuf payload, long sid, int length, int max,
            ChannelPromise promise) {
        List<Frame> parts = null;
        try {
            if (length <= max) {
                FrameCodec.writeNotifyHeader(payload, sid, 1);
            } else {
                parts = Fragments.split(sid, 1, payload, max);
                payload.release();
            }
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        if (parts == null) {
            ctx.write(payload, promise);
        } else {
            writeParts(ctx, parts, promise);
        }
    }

    private static void writeParts(ChannelHandlerContext ctx, List<Frame> parts, ChannelPromise promise) {
        for (int i = 0; i < parts.size() - 1; i++) {
            ctx.write(parts.get(i));
        }
        ctx.write(parts.get(parts.size() - 1), promise);
    }
}

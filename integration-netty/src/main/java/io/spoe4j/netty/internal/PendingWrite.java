package io.spoe4j.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One outbound write held by the {@link ResponseGate} while the response side runs: the message
 * and the promise it was written with. Owns one reference of {@code msg} until it is passed on
 * ({@code ctx.write}), discarded or failed, each of which happens once. Event loop only.
 */
record PendingWrite(Object msg, ChannelPromise promise) {

    /** The body bytes this write carries (an {@code HttpContent}'s or a plain buffer), or {@code null}. */
    ByteBuf content() {
        return content(msg);
    }

    static ByteBuf content(Object msg) {
        return msg instanceof HttpContent c ? c.content() : msg instanceof ByteBuf b ? b : null;
    }

    /** Drops the message as if written: a local answer replaces it. */
    void discard() {
        ReferenceCountUtil.release(msg);
        promise.setSuccess();
    }

    /** Drops the message and fails its promise: the channel went away while it was held. */
    void fail(Throwable cause) {
        ReferenceCountUtil.release(msg);
        promise.tryFailure(cause);
    }
}

package io.spoe4j.cli.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy 2.6's client-side timeouts on an HTTP/1 connection (checked against it):
 * <ul>
 * <li>a new connection that sends nothing gets the 408 page and is closed after {@code httpRequest}
 *     (its fallback {@code timeout client} included);</li>
 * <li>once the first byte of a request arrives, its head must be complete within {@code httpRequest}
 *     counted from that byte (one byte per second does not extend it), else 408 and close;</li>
 * <li>with {@code bufferBody} (a rule or message reads the body, as with {@code option
 *     http-buffer-request}) the body must arrive within the same time;</li>
 * <li>after the last answer, an idle connection is closed silently after {@code keepAlive};</li>
 * <li>a client that leaves the answer unread (the channel stays unwritable) is closed after
 *     {@code client}.</li>
 * </ul>
 * While a request is processed and answered, the upstream's {@code timeout server} applies instead
 * (a stalled upload ends in 504, as in HAProxy). Sits after the request validation; {@link #sniffer()}
 * goes before the HTTP codec to see bytes arrive. Event loop only; not sharable.
 */
final class ClientTimeouts extends ChannelDuplexHandler {
    private final GatewayLimits limits;
    private final boolean bufferBody;
    private ChannelHandlerContext ctx;
    /** The 408 or idle close; its mode is {@link #answer408}. */
    private LazyTimer timer;
    private boolean answer408;
    private ScheduledFuture<?> stall;
    private int open;
    private boolean inRequest;
    private boolean awaitingHead;
    private boolean bodyTimed;
    private boolean responding;
    private boolean closed;

    ClientTimeouts(GatewayLimits limits, boolean bufferBody) {
        this.limits = limits;
        this.bufferBody = bufferBody;
    }

    /** The handler to put before the HTTP codec: it reports the arrival of request bytes. */
    ChannelHandler sniffer() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) {
                if (msg instanceof ByteBuf b && b.isReadable()) {
                    bytesArrived();
                }
                c.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.timer = new LazyTimer(ctx.executor(), this::expired);
        if (ctx.channel().isActive()) {
            arm(limits.httpRequest(), true);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!timer.armed()) {
            arm(limits.httpRequest(), true);
        }
        super.channelActive(ctx);
    }

    void bytesArrived() {
        if (inRequest || awaitingHead || closed) {
            return;
        }
        awaitingHead = true;
        if (open == 0) {
            arm(limits.httpRequest(), true);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head) {
            awaitingHead = false;
            open++;
            inRequest = true;
            bodyTimed = bufferBody && (HttpUtil.getContentLength(head, 0L) > 0 || HttpUtil.isTransferEncodingChunked(head));
            if (!bodyTimed) {
                cancel();
            }
        }
        if (msg instanceof LastHttpContent) {
            inRequest = false;
            if (bodyTimed) {
                bodyTimed = false;
                cancel();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (msg instanceof HttpResponse && !informational) {
            responding = true;
        }
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && responding && !informational) {
            responding = false;
            if (open > 0) {
                open--;
            }
            if (open == 0 && !inRequest) {
                if (awaitingHead) {
                    arm(limits.httpRequest(), true);
                } else {
                    arm(limits.keepAlive(), false);
                }
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable() && limits.client() != null && stall == null) {
            stall = ctx.executor().schedule(() -> {
                stall = null;
                if (!ctx.channel().isWritable()) {
                    ctx.close();
                }
            }, limits.client().toNanos(), TimeUnit.NANOSECONDS);
        } else if (ctx.channel().isWritable() && stall != null) {
            stall.cancel(false);
            stall = null;
        }
        super.channelWritabilityChanged(ctx);
    }

    /** {@code answer408}: HAProxy's 408 then close (waiting for a head); else a silent close (idle keep-alive). */
    private void arm(Duration after, boolean answer408) {
        if (after == null || closed) {
            timer.disarm();
            return;
        }
        this.answer408 = answer408;
        timer.arm(after.toNanos());
    }

    private void expired() {
        if (closed || !ctx.channel().isActive()) {
            return;
        }
        closed = true;
        if (answer408 && bodyTimed && !responding && open == 1) {
            // the stream's own 408 page (lower-case names), as HAProxy's http-buffer-request wait writes it
            ctx.writeAndFlush(io.spoe4j.netty.internal.SpoeHttpHandler.toNetty(io.spoe4j.http.internal.Replies.error(408)))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (answer408 && open == 0) {
            ctx.writeAndFlush(MuxErrors.response(408)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private void cancel() {
        timer.disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        timer.cancel();
        if (stall != null) {
            stall.cancel(false);
            stall = null;
        }
        super.channelInactive(ctx);
    }
}

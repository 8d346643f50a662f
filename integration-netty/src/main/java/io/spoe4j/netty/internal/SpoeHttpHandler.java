package io.spoe4j.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.netty.SpoeHttpOptions;
import java.util.List;
import java.util.Map;

/**
 * Runs SPOE and the proxy's HTTP rules ({@link HttpRules}) for one HTTP/1.1 server channel, or one
 * HTTP/2 stream channel (behind {@code Http2StreamFrameToHttpObjectCodec}; the sessions are then the
 * parent connection's). Inbound, the {@link InboundGate} holds each request while the request side
 * runs, then passes it on (rewritten, with the variable headers), answers it locally or drops the
 * connection; outbound, the {@link ResponseGate} holds each response while the response side runs.
 * The {@link PipelineQueue} between them keeps pipelined requests and their answers in order.
 *
 * <p>One handler owning the gates as plain objects, not one handler per side: the two sides share
 * the pipeline order and the connection's fate (a local answer waits for earlier responses, a
 * response drop closes the inbound side), local answers are written from this handler's context so
 * they never pass the response gate, and {@code newHandler()} stays one handler to place in a
 * pipeline. This handler owns the sessions, the channel's lifecycle and the final cleanup.
 *
 * <p>Thread-safety: not sharable; every method and every gate runs on the channel's event loop.
 * The rule engine's decisions complete on any thread and are handed back to it; timers are
 * scheduled on it; nothing blocks.
 */
public final class SpoeHttpHandler extends ChannelDuplexHandler {
    final SpoeHttpOptions options;
    final HttpRules rules;
    /** Where the channel's transactions continue: at once on its loop (see {@link LoopExecutor}). */
    LoopExecutor steps;
    private ChannelHandlerContext ctx;
    private List<SpoeSession> sessions = List.of();
    private SharedSessions shared;
    private boolean ownsSessions;
    /** The unique id of the connection's events, which the first request (HAProxy's first stream) takes over. */
    private LogFormat.UniqueId firstUniqueId;
    private InboundGate inbound;
    private ResponseGate response;
    private PipelineQueue pipeline;
    /** The connection ends: nothing more is read, decided or held. */
    private boolean closed;

    public SpoeHttpHandler(SpoeHttpOptions options) {
        this.options = options;
        this.rules = options.httpRules();
    }

    /** A reply as Netty's response (status, reason, headers in order, body); used by the gateway's own answers. */
    public static FullHttpResponse toNetty(HttpReply reply) {
        return LocalAnswers.toNetty(reply);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        rejectAggregatorBefore(ctx);
        this.ctx = ctx;
        this.pipeline = new PipelineQueue(rules.hasResponseSteps());
        this.steps = new LoopExecutor(ctx.executor());
        this.inbound = new InboundGate(this, ctx, pipeline);
        this.response = new ResponseGate(this, ctx, pipeline, inbound);
        if (ctx.channel().isActive()) {
            openSessions();
        }
    }

    /**
     * The handler works on the streamed request (head first, then content, with auto-read off while
     * SPOE runs); with an aggregator before it, requests hang with no message. Fail at once instead:
     * the channel is closed and Netty reports the exception, so no request bypasses SPOE either.
     */
    private void rejectAggregatorBefore(ChannelHandlerContext ctx) {
        for (Map.Entry<String, ChannelHandler> e : ctx.pipeline()) {
            if (e.getValue() == this) {
                return;
            }
            if (e.getValue() instanceof HttpObjectAggregator) {
                ctx.channel().close();
                throw new IllegalStateException("the spoe4j handler must come before the HttpObjectAggregator '"
                        + e.getKey() + "' in the pipeline: it needs the request head before the body is read."
                        + " Add it right after the HTTP codec: pipeline.addLast(new HttpServerCodec(),"
                        + " spoe.newHandler(), new HttpObjectAggregator(...), app)");
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (shared == null) {
            openSessions();
        }
        super.channelActive(ctx);
    }

    private void openSessions() {
        Channel parent = NettyRequestAttributes.connectionOf(ctx.channel());
        if (parent != ctx.channel()) {
            shared = SharedSessions.of(parent, options.engines(), options.uniqueIdFormat());
        } else {
            NettyRequestAttributes connection = new NettyRequestAttributes(ctx.channel(), null);
            firstUniqueId = NettyRequestAttributes.newId(options.uniqueIdFormat());
            connection.uniqueId(firstUniqueId);
            shared = SharedSessions.open(options.engines(), connection);
            ownsSessions = true;
        }
        sessions = shared.sessions;
    }

    /** A new request of this connection: its attributes, unique id and rule-engine transaction. */
    RequestState newRequest(HttpRequest head) {
        NettyRequestAttributes attrs = new NettyRequestAttributes(ctx.channel(), head);
        attrs.uniqueId(firstUniqueId != null ? firstUniqueId : NettyRequestAttributes.newId(options.uniqueIdFormat()));
        firstUniqueId = null;
        HttpTransaction txn = rules.newTransaction(sessions, attrs, !shared.reported);
        shared.reported = true;
        attrs.variables(txn.variables());
        return new RequestState(head, attrs, txn);
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** Whether a decision about {@code req} arrives too late: the connection or the request ended. */
    boolean gone(RequestState req) {
        return closed || req.finished;
    }

    /** Ends {@code req} (transaction closed, what it holds released) and logs it; idempotent. */
    void finish(RequestState req) {
        if (!req.finished) {
            req.finish();
            if (options.accessLog() != null) {
                try {
                    AccessLog.log(req, options.accessLog());
                } catch (RuntimeException e) {
                    AccessLog.stepFailed(e);
                }
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject http) {
            inbound.read(http);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        inbound.requestRead();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        response.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        response.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        cleanup();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closed = true;
        cleanup();
    }

    /** Releases every buffer still held and ends every request still open; may run twice. */
    private void cleanup() {
        if (inbound == null) {
            return; // refused in handlerAdded: nothing was opened
        }
        response.close();
        inbound.close();
        RequestState r;
        while ((r = pipeline.poll()) != null) {
            finish(r);
        }
        if (ownsSessions) {
            shared.close();
        }
    }
}

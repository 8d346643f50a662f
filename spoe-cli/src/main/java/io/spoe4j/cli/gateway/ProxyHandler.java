package io.spoe4j.cli.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.spoe4j.netty.SpoeExchange;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's last handler: streams each request to the upstream and the answer back, over one
 * keep-alive upstream connection per client connection, one request at a time (pipelined requests
 * wait, so answers keep their order). Bodies are never aggregated: each piece is written on as it
 * comes, and reading stops on the other side while more than {@link #HIGH_WATER} bytes wait to be
 * written (the client's reads through its {@link ReadGate}, the upstream's by auto-read), so memory per
 * connection stays bounded whatever the body size. Without a fixed upstream, the backend
 * {@code use_backend}/{@code default_backend} chose gives the server ({@link Backends}, roundrobin).
 * As HAProxy: no server 503; a connection attempt bounded by {@code timeout connect}, retried
 * {@code retries} times (after a fast failure, such as a refusal, once {@code min(connect, 1s)} has
 * passed), then 503; an upstream silent for {@code timeout server} 504 (or a close once the answer
 * has started); an upstream that fails before answering 502. The answer keeps the upstream's headers
 * in their order and its framing (a chunked answer goes on chunked to HTTP/1.1 clients; a
 * close-delimited one becomes chunked, or close-delimited to HTTP/1.0 clients). All on the client
 * channel's event loop.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProxyHandler.class);
    /** Bytes waiting to be written to one side above which the other side is no longer read. */
    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = 32 * 1024;
    private static final long MAX_TURNAROUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** One request on its way: its head, where it goes, and how far each direction got. */
    private static final class Exchange {
        final HttpRequest head;
        final Upstream target;
        final String error;
        final boolean clientKeepAlive;
        final List<HttpObject> pending = new ArrayList<>();
        boolean requestComplete;
        boolean answered;
        boolean responseStarted;
        boolean informational;
        boolean closeAfter;

        Exchange(HttpRequest head, Upstream target, String error) {
            this.head = head;
            this.target = target;
            this.error = error;
            this.clientKeepAlive = HttpUtil.isKeepAlive(head);
        }
    }

    private final Upstream defaultUpstream;
    private final Backends backends;
    private final GatewayLimits limits;
    private final ReadGate gate;
    private final ArrayDeque<HttpObject> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Exchange current;
    private Channel upstreamChannel;
    private Upstream connectedTo;
    private boolean upstreamReady;
    private long toUpstream;
    private long toClient;
    private boolean upstreamBusy;
    private LazyTimer serverTimer;
    private boolean closed;

    /** {@code upstream}: where every request goes; {@code null} to route by backend. */
    ProxyHandler(Upstream upstream, Backends backends, GatewayLimits limits, ReadGate gate) {
        this.defaultUpstream = upstream;
        this.backends = backends;
        this.limits = limits;
        this.gate = gate;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.serverTimer = new LazyTimer(ctx.executor(), this::serverSilent);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject http) || closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof FullHttpRequest full) {
            HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            if (!HttpUtil.isContentLengthSet(head) && !full.content().isReadable()) {
                HttpUtil.setContentLength(head, 0);
            }
            channelRead(ctx, head);
            channelRead(ctx, new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
            return;
        }
        if (current == null && queued.isEmpty()) {
            if (http instanceof HttpRequest head) {
                start(head);
            } else {
                ReferenceCountUtil.release(msg); // content of a request already answered and closed
            }
            return;
        }
        if (current != null && !current.requestComplete && queued.isEmpty() && http instanceof HttpContent c) {
            requestContent(c);
            return;
        }
        queued.add(http); // a pipelined request waits for the answer before it
        updateGate();
    }

    private void start(HttpRequest head) {
        Upstream target = defaultUpstream;
        String error = null;
        String backend = null;
        if (target == null) {
            backend = SpoeExchange.current(ctx.channel()).flatMap(SpoeExchange::backend).orElse(null);
            target = backends.pick(backend);
            if (target == null) {
                error = backend == null ? "no backend" : "backend '" + backend + "' has no server";
            }
        }
        current = new Exchange(head, target, error);
        if (error != null) {
            LOG.debug("answering 503: {}", error);
            answerLocally(503);
            return;
        }
        current.pending.add(upstreamHead(head, target, backend));
        if (upstreamChannel != null && upstreamChannel.isActive() && target.equals(connectedTo)) {
            upstreamReady = true;
            sendPending();
        } else {
            closeUpstream();
            connect(current, 0);
        }
    }

    private HttpRequest upstreamHead(HttpRequest in, Upstream target, String backend) {
        String uri = in.uri();
        if (!uri.startsWith("/")) {
            URI u = URI.create(uri);
            uri = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        HttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, in.method(), target.basePath() + uri);
        HttpHeaders h = out.headers();
        h.set(in.headers());
        boolean chunked = HttpUtil.isTransferEncodingChunked(in);
        HopByHop.remove(h);
        if (chunked || !HttpUtil.isContentLengthSet(in) && mayHaveUnframedBody()) {
            h.remove(HttpHeaderNames.CONTENT_LENGTH);
            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!h.contains(HttpHeaderNames.HOST)) {
            h.set(HttpHeaderNames.HOST, target.authority());
        }
        InetSocketAddress client = clientAddress();
        if (client != null && defaultUpstream != null) {
            // the gateway's own proxying; routed by a haproxy.cfg, it adds what HAProxy adds (below)
            String prior = h.get("x-forwarded-for");
            String ip = client.getAddress().getHostAddress();
            h.set("x-forwarded-for", prior == null ? ip : prior + ", " + ip);
        } else if (defaultUpstream == null) {
            String[] xff = backends.forwardedFor(backend, client, h::contains);
            if (xff != null) {
                h.add(xff[0], xff[1]);
            }
        }
        return out;
    }

    /** An HTTP/2 stream's request may carry DATA without a content-length: it goes on chunked. */
    private boolean mayHaveUnframedBody() {
        return ctx.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel;
    }

    private InetSocketAddress clientAddress() {
        Channel c = mayHaveUnframedBody() ? ctx.channel().parent() : ctx.channel();
        return c.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }

    private void connect(Exchange ex, int attempt) {
        Upstream target = ex.target;
        long connectNanos = limits.connect().toNanos();
        long started = System.nanoTime();
        EventLoop loop = ctx.channel().eventLoop();
        ChannelFuture f = new Bootstrap().group(loop).channel(Channels.socket(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, limits.connect().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(4096, 16384, 8192), new UpstreamReader());
                    }
                }).connect(target.host(), target.port());
        upstreamChannel = f.channel();
        connectedTo = target;
        upstreamReady = false;
        f.addListener((ChannelFutureListener) done -> {
            if (current != ex || closed) {
                done.channel().close();
                return;
            }
            if (done.isSuccess()) {
                upstreamReady = true;
                sendPending();
                return;
            }
            upstreamChannel = null;
            if (attempt >= limits.retries()) {
                LOG.debug("answering 503: upstream {} unreachable after {} attempt(s): {}", target, attempt + 1,
                        done.cause().getMessage());
                answerLocally(503);
                return;
            }
            // HAProxy's turn-around: a fast failure waits min(timeout connect, 1s) before the next attempt
            long delay = done.cause() instanceof ConnectTimeoutException ? 0
                    : Math.max(0, Math.min(connectNanos, MAX_TURNAROUND_NANOS) - (System.nanoTime() - started));
            ctx.executor().schedule(() -> {
                if (current == ex && !closed) {
                    connect(ex, attempt + 1);
                }
            }, delay, TimeUnit.NANOSECONDS);
        });
    }

    private void requestContent(HttpContent content) {
        Exchange ex = current;
        if (content instanceof LastHttpContent) {
            ex.requestComplete = true;
        }
        if (ex.answered || ex.error != null) {
            content.release();
            if (ex.requestComplete && ex.answered) {
                finishExchange();
            }
            return;
        }
        ex.pending.add(content);
        toUpstream += content.content().readableBytes();
        if (upstreamReady) {
            sendPending();
        } else {
            updateGate();
        }
    }

    /** Writes what waited for the connection; {@link #toUpstream} counts its bytes until written. */
    private void sendPending() {
        Exchange ex = current;
        if (ex == null || upstreamChannel == null || !upstreamReady) {
            return;
        }
        boolean head = false;
        Channel ch = upstreamChannel;
        List<HttpObject> pending = ex.pending;
        int last = pending.size() - 1;
        long bytes = 0;
        for (int i = 0; i <= last; i++) {
            HttpObject o = pending.get(i);
            bytes += o instanceof HttpContent c ? c.content().readableBytes() : 0;
            head |= o instanceof HttpRequest;
            if (i < last) {
                // One listener for the batch, on its last write: writes complete in order, and a failed
                // one closes the channel, failing the rest (the void promise reports to exceptionCaught).
                ch.write(o, ch.voidPromise());
                continue;
            }
            long written = bytes;
            ch.write(o).addListener((ChannelFutureListener) f -> {
                toUpstream -= written;
                if (!f.isSuccess()) {
                    if (ch == upstreamChannel) {
                        upstreamFailed("write failed: " + f.cause().getMessage());
                    }
                    return;
                }
                touchServerTimer();
                updateGate();
            });
        }
        pending.clear();
        upstreamChannel.flush();
        if (head) {
            touchServerTimer();
        }
        updateGate();
    }

    /** Pauses client reads while the upstream has too much to write or a later request waits its turn. */
    private void updateGate() {
        if (toUpstream > HIGH_WATER) {
            upstreamBusy = true;
        } else if (toUpstream <= LOW_WATER) {
            upstreamBusy = false;
        }
        if (upstreamBusy || !queued.isEmpty()) {
            gate.pause();
        } else {
            gate.resume();
        }
    }

    private void touchServerTimer() {
        Exchange ex = current;
        if (ex == null || ex.answered) {
            serverTimer.disarm();
        } else {
            serverTimer.arm(limits.server().toNanos());
        }
    }

    /** {@code timeout server} passed without a byte either way on the current exchange. */
    private void serverSilent() {
        Exchange ex = current;
        if (ex != null && !ex.answered && !closed) {
            LOG.debug("upstream {} silent for {}", ex.target, limits.server());
            if (ex.responseStarted) {
                closeUpstream();
                closeClient();
            } else {
                closeUpstream();
                answerLocally(504);
            }
        }
    }

    private void cancelServerTimer() {
        serverTimer.disarm();
    }

    /** The upstream failed: 502 before its answer started, else the client connection closes. */
    private void upstreamFailed(String why) {
        Exchange ex = current;
        closeUpstream();
        if (ex == null || ex.answered || closed) {
            return;
        }
        if (ex.responseStarted) {
            closeClient();
            return;
        }
        LOG.debug("answering 502: upstream {}: {}", ex.target, why);
        answerLocally(502);
    }

    /** HAProxy's page for {@code status}; the connection closes when the request body had not all arrived. */
    private void answerLocally(int status) {
        Exchange ex = current;
        cancelServerTimer();
        ex.answered = true;
        releasePending(ex);
        FullHttpResponse r = Responses.error(ex.head, status);
        boolean keepAlive = ex.clientKeepAlive && ex.requestComplete;
        HttpUtil.setKeepAlive(r, keepAlive);
        ChannelFuture f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            closed = true;
            f.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        finishExchange();
    }

    private void upstreamResponse(HttpObject msg) {
        Exchange ex = current;
        if (ex == null || ex.answered) {
            ReferenceCountUtil.release(msg);
            return;
        }
        touchServerTimer();
        if (msg instanceof HttpResponse in) {
            if (in.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                ex.informational = true;
                if (in.status().code() != 101 && ex.head.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                    writeToClient(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, in.status()));
                }
                ReferenceCountUtil.release(msg);
                return;
            }
            ex.responseStarted = true;
            boolean upstreamKeepAlive = HttpUtil.isKeepAlive(in);
            HttpResponse out;
            if (in instanceof FullHttpResponse) {
                out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, in.status());
                out.headers().set(in.headers());
            } else {
                out = in; // the upstream's head goes on, framed for the client (no copy)
                out.setProtocolVersion(HttpVersion.HTTP_1_1);
            }
            boolean http11 = ex.head.protocolVersion().equals(HttpVersion.HTTP_1_1);
            HopByHop.frameResponse(out.headers(), http11);
            boolean delimited = HttpUtil.isContentLengthSet(out) || HttpUtil.isTransferEncodingChunked(out)
                    || in.status().code() == 204 || in.status().code() == 304 || ex.head.method().name().equals("HEAD");
            if (!delimited) {
                if (http11) {
                    HttpUtil.setTransferEncodingChunked(out, true); // a close-delimited upstream answer
                } else {
                    ex.closeAfter = true;
                }
            }
            // the request body is still coming: this connection cannot be reused after the answer
            ex.closeAfter |= !ex.clientKeepAlive || !ex.requestComplete;
            HttpUtil.setKeepAlive(out, !ex.closeAfter);
            if (!upstreamKeepAlive) {
                connectedTo = null; // the upstream closes after this answer
            }
            writeToClient(out);
            if (out != in) {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        HttpContent content = (HttpContent) msg;
        if (ex.informational) {
            content.release(); // the end of an informational answer
            if (content instanceof LastHttpContent) {
                ex.informational = false;
            }
            return;
        }
        if (content instanceof LastHttpContent) {
            cancelServerTimer();
            ex.answered = true;
            ChannelFuture f = writeToClient(content);
            if (connectedTo == null) {
                closeUpstream();
            }
            if (ex.closeAfter) {
                closed = true;
                f.addListener(ChannelFutureListener.CLOSE);
                closeUpstream();
                return;
            }
            if (ex.requestComplete) {
                finishExchange();
            }
            return;
        }
        writeToClient(content);
    }

    private ChannelFuture writeToClient(HttpObject msg) {
        int bytes = msg instanceof HttpContent c ? c.content().readableBytes() : 0;
        toClient += bytes;
        if (toClient > HIGH_WATER && upstreamChannel != null) {
            upstreamChannel.config().setAutoRead(false);
        }
        // flushed at the end of the upstream read (or the answer), so that what one read brought goes out
        // together, as HAProxy sends what its buffer holds: the SPOE handler's res.body sees it
        ChannelFuture f = msg instanceof LastHttpContent || msg instanceof FullHttpResponse ? ctx.writeAndFlush(msg)
                : ctx.write(msg);
        if (bytes == 0) {
            return f; // a head or an empty end: nothing counted, nothing to give back
        }
        f.addListener((ChannelFutureListener) done -> {
            toClient -= bytes;
            if (toClient <= LOW_WATER && upstreamChannel != null && !upstreamChannel.config().isAutoRead()) {
                upstreamChannel.config().setAutoRead(true);
            }
        });
        return f;
    }

    /** The current exchange is over in both directions: the next queued request starts. */
    private void finishExchange() {
        current = null;
        cancelServerTimer();
        while (current == null && !queued.isEmpty() && !closed) {
            HttpObject next = queued.poll();
            if (next instanceof HttpRequest head) {
                start(head);
            } else {
                ReferenceCountUtil.release(next); // the rest of a request answered early
            }
            while (current != null && !current.requestComplete && !queued.isEmpty()
                    && !(queued.peek() instanceof HttpRequest)) {
                requestContent((HttpContent) queued.poll());
            }
        }
        updateGate();
    }

    private void releasePending(Exchange ex) {
        for (HttpObject o : ex.pending) {
            if (o instanceof HttpContent c) {
                toUpstream -= c.content().readableBytes();
            }
            ReferenceCountUtil.release(o);
        }
        ex.pending.clear();
    }

    private void closeUpstream() {
        cancelServerTimer();
        if (upstreamChannel != null) {
            Channel c = upstreamChannel;
            upstreamChannel = null;
            upstreamReady = false;
            connectedTo = null;
            c.close();
        }
    }

    private void closeClient() {
        closed = true;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        serverTimer.cancel();
        if (current != null) {
            releasePending(current);
            current = null;
        }
        HttpObject o;
        while ((o = queued.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
        closeUpstream();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection failed", cause);
        ctx.close();
    }

    /** Reads the upstream's answers; runs on the same event loop as the client channel. */
    private final class UpstreamReader extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext uctx, Object msg) {
            if (uctx.channel() != upstreamChannel || !(msg instanceof HttpObject http)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (http.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                upstreamFailed("invalid answer: " + http.decoderResult().cause());
                return;
            }
            upstreamResponse(http);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext uctx) {
            if (!closed) {
                ctx.flush();
            }
            uctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext uctx) {
            if (uctx.channel() == upstreamChannel) {
                upstreamChannel = null;
                upstreamReady = false;
                upstreamFailed("closed the connection");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
            uctx.close();
            if (uctx.channel() == upstreamChannel) {
                upstreamFailed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                        + cause.getMessage()));
            }
        }
    }
}

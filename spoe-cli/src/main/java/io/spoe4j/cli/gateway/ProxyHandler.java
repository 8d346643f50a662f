package io.spoe4j.cli.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.spoe4j.netty.SpoeExchange;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's last handler: forwards each aggregated request to the upstream over one keep-alive
 * connection per client connection, one request at a time, so responses keep the requests' order.
 * Without a fixed upstream, the backend {@code use_backend}/{@code default_backend} chose gives the
 * server ({@link Backends}, roundrobin); no server answers 503, as HAProxy does. All on the client
 * channel's event loop. The answer keeps the upstream's headers in their order, its framing included:
 * a chunked answer goes on chunked (to HTTP/1.1 clients), as HAProxy forwards it.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProxyHandler.class);
    static final int MAX_CONTENT = 16 << 20;
    private static final int UPSTREAM_TIMEOUT_SECONDS = 60;
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE);

    private record Pending(FullHttpRequest request, Upstream upstream, String error) {
    }

    private final Upstream defaultUpstream;
    private final Backends backends;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Pending current;
    private Channel upstreamChannel;
    private Upstream connectedTo;
    /** The headers of the upstream answer being aggregated, as received (the aggregator re-frames its copy). */
    private HttpHeaders receivedHeaders;
    private boolean closed;

    /**
     * The aggregator in front of this handler: as Netty's, except that a request without a body that
     * came without {@code content-length} gets none, so that it goes upstream as it came.
     */
    static HttpObjectAggregator requestAggregator() {
        return new HttpObjectAggregator(MAX_CONTENT) {
            @Override
            protected void finishAggregation(io.netty.handler.codec.http.FullHttpMessage aggregated) throws Exception {
                if (aggregated.content().isReadable() || HttpUtil.isContentLengthSet(aggregated)) {
                    super.finishAggregation(aggregated);
                }
            }
        };
    }

    /** {@code upstream}: where every request goes; {@code null} to route by backend. */
    ProxyHandler(Upstream upstream, Backends backends) {
        this.defaultUpstream = upstream;
        this.backends = backends;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Upstream target = defaultUpstream;
        String error = null;
        if (target == null) {
            String backend = SpoeExchange.current(ctx.channel()).flatMap(SpoeExchange::backend).orElse(null);
            target = backends.pick(backend);
            if (target == null) {
                error = backend == null ? "no backend" : "backend '" + backend + "' has no server";
            }
        }
        queue.add(new Pending(req, target, error));
        if (current == null) {
            next();
        }
    }

    private void next() {
        if (closed || current != null) {
            return;
        }
        current = queue.poll();
        if (current == null) {
            return;
        }
        if (current.error != null) {
            respond(current, Responses.error(current.request, 503));
            return;
        }
        if (upstreamChannel != null && upstreamChannel.isActive() && current.upstream.equals(connectedTo)) {
            send();
            return;
        }
        if (upstreamChannel != null) {
            upstreamChannel.close();
        }
        Upstream target = current.upstream;
        ChannelFuture f = new Bootstrap().group(ctx.channel().eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(UPSTREAM_TIMEOUT_SECONDS, TimeUnit.SECONDS),
                                new HttpClientCodec(), new HeadRecorder(), new HttpObjectAggregator(MAX_CONTENT),
                                new UpstreamReader());
                    }
                }).connect(target.host(), target.port());
        upstreamChannel = f.channel();
        connectedTo = target;
        f.addListener((ChannelFutureListener) done -> {
            if (done.isSuccess()) {
                send();
            } else {
                fail("upstream " + target + " unreachable: " + done.cause().getMessage());
            }
        });
    }

    private void send() {
        if (current == null || closed) {
            return;
        }
        FullHttpRequest in = current.request;
        Upstream target = current.upstream;
        String uri = in.uri();
        if (!uri.startsWith("/")) {
            URI u = URI.create(uri);
            uri = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, in.method(), target.basePath() + uri,
                in.content().retain());
        HttpHeaders h = out.headers();
        h.set(in.headers());
        HOP_BY_HOP.forEach(h::remove);
        if (!h.contains(HttpHeaderNames.HOST)) {
            h.set(HttpHeaderNames.HOST, target.authority());
        }
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        if (client != null && defaultUpstream != null) {
            // the gateway's own proxying; routed by a haproxy.cfg, it adds what HAProxy adds (no
            // x-forwarded-for without 'option forwardfor', which spoe4j does not apply)
            String prior = h.get("x-forwarded-for");
            String ip = client.getAddress().getHostAddress();
            h.set("x-forwarded-for", prior == null ? ip : prior + ", " + ip);
        }
        if (!h.contains(HttpHeaderNames.CONTENT_LENGTH) && out.content().isReadable()) {
            // a request that came chunked goes on with its aggregated length; one that came with a
            // length keeps it where it was; one without a body gets none
            HttpUtil.setContentLength(out, out.content().readableBytes());
        }
        upstreamChannel.writeAndFlush(out).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail("upstream " + target + " write failed: " + f.cause().getMessage());
            }
        });
    }

    /** Answers the current request with 502 and goes on with the next one. */
    private void fail(String why) {
        if (current == null || closed) {
            return;
        }
        Pending p = current;
        if (upstreamChannel != null) {
            upstreamChannel.close();
            upstreamChannel = null;
        }
        LOG.debug("answering 502: {}", why);
        respond(p, Responses.error(p.request, 502));
    }

    private void respond(Pending p, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(p.request);
        p.request.release();
        current = null;
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture f = ctx.writeAndFlush(response);
        if (!keepAlive) {
            closed = true;
            f.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        next();
    }

    private void upstreamResponse(FullHttpResponse in) {
        if (current == null) {
            in.release();
            return;
        }
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, in.status(), in.content().retain());
        HttpHeaders received = receivedHeaders != null ? receivedHeaders : in.headers();
        receivedHeaders = null;
        frame(out, received, current.request.protocolVersion());
        boolean upstreamKeepAlive = HttpUtil.isKeepAlive(in);
        in.release();
        if (!upstreamKeepAlive && upstreamChannel != null) {
            upstreamChannel.close();
            upstreamChannel = null;
        }
        respond(current, out);
    }

    /**
     * Copies the upstream's headers into {@code out} in their order, without hop-by-hop headers but
     * with its framing: a chunked answer stays chunked (Netty's encoder writes the full body as
     * chunks), a content-length stays where it was; a close-delimited answer, and a chunked one to an
     * HTTP/1.0 client, get the aggregated body's length.
     */
    static void frame(FullHttpResponse out, HttpHeaders received, HttpVersion clientVersion) {
        HttpHeaders h = out.headers();
        boolean chunked = received.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
        boolean keepChunked = chunked && clientVersion.isKeepAliveDefault();
        for (var e : received) {
            String name = e.getKey();
            boolean hopByHop = HOP_BY_HOP.stream().anyMatch(n -> n.toString().equalsIgnoreCase(name));
            boolean framing = HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name);
            if (framing ? keepChunked : !hopByHop
                    && !(chunked && HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name))) {
                h.add(name, e.getValue());
            }
        }
        if (!keepChunked && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setContentLength(out, out.content().readableBytes());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (current != null) {
            current.request.release();
            current = null;
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.request.release();
        }
        if (upstreamChannel != null) {
            upstreamChannel.close();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Keeps a copy of each upstream answer's head before {@link HttpObjectAggregator} re-frames it. */
    private final class HeadRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext uctx, Object msg) {
            if (uctx.channel() == upstreamChannel && msg instanceof HttpResponse r) {
                receivedHeaders = r.headers().copy();
            }
            uctx.fireChannelRead(msg);
        }
    }

    /** Reads the upstream's responses; runs on the same event loop as the client channel. */
    private final class UpstreamReader extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext uctx, Object msg) {
            if (uctx.channel() != upstreamChannel || !(msg instanceof FullHttpResponse r)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            upstreamResponse(r);
        }

        @Override
        public void channelInactive(ChannelHandlerContext uctx) {
            if (uctx.channel() == upstreamChannel) {
                upstreamChannel = null;
                fail("upstream closed the connection");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext uctx, Throwable cause) {
            if (uctx.channel() == upstreamChannel) {
                upstreamChannel = null;
                uctx.close();
                fail(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            } else {
                uctx.close();
            }
        }
    }
}

package io.spoe4j.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.spoe4j.cli.gateway.Channels;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.netty.SpoeExchange;
import io.spoe4j.netty.SpoeHttpOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The spoe4j side of the HAProxy comparison: an HTTP/1.1 server that answers every request itself,
 * like HAProxy's {@code http-request return}, after the SPOE handler when one is given (no
 * upstream, no access log). {@code expose} names variables copied into {@code x-spoe-var-*}
 * response headers so a script can check that SPOE ran. All work on the channels' event loops;
 * thread-safe.
 */
public final class BenchGateway implements AutoCloseable {
    /** The body of every answer, the same bytes as the HAProxy configuration of {@code bench/compare.sh} returns. */
    public static final String BODY = "ok\n";
    /** Largest request body read (HAProxy's default tune.bufsize order of magnitude). */
    static final int MAX_CONTENT = 64 * 1024;

    private final Channel server;

    private BenchGateway(Channel server) {
        this.server = server;
    }

    /**
     * Binds {@code listen} and serves. {@code spoe} null means no SPOE processing (the baseline).
     * Blocks until bound: call it off the event loops.
     */
    public static BenchGateway start(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions spoe,
            int status, List<String> expose) {
        HttpResponseStatus st = HttpResponseStatus.valueOf(status);
        List<String> names = List.copyOf(expose);
        Channel ch = new ServerBootstrap().group(group).channel(Channels.server(group))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec());
                        if (spoe != null) {
                            c.pipeline().addLast(spoe.newHandler());
                        }
                        c.pipeline().addLast(new HttpObjectAggregator(MAX_CONTENT), new Responder(st, names));
                    }
                }).bind(listen).syncUninterruptibly().channel();
        return new BenchGateway(ch);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5_000);
    }

    /** Answers each aggregated request at once with the fixed status and body. */
    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static final ByteBuf CONTENT = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer(BODY.length()).writeBytes(BODY.getBytes(StandardCharsets.US_ASCII)))
                .asReadOnly();
        private final HttpResponseStatus status;
        private final List<String> expose;

        Responder(HttpResponseStatus status, List<String> expose) {
            this.status = status;
            this.expose = expose;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, CONTENT.duplicate());
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length());
            if (!expose.isEmpty()) {
                SpoeExchange exchange = SpoeExchange.current(ctx.channel()).orElse(null);
                if (exchange != null) {
                    SpoeVariables vars = exchange.variables();
                    for (String name : expose) {
                        Sample v = vars.get(name);
                        resp.headers().set("x-spoe-var-" + name.toLowerCase(Locale.ROOT).replace('.', '-'),
                                text(v));
                    }
                }
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(resp, keepAlive);
            var f = ctx.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static String text(Sample v) {
            if (v == null) {
                return "";
            }
            if (v instanceof Sample.Int i) {
                return Long.toString(i.value());
            }
            if (v instanceof Sample.Str str) {
                return str.value();
            }
            return v.toString();
        }
    }
}

package io.spoe4j.cli.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in upstream of {@code spoe4j gateway}'s default setup: answers every request with a
 * plain-text description of it, the SPOE variable headers first. Runs on the given event loops.
 */
public final class EchoBackend implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;
    private final Channel server;

    private EchoBackend(Channel server) {
        this.server = server;
    }

    /** Starts on {@code host}, port 0; blocks until bound (call it off the event loops). */
    public static EchoBackend start(EventLoopGroup group, String host, String variablePrefix) {
        Channel ch = new ServerBootstrap().group(group).channel(Channels.server(group))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                new Echo(variablePrefix));
                    }
                }).bind(host, 0).syncUninterruptibly().channel();
        return new EchoBackend(ch);
    }

    public Upstream upstream() {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        return new Upstream(a.getAddress().getHostAddress(), a.getPort(), "");
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5_000);
    }

    private static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String prefix;

        Echo(String prefix) {
            this.prefix = prefix;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            StringBuilder sb = new StringBuilder(512);
            sb.append("spoe4j echo backend received: ").append(req.method()).append(' ').append(req.uri()).append(' ')
                    .append(req.protocolVersion()).append('\n');
            sb.append("SPOE variables (").append(prefix).append("* headers):\n");
            int n = 0;
            for (Map.Entry<String, String> h : req.headers()) {
                if (h.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    sb.append("  ").append(h.getKey().toLowerCase(Locale.ROOT)).append(": ").append(h.getValue())
                            .append('\n');
                    n++;
                }
            }
            if (n == 0) {
                sb.append("  (none)\n");
            }
            sb.append("other headers:\n");
            for (Map.Entry<String, String> h : req.headers()) {
                if (!h.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    sb.append("  ").append(h.getKey()).append(": ").append(h.getValue()).append('\n');
                }
            }
            sb.append("body: ").append(req.content().readableBytes()).append(" bytes\n");
            if (req.content().isReadable()) {
                sb.append(req.content().toString(StandardCharsets.UTF_8)).append('\n');
            }
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    ByteBufUtil.writeUtf8(ctx.alloc(), sb));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(resp, resp.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(resp, keepAlive);
            var f = ctx.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}

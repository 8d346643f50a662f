package io.spoe4j.examples;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.SpoeHttpOptions;
import java.nio.charset.StandardCharsets;

/** The Netty adapter in a tiny HTTP server: SPOE and the haproxy.cfg rules run before the application handler. */
public final class NettyExample {

    private NettyExample() {
    }

    /** Starts the server on 127.0.0.1, port 0; close the returned channel to stop it. */
    public static Channel start(SpoeEngine engine, EventLoopGroup group) {
        // README:netty:start
        SpoeHttpOptions spoe = SpoeHttpOptions.builder()
                .rules(HttpRules.builder().engine(engine)
                        .rule("http-request deny deny_status 403 if { path_beg /admin }")
                        .build())
                .build();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {   // the SPOE handler right after the codec
                        ch.pipeline().addLast(new HttpServerCodec(), spoe.newHandler(), new ScoreApp());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        // README:netty:end
        return server;
    }

    /** The application: answers with the score the agent set, which it reads from the variable header. */
    static final class ScoreApp extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                String body = "score: " + request.headers().get("x-spoe-sess-iprep-ip_score") + "\n";
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                HttpUtil.setContentLength(response, response.content().readableBytes());
                boolean keepAlive = HttpUtil.isKeepAlive(request);
                HttpUtil.setKeepAlive(response, keepAlive);
                if (keepAlive) {
                    ctx.writeAndFlush(response);
                } else {
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }
}

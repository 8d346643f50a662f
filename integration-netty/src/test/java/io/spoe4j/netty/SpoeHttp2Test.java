package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.RecordedNotify;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP/2 (cleartext, prior knowledge) through Netty's multiplexed stream channels. */
class SpoeHttp2Test {
    private final GatewayHarness h = new GatewayHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void concurrentStreamsShareOneSessionAndEachGetTheirVariables() throws Exception {
        h.agent();
        SpoeHttpOptions options = SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN)).build();
        Channel server = new ServerBootstrap().group(h.group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                                    @Override
                                    protected void initChannel(Channel stream) {
                                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                                options.newHandler(), new HttpObjectAggregator(1 << 20),
                                                new GatewayHarness.EchoApp());
                                    }
                                }));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        h.track(() -> server.close().await(GatewayHarness.WAIT.toMillis()));

        Channel connection = new Bootstrap().group(h.group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                    }
                                }));
                    }
                }).connect(server.localAddress()).sync().channel();
        h.track(() -> connection.close().await(GatewayHarness.WAIT.toMillis()));

        int n = 8;
        List<CompletableFuture<String>> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<String> body = new CompletableFuture<>();
            bodies.add(body);
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false),
                                    new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                            body.complete(r.status().code() + "\n"
                                                    + r.content().toString(StandardCharsets.UTF_8));
                                        }
                                    });
                        }
                    }).open().sync().getNow();
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/h2/" + i);
            req.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
            stream.writeAndFlush(req);
        }
        long score = ExampleAgent.ipScore(((InetSocketAddress) connection.localAddress()).getAddress().getAddress());
        for (int i = 0; i < n; i++) {
            String body = bodies.get(i).get(GatewayHarness.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("200", body.substring(0, body.indexOf('\n')), body);
            Map<String, String> echo = GatewayHarness.lines(body);
            assertEquals("/h2/" + i, echo.get("x-spoe-txn-ex-path"), body);
            assertEquals(Long.toString(score), echo.get("x-spoe-sess-ex-ip_score"), body);
        }
        int sessions = 0;
        for (int i = 0; i < n + 1; i++) {
            RecordedNotify notify = h.agent.takeNotify(GatewayHarness.WAIT);
            if (notify.messages().get(0).name().equals(ExampleAgent.CHECK_CLIENT_IP)) {
                sessions++;
            }
        }
        assertEquals(1, sessions, "on-client-session once per HTTP/2 connection");
        assertNull(h.agent.pollNotify());
    }
}

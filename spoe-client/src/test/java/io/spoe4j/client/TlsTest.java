package io.spoe4j.client;

import static io.spoe4j.client.Await.msg;
import static io.spoe4j.client.Await.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS towards the agent: a TLS-terminating relay in front of the testkit agent. */
class TlsTest {

    @Test
    void sendsOverTls() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
        SslContext server = SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build();
        SslContext client = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (SpoaAgent agent = SpoaAgent.builder().build().start()) {
            agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "tls", TypedValue.TRUE)));
            Channel relay = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel front) {
                            front.pipeline().addLast(server.newHandler(front.alloc()), new Relay(agent.port()));
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) relay.localAddress()).getPort();
            try (SpoeClient c = SpoeClient.builder().server("127.0.0.1:" + port).sslContext(client).build()) {
                AgentReply reply = reply(c.send(msg("m", 1), Duration.ofSeconds(10)));
                assertEquals(List.of(Action.setVar(Scope.TXN, "tls", TypedValue.TRUE)), reply.actions());
            } finally {
                relay.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
            cert.delete();
        }
    }

    /** Relays decrypted bytes to the agent and back. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final int agentPort;
        private Channel back;

        Relay(int agentPort) {
            this.agentPort = agentPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel front = ctx.channel();
            back = new Bootstrap().group(front.eventLoop()).channel(NioSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext c, Object msg) {
                            front.writeAndFlush(msg);
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext c) {
                            front.close();
                        }
                    }).connect(new InetSocketAddress("127.0.0.1", agentPort))
                    .addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            front.config().setAutoRead(true);
                        } else {
                            front.close();
                        }
                    }).channel();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            back.writeAndFlush((ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            back.close();
        }
    }
}

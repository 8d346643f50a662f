package io.spoe4j.client.internal.connection;

import io.spoe4j.options.AgentOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.client.AgentHandshake;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.SpoeProtocolException;
import io.spoe4j.client.SpoeTimeoutException;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopCodecException;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopFrameEncoder;
import io.spoe4j.codec.SpopStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy's {@code option spop-check}: a short connection that sends the exact 82-byte
 * health-check HELLO, reads one frame and closes. Succeeds with the agent's handshake when it
 * answers a valid AGENT-HELLO that has a {@code capabilities} key (3.1+ rule, status 7 otherwise);
 * fails with a {@link SpoeClientException} naming the status otherwise. Thread-safe.
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    /**
     * @param bootstrap a bootstrap from {@link Transport#bootstrap}, remote address set
     * @param agent the server probed: its name prefixes errors, its address is named in them
     */
    public static CompletableFuture<AgentHandshake> run(Bootstrap bootstrap, SslContext ssl, AgentServer agent,
            long timeoutNanos) {
        String server = agent.name();
        CompletableFuture<AgentHandshake> result = new CompletableFuture<>();
        Handler handler = new Handler(server, result);
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast(new SpopFrameDecoder(AgentOptions.DEFAULT_MAX_FRAME_SIZE),
                        SpopFrameEncoder.INSTANCE, handler);
            }
        }).connect();
        Channel ch = connect.channel();
        ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> {
            if (result.completeExceptionally(new SpoeTimeoutException("no answer to the health check within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", server, SpoeTimeoutException.Phase.HELLO))) {
                ch.close();
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new SpoeConnectionException(IoErrors.connectFailed(agent.address(), f.cause()), server,
                        SpopStatus.IO_ERROR.code(), false, f.cause()));
            }
        });
        result.whenComplete((r, e) -> {
            timer.cancel(false);
            ch.close();
        });
        return result;
    }

    private static final class Handler extends SimpleChannelInboundHandler<Frame> {
        private final String server;
        private final CompletableFuture<AgentHandshake> result;

        Handler(String server, CompletableFuture<AgentHandshake> result) {
            this.server = server;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Frame.HaproxyHello.healthCheck());
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (frame instanceof Frame.AgentHello hello) {
                if (hello.capabilities() == null) {
                    fail(SpopStatus.NO_CAPABILITIES, "AGENT-HELLO has no capabilities");
                    return;
                }
                try {
                    result.complete(HandshakeValidator.validate(hello, AgentOptions.DEFAULT_MAX_FRAME_SIZE, true, true,
                            true));
                } catch (SpopCodecException e) {
                    fail(e.status(), e.getMessage());
                }
            } else if (frame instanceof Frame.AgentDisconnect d) {
                long status = d.statusCode() < 0 ? SpopStatus.UNKNOWN.code() : d.statusCode();
                result.completeExceptionally(new SpoeConnectionException("agent answered AGENT-DISCONNECT"
                        + (d.message() != null ? ": " + d.message() : ""), server, status, true, null));
            } else {
                fail(SpopStatus.INVALID_FRAME, "expected AGENT-HELLO, got " + HandshakeValidator.describe(frame));
            }
        }

        private void fail(SpopStatus status, String message) {
            result.completeExceptionally(new SpoeProtocolException(message, server, status.code(), null));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (c instanceof SpopCodecException e) {
                fail(e.status(), e.getMessage());
            } else {
                result.completeExceptionally(new SpoeConnectionException("I/O error: " + IoErrors.reason(c), server,
                        SpopStatus.IO_ERROR.code(), false, c));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new SpoeConnectionException("connection closed before AGENT-HELLO", server,
                    SpopStatus.IO_ERROR.code(), false, null));
            ctx.fireChannelInactive();
        }
    }
}

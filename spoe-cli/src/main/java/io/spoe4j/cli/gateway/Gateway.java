package io.spoe4j.cli.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.spoe4j.netty.SpoeHttpOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reverse proxy behind {@code spoe4j gateway}: HTTP/1.1 server, the SPOE handler, then a proxy
 * to the upstream. {@link #shutdown} stops accepting, lets in-flight requests finish (answers then
 * carry {@code Connection: close}) and closes the connections. Thread-safe.
 */
public final class Gateway {
    private final Channel server;
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    private Gateway(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions options, Upstream upstream,
            Backends backends) {
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new InFlight(), options.newHandler(),
                                ProxyHandler.requestAggregator(), new ProxyHandler(upstream, backends));
                    }
                }).bind(listen).syncUninterruptibly().channel();
    }

    /** Binds {@code listen} (port 0 for any) and serves; blocks until bound, so call it off the event loops. */
    public static Gateway start(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions options,
            Upstream upstream) {
        return new Gateway(group, listen, options, Objects.requireNonNull(upstream, "upstream"), Backends.NONE);
    }

    /**
     * As {@link #start(EventLoopGroup, InetSocketAddress, SpoeHttpOptions, Upstream)}, routing each
     * request to a server of the backend the rules chose ({@code use_backend}/{@code default_backend}).
     */
    public static Gateway start(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions options,
            Backends backends) {
        return new Gateway(group, listen, options, null, Objects.requireNonNull(backends, "backends"));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Requests received and not yet fully answered. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops accepting, waits up to {@code grace} for in-flight requests, then closes every client
     * connection. Returns whether every request finished in time. Blocks: call it off the event loops.
     */
    public boolean shutdown(Duration grace) {
        server.close().awaitUninterruptibly(grace.toMillis());
        draining = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        boolean clean = true;
        try {
            drained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            clean = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        children.close().awaitUninterruptibly(grace.toMillis());
        return clean;
    }

    /** Counts requests from head to last response byte; while draining, marks answers Connection: close. */
    private final class InFlight extends ChannelDuplexHandler {
        private int open;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                open++;
                inFlight.incrementAndGet();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (draining && msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            boolean last = msg instanceof LastHttpContent && open > 0;
            if (last && draining) {
                promise = promise.unvoid();
                promise.addListener(ChannelFutureListener.CLOSE);
            }
            ctx.write(msg, promise);
            if (last) {
                open--;
                done();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            while (open > 0) {
                open--;
                done();
            }
            super.channelInactive(ctx);
        }

        private void done() {
            if (inFlight.decrementAndGet() == 0 && draining) {
                drained.complete(null);
            }
        }
    }
}

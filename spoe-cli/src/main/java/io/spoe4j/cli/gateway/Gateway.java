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
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
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
 * The reverse proxy behind {@code spoe4j gateway}: an HTTP/1.1 server (or HTTP/2 over TLS, chosen
 * by ALPN) validating requests as HAProxy does ({@link RequestGuard}), with HAProxy's client timeouts
 * ({@link ClientTimeouts}) and {@code maxconn}, the SPOE handler, then a streaming proxy to the
 * upstream ({@link ProxyHandler}). {@link #shutdown} stops accepting, lets in-flight requests finish (answers then
 * carry {@code Connection: close}) and closes the connections. Thread-safe.
 */
public final class Gateway {
    private final Channel server;
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    private final int maxconn;
    private final AtomicInteger connections = new AtomicInteger();

    private Gateway(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions options, Upstream upstream,
            Backends backends, GatewayLimits limits, SslContext ssl) {
        this.maxconn = limits.maxconn();
        boolean bufferBody = options.httpRules().needsRequestBody();
        ServerBootstrap b = new ServerBootstrap().group(group).channel(Channels.server(group))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        if (ssl == null) {
                            http1(ch, options, upstream, backends, limits, bufferBody);
                            return;
                        }
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()),
                                new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                    @Override
                                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                            http2(ch, options, upstream, backends, limits);
                                        } else {
                                            http1(ch, options, upstream, backends, limits, bufferBody);
                                        }
                                    }
                                });
                    }
                });
        if (maxconn > 0) {
            // one accept per event-loop pass, so that stopping to accept at maxconn is exact
            b.option(ChannelOption.MAX_MESSAGES_PER_READ, 1).handler(new ConnectionLimit());
        }
        this.server = b.bind(listen).syncUninterruptibly().channel();
    }

    /** The HTTP/1.1 pipeline: strict parsing, HAProxy's client timeouts, SPOE, then the streaming proxy. */
    private void http1(Channel ch, SpoeHttpOptions options, Upstream upstream, Backends backends, GatewayLimits limits,
            boolean bufferBody) {
        ReadGate gate = new ReadGate();
        ClientTimeouts timeouts = new ClientTimeouts(limits, bufferBody);
        ch.pipeline().addLast(gate, timeouts.sniffer(),
                new HttpServerCodec(RequestGuard.decoderConfig(limits.maxHeadBytes())), new RequestGuard(), timeouts,
                new InFlight(), options.newHandler(), new ProxyHandler(upstream, backends, limits, gate));
    }

    /** HTTP/2 negotiated by ALPN: each stream gets the SPOE handler and the proxy, as an HTTP/1.1 exchange. */
    private void http2(Channel ch, SpoeHttpOptions options, Upstream upstream, Backends backends, GatewayLimits limits) {
        if (limits.client() != null) {
            ch.pipeline().addLast(new IdleStateHandler(0, 0, limits.client().toNanos(), TimeUnit.NANOSECONDS),
                    new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                            if (evt instanceof IdleStateEvent) {
                                ctx.close();
                            } else {
                                super.userEventTriggered(ctx, evt);
                            }
                        }
                    });
        }
        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        ReadGate gate = new ReadGate();
                        stream.pipeline().addLast(gate, new Http2StreamFrameToHttpObjectCodec(true), new InFlight(),
                                options.newHandler(), new ProxyHandler(upstream, backends, limits, gate));
                    }
                }));
    }

    /** Binds {@code listen} (port 0 for any) and serves; blocks until bound, so call it off the event loops. */
    public static Gateway start(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions options,
            Upstream upstream) {
        return new Gateway(group, listen, options, Objects.requireNonNull(upstream, "upstream"), Backends.NONE,
                GatewayLimits.DEFAULTS, null);
    }

    /**
     * As {@link #start(EventLoopGroup, InetSocketAddress, SpoeHttpOptions, Upstream)}, routing each
     * request to a server of the backend the rules chose ({@code use_backend}/{@code default_backend}).
     */
    public static Gateway start(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions options,
            Backends backends) {
        return new Gateway(group, listen, options, null, Objects.requireNonNull(backends, "backends"),
                GatewayLimits.DEFAULTS, null);
    }

    /**
     * The full form: {@code upstream} for every request, or {@code null} to route by {@code backends};
     * the client and server {@code limits}; {@code ssl} a server context (see {@link GatewayTls}) to
     * terminate TLS, negotiating HTTP/2 or HTTP/1.1 by ALPN, or {@code null} for plain HTTP/1.1.
     */
    public static Gateway start(EventLoopGroup group, InetSocketAddress listen, SpoeHttpOptions options,
            Upstream upstream, Backends backends, GatewayLimits limits, SslContext ssl) {
        if (upstream == null && backends == null) {
            throw new IllegalArgumentException("give an upstream or backends");
        }
        return new Gateway(group, listen, options, upstream, backends == null ? Backends.NONE : backends,
                Objects.requireNonNull(limits, "limits"), ssl);
    }

    /** Client connections open now. */
    public int connections() {
        return connections.get();
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

    /**
     * maxconn, as HAProxy does it: at the limit the listener stops accepting (connections wait in the
     * kernel's accept queue) and resumes when one closes. Runs on the server channel's event loop.
     */
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                if (connections.incrementAndGet() >= maxconn) {
                    ctx.channel().config().setAutoRead(false);
                }
                child.closeFuture().addListener(f -> ctx.executor().execute(() -> {
                    if (connections.decrementAndGet() < maxconn && !ctx.channel().config().isAutoRead()
                            && ctx.channel().isOpen()) {
                        ctx.channel().config().setAutoRead(true);
                    }
                }));
            }
            ctx.fireChannelRead(msg);
        }
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
            boolean informational = msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            boolean last = msg instanceof LastHttpContent && open > 0 && !informational;
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

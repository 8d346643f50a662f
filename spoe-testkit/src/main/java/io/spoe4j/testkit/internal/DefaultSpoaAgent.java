package io.spoe4j.testkit.internal;

import io.spoe4j.options.AgentOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopFrameEncoder;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.Dispatcher;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedDisconnect;
import io.spoe4j.testkit.RecordedHello;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import io.spoe4j.testkit.TestkitException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link SpoaAgent} implementation: a Netty server whose connections are {@link AgentConnection}s. Thread-safe. */
public final class DefaultSpoaAgent implements SpoaAgent {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSpoaAgent.class);
    private static final long BIND_TIMEOUT_SECONDS = 10;

    private final SocketAddress listen;
    final AgentHelloSpec hello;
    final Duration helloDelay;
    final Fault helloFault;
    private final int threads;
    private volatile Dispatcher dispatcher;

    private final Queue<Response> responses = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<RecordedNotify> notifies = new LinkedBlockingQueue<>();
    private final boolean recordNotifies;
    private final BlockingQueue<RecordedHello> hellos = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedDisconnect> disconnects = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedDisconnect> agentDisconnects = new LinkedBlockingQueue<>();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong notifyCount = new AtomicLong();
    private final AtomicLong helloCount = new AtomicLong();

    private final Object lock = new Object();
    private EventLoopGroup group;
    private Channel server;
    private SocketAddress bound;
    private boolean started;
    private boolean closed;

    public DefaultSpoaAgent(SocketAddress listen, AgentHelloSpec hello, Duration helloDelay, Fault helloFault,
            Dispatcher dispatcher, int threads) {
        this(listen, hello, helloDelay, helloFault, dispatcher, threads, true);
    }

    /** {@code recordNotifies} false: NOTIFYs are counted but not kept (long-running agents, benchmarks). */
    public DefaultSpoaAgent(SocketAddress listen, AgentHelloSpec hello, Duration helloDelay, Fault helloFault,
            Dispatcher dispatcher, int threads, boolean recordNotifies) {
        this.recordNotifies = recordNotifies;
        this.listen = Objects.requireNonNull(listen, "listen");
        this.hello = Objects.requireNonNull(hello, "hello");
        this.helloDelay = Objects.requireNonNull(helloDelay, "helloDelay");
        this.helloFault = helloFault;
        this.dispatcher = dispatcher;
        this.threads = threads;
    }

    @Override
    public SpoaAgent start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("agent already closed");
            }
            if (started) {
                throw new IllegalStateException("agent already started on " + endpoint());
            }
            Transport transport = Transport.forAddress(listen);
            group = transport.newGroup(threads);
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accept(ch);
                        }
                    });
            if (!transport.unix()) {
                bootstrap.option(ChannelOption.SO_REUSEADDR, true).childOption(ChannelOption.TCP_NODELAY, true);
            }
            ChannelFuture bind = bootstrap.bind(transport.toNetty(listen));
            boolean done = bind.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done || !bind.isSuccess()) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                closed = true;
                throw new TestkitException("cannot listen on " + listen + (done ? "" : ": bind timed out"), bind.cause());
            }
            server = bind.channel();
            bound = listen instanceof UnixDomainSocketAddress ? listen : (InetSocketAddress) server.localAddress();
            started = true;
            LOG.debug("SPOA test agent listening on {}", endpoint());
            return this;
        }
    }

    private void accept(Channel ch) {
        int index = connections.getAndIncrement();
        channels.add(ch);
        open.incrementAndGet();
        ch.closeFuture().addListener(f -> {
            channels.remove(ch);
            open.decrementAndGet();
        });
        if (ch instanceof SocketChannel) {
            ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        }
        RawFrameDecoder decoder = new RawFrameDecoder(initialMaxFrameSize());
        ch.pipeline().addLast("decoder", decoder)
                .addLast("encoder", SpopFrameEncoder.INSTANCE)
                .addLast("agent", new AgentConnection(this, index, decoder));
    }

    /** What the agent accepts before the handshake: its own limit, at least HAProxy's default. */
    private int initialMaxFrameSize() {
        long own = hello.exactMaxFrameSize() ? AgentOptions.DEFAULT_MAX_FRAME_SIZE : hello.maxFrameSize();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(own, AgentOptions.DEFAULT_MAX_FRAME_SIZE));
    }

    Response nextResponse(RecordedNotify notify) {
        Response r = responses.poll();
        if (r != null) {
            return r;
        }
        Dispatcher d = dispatcher;
        if (d == null) {
            return Response.empty();
        }
        r = d.dispatch(notify);
        if (r == null) {
            throw new IllegalStateException("dispatcher returned null for " + notify);
        }
        return r;
    }

    void recordNotify(RecordedNotify n) {
        notifyCount.incrementAndGet();
        if (recordNotifies) {
            notifies.add(n);
        }
    }

    void recordHello(RecordedHello h) {
        helloCount.incrementAndGet();
        hellos.add(h);
    }

    void recordDisconnect(RecordedDisconnect d) {
        disconnects.add(d);
    }

    void recordAgentDisconnect(RecordedDisconnect d) {
        agentDisconnects.add(d);
    }

    @Override
    public SocketAddress address() {
        synchronized (lock) {
            if (bound == null) {
                throw new IllegalStateException("agent not started");
            }
            return bound;
        }
    }

    @Override
    public int port() {
        SocketAddress a = address();
        return a instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    @Override
    public void enqueue(Response response) {
        responses.add(Objects.requireNonNull(response, "response"));
    }

    @Override
    public void dispatcher(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public RecordedNotify takeNotify(Duration timeout) {
        return take(notifies, timeout, "NOTIFY");
    }

    @Override
    public RecordedNotify pollNotify() {
        return notifies.poll();
    }

    @Override
    public RecordedHello takeHello(Duration timeout) {
        return take(hellos, timeout, "HAPROXY-HELLO");
    }

    @Override
    public RecordedDisconnect takeDisconnect(Duration timeout) {
        return take(disconnects, timeout, "HAPROXY-DISCONNECT");
    }

    @Override
    public RecordedDisconnect takeAgentDisconnect(Duration timeout) {
        return take(agentDisconnects, timeout, "AGENT-DISCONNECT sent by the agent");
    }

    @Override
    public RecordedDisconnect pollAgentDisconnect() {
        return agentDisconnects.poll();
    }

    private <T> T take(BlockingQueue<T> queue, Duration timeout, String what) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            T t = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (t == null) {
                throw new TestkitException("no " + what + " within " + timeout + " (agent on " + describe()
                        + ": " + connections.get() + " connections accepted, " + helloCount.get() + " HELLOs, "
                        + notifyCount.get() + " NOTIFYs received)");
            }
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestkitException("interrupted while waiting for " + what, e);
        }
    }

    private String describe() {
        synchronized (lock) {
            return bound == null ? "(not started)" : endpoint();
        }
    }

    @Override
    public int connectionCount() {
        return connections.get();
    }

    @Override
    public int openConnectionCount() {
        return open.get();
    }

    @Override
    public long notifyCount() {
        return notifyCount.get();
    }

    @Override
    public long helloCount() {
        return helloCount.get();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (!started) {
                return;
            }
            server.close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (Channel ch : channels) {
                ch.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (bound instanceof UnixDomainSocketAddress u) {
                try {
                    Files.deleteIfExists(u.getPath());
                } catch (IOException e) {
                    LOG.warn("cannot delete Unix socket {}: {}", u.getPath(), e.toString());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SpoaAgent[" + describe() + "]";
    }
}

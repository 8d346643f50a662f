package io.spoe4j.client.internal.pool;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.Balance;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.AsyncStreams;
import io.spoe4j.client.internal.connection.IoErrors;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopFrameEncoder;
import io.spoe4j.codec.SpopStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the pool's connections: for waiting requests, for a server without any (warm-up), for an
 * event loop without its own connection (affinity) and for {@link #connect()}, always within the
 * per-server limit, the backoff after failed connections and {@code maxconnrate}. When the rate
 * refuses, growth for waiting requests is retried once a permit can be free again.
 *
 * <p>Thread-safety: thread-safe. Every change of server state happens under the pool's lock,
 * never held across I/O waits; {@link #growOn} checks its limits first without the lock, so
 * requests of a loop that cannot get a connection of its own stay lock-free.
 */
final class ConnectionGrower implements Balancer.Growth {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGrower.class);

    private final EnginePool pool;
    private final ServerState[] servers;
    private final EventLoop[] loops;
    private final EventLoopGroup group;
    private final Object lock;
    private final AgentOptions agent;
    private final PoolOptions options;
    private final SslContext ssl;
    private final SpoeClientListener listener;
    private final AsyncStreams async;
    /** Appended to connection errors: which agent backend of the configuration the server belongs to. */
    private final String backendSuffix;
    private final RateLimiter connRate;
    private final Backoff backoff;
    /** Connections {@code maxconnrate} refused, for the pool's status. */
    private final LongAdder connRateRefusals = new LongAdder();
    private boolean growRetryScheduled;
    private int growCursor;
    private int loopCursor;
    /** Local growth waits until then when {@code maxconnrate} refused a connection (nanoTime). */
    private volatile long localGrowAfterNanos;

    /** @param pool the owner of the connections, whose queue is drained when a retry is due */
    ConnectionGrower(EnginePool pool, ServerState[] servers, EventLoop[] loops, EventLoopGroup group, Object lock,
            AgentOptions agent, PoolOptions options, SslContext ssl, SpoeClientListener listener, AsyncStreams async,
            String backendSuffix) {
        this.pool = pool;
        this.servers = servers;
        this.loops = loops;
        this.group = group;
        this.lock = lock;
        this.agent = agent;
        this.options = options;
        this.ssl = ssl;
        this.listener = listener;
        this.async = async;
        this.backendSuffix = backendSuffix;
        this.backoff = new Backoff(options.backoffBase().toNanos(), options.backoffMax().toNanos());
        this.connRate = options.maxConnRate() <= 0 ? null : RateLimiter.of("maxconnrate", RateLimiterConfig.custom()
                .limitForPeriod(options.maxConnRate()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
    }

    long connRateRefusals() {
        return connRateRefusals.sum();
    }

    /** Under the lock: a connection to {@code s} failed before its handshake; backs off before the next. */
    void connectFailed(ServerState s, SpoeClientException cause) {
        s.consecutiveFailures++;
        s.retryAtNanos = System.nanoTime() + backoff.delayNanos(s.consecutiveFailures);
        s.lastError = cause;
    }

    /**
     * Opens a first connection to a server that has none, so that balancing spreads requests over
     * every server and not only over those that already had connections.
     */
    @Override
    public void warmUp(ServerState s, int loop) {
        synchronized (lock) {
            if (!pool.isClosed() && s.up && s.connectionCount() == 0
                    && s.connectionCount() < options.maxConnectionsPerServer()
                    && (s.consecutiveFailures == 0 || System.nanoTime() - s.retryAtNanos >= 0)
                    && connPermitted()) {
                open(s, loop);
            }
        }
    }

    /**
     * Opens a connection to {@code s} on event loop {@code loop}, which has none to it, when the
     * server's limit, its backoff and {@code maxconnrate} allow. The checks before the lock keep
     * requests of a loop that cannot get its own connection (server at its limit) lock-free.
     */
    @Override
    public void growOn(ServerState s, int loop) {
        long now = System.nanoTime();
        if (pool.isClosed() || s.connectionCount() >= options.maxConnectionsPerServer()
                || now - localGrowAfterNanos < 0 || s.backingOff(now)) {
            return;
        }
        synchronized (lock) {
            if (pool.isClosed() || !s.up || !s.noneOn(loop) || s.connectionCount() >= options.maxConnectionsPerServer()
                    || s.backingOff(now)) {
                return;
            }
            if (!connPermitted()) {
                localGrowAfterNanos = now + TimeUnit.MILLISECONDS.toNanos(Math.max(1, 1000 / options.maxConnRate()));
                return;
            }
            open(s, loop);
        }
    }

    /**
     * Under the lock: opens connections for {@code waiting} queued requests; returns why they must
     * fail when no connection is ready or coming, else {@code null}.
     */
    Supplier<SpoeClientException> grow(int waiting) {
        long now = System.nanoTime();
        while (waiting > pendingSlots()) {
            ServerState s = growCandidate(now);
            if (s == null) {
                break;
            }
            if (!connPermitted()) {
                scheduleGrowRetry();
                return null;
            }
            open(s, -1);
        }
        if (pendingSlots() == 0 && !anyReady()) {
            return PoolErrors.noConnection(servers, now);
        }
        return null;
    }

    /** Slots the connections being opened are expected to bring. Exact under the lock, a hint without. */
    int pendingSlots() {
        int slots = 0;
        for (ServerState s : servers) {
            slots += s.connecting * s.expectedSlots;
        }
        return slots;
    }

    private boolean anyReady() {
        for (ServerState s : servers) {
            if (s.up && s.ready.length > 0) {
                return true;
            }
        }
        return false;
    }

    private ServerState growCandidate(long now) {
        ServerState best = null;
        int n = servers.length;
        for (int i = 0; i < n; i++) {
            ServerState s = servers[(growCursor + i) % n];
            if (!s.up || s.connectionCount() >= options.maxConnectionsPerServer() || s.backingOff(now)) {
                continue;
            }
            if (options.balance() == Balance.ROUNDROBIN) {
                growCursor = (growCursor + i + 1) % n;
                return s;
            }
            if (best == null || s.load() + s.connecting < best.load() + best.connecting) {
                best = s;
            }
        }
        return best;
    }

    /** Takes a {@code maxconnrate} permit (always granted without the limit); counts refusals. */
    private boolean connPermitted() {
        if (connRate == null || connRate.acquirePermission()) {
            return true;
        }
        connRateRefusals.increment();
        return false;
    }

    private void scheduleGrowRetry() {
        if (growRetryScheduled) {
            return;
        }
        growRetryScheduled = true;
        long delay = Math.max(1, 1000 / options.maxConnRate());
        group.next().schedule(() -> {
            synchronized (lock) {
                growRetryScheduled = false;
            }
            pool.drain();
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Opens a connection on event loop {@code loop}, or on the next one in turn when negative. Under the lock. */
    private void open(ServerState s, int loop) {
        int on = loop;
        if (on < 0 && loops.length > 0) {
            on = loopCursor;
            loopCursor = (loopCursor + 1) % loops.length;
        }
        s.connecting++;
        if (on >= 0) {
            s.connectingOn[on]++;
        }
        AgentConnection conn = new AgentConnection(s.name, agent, pool, listener, async, s.index, on);
        Bootstrap b = on >= 0 ? s.bootstrap.clone(loops[on]) : s.bootstrap.clone();
        ChannelFuture f = b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                // One write syscall for the NOTIFYs sent in one event-loop pass (ACK batch, HTTP reads), not one each.
                ch.pipeline().addLast(new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast(new SpopFrameDecoder(agent.maxFrameSize()), SpopFrameEncoder.INSTANCE, conn);
            }
        }).connect();
        log.debug("[{}] opening connection", s.name);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                listener.connectFailed(s.name, done.cause());
                String message = IoErrors.connectFailed(s.server.address(), done.cause()) + backendSuffix;
                log.debug("[{}] {}", s.name, message);
                pool.closed(conn, new SpoeConnectionException(message, s.name, SpopStatus.IO_ERROR.code(), false,
                        done.cause()), false);
            }
        });
    }

    /**
     * Opens a connection to every server that is up and has none, and completes once one server
     * has a ready connection, or exceptionally with the last failure when none could get one.
     * Completes on a connection's event loop, or on the caller's thread when the outcome is
     * known at once (a server already connected, none up, client closed).
     */
    CompletableFuture<Void> connect() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        List<CompletableFuture<SpoeClientException>> waits = new ArrayList<>();
        SpoeClientException immediate = null;
        synchronized (lock) {
            if (pool.isClosed()) {
                return CompletableFuture.failedFuture(PoolErrors.closed());
            }
            for (ServerState s : servers) {
                if (!s.up) {
                    continue;
                }
                if (s.ready.length > 0) {
                    result.complete(null);
                    return result;
                }
                if (s.connecting == 0) {
                    if (!connPermitted()) {
                        immediate = PoolErrors.connRateReached(s.name);
                        continue;
                    }
                    open(s, -1);
                }
                CompletableFuture<SpoeClientException> w = new CompletableFuture<>();
                List<CompletableFuture<SpoeClientException>> list = new ArrayList<>(s.readyWaiters);
                list.add(w);
                s.readyWaiters = list;
                waits.add(w);
            }
        }
        if (waits.isEmpty()) {
            result.completeExceptionally(immediate != null ? immediate : PoolErrors.noServerUp());
            return result;
        }
        AtomicInteger left = new AtomicInteger(waits.size());
        for (CompletableFuture<SpoeClientException> w : waits) {
            w.thenAccept(failure -> {
                if (failure == null) {
                    result.complete(null);
                } else if (left.decrementAndGet() == 0) {
                    result.completeExceptionally(failure);
                }
            });
        }
        return result;
    }

    /** Outside the lock: tells connect() futures that their server is ready ({@code null}) or failed. */
    static void settle(List<CompletableFuture<SpoeClientException>> waiters, SpoeClientException failure) {
        for (CompletableFuture<SpoeClientException> w : waiters) {
            w.complete(failure);
        }
    }
}

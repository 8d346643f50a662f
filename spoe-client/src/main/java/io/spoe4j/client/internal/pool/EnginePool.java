package io.spoe4j.client.internal.pool;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.client.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.PoolOptions;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.SpoeProtocolException;
import io.spoe4j.client.SpoeResourceException;
import io.spoe4j.client.SpoeSkippedException;
import io.spoe4j.client.SpoeTimeoutException;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.client.codec.Action;
import io.spoe4j.client.codec.FrameCodec;
import io.spoe4j.client.codec.Message;
import io.spoe4j.client.codec.SpopFrameDecoder;
import io.spoe4j.client.codec.SpopFrameEncoder;
import io.spoe4j.client.codec.SpopStatus;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.HealthCheck;
import io.spoe4j.client.internal.connection.PendingRequest;
import io.spoe4j.client.internal.connection.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one engine (one engine-id) over its agent servers: picks a connection with
 * a free slot by the balance algorithm, queues requests when none has room (bounded JCTools
 * queue), grows the pool within the per-server limit and {@code maxconnrate}, backs off after
 * failed connections, runs health checks and skips requests while {@code maxerrrate} is exceeded.
 *
 * <p>Thread-safety: {@link #send} is lock-free when a ready connection has room; queueing,
 * growing and every change of server state happen under one short lock that is never held
 * across I/O waits. Futures complete on the connection's event loop (replies, connection
 * errors), on the loop that owns the request's deadline timer (timeouts), or on the calling
 * thread when a request fails before being queued.
 */
public final class EnginePool implements PendingRequest.Observer {
    private static final Logger log = LoggerFactory.getLogger(EnginePool.class);

    private final AgentOptions agent;
    private final PoolOptions options;
    private final EventLoopGroup group;
    private final SslContext ssl;
    private final SpoeClientListener listener;
    private final ServerState[] servers;
    private final MpscArrayQueue<PendingRequest> queue;
    private final RateLimiter connRate;
    private final RateLimiter errRate;
    private final Backoff backoff;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong asyncIds = new AtomicLong(-1);
    private final LongSupplier asyncStreamIds;
    private final Object lock = new Object();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile boolean closed;
    private boolean growRetryScheduled;
    private int growCursor;

    public EnginePool(List<AgentServer> servers, AgentOptions agent, PoolOptions options, EventLoopGroup group,
            SslContext ssl, SpoeClientListener listener) {
        this.agent = agent;
        this.options = options;
        this.group = group;
        this.ssl = ssl;
        this.listener = listener;
        this.queue = new MpscArrayQueue<>(Math.max(2, options.queueCapacity()));
        this.backoff = new Backoff(options.backoffBase().toNanos(), options.backoffMax().toNanos());
        this.connRate = options.maxConnRate() > 0 ? limiter("maxconnrate", options.maxConnRate()) : null;
        this.errRate = options.maxErrRate() > 0 ? limiter("maxerrrate", options.maxErrRate()) : null;
        this.asyncStreamIds = agent.async() ? () -> asyncIds.addAndGet(2) : null;
        int expected = agent.pipelining() || agent.async() ? agent.maxWaitingFrames() : 1;
        this.servers = new ServerState[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            AgentServer s = servers.get(i);
            this.servers[i] = new ServerState(s, Transport.bootstrap(group, s.address(), agent.connectTimeout()), this,
                    expected);
        }
        if (options.healthCheck()) {
            for (ServerState s : this.servers) {
                scheduleHealthCheck(s, 0);
            }
        }
    }

    private static RateLimiter limiter(String name, int perSecond) {
        return RateLimiter.of(name, RateLimiterConfig.custom().limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
    }

    // ------------------------------------------------------------------ sending

    /** Sends one NOTIFY; {@code deadlineNanos} is on the {@link System#nanoTime()} clock. */
    public CompletableFuture<AgentReply> send(List<Message> messages, long startNanos, long deadlineNanos) {
        long now = startNanos;
        if (closed) {
            return CompletableFuture.failedFuture(new SpoeResourceException("client is closed", null, null));
        }
        if (errRate != null && errRate.getMetrics().getAvailablePermissions() <= 0) {
            return CompletableFuture.failedFuture(new SpoeSkippedException("processing skipped: more than "
                    + options.maxErrRate() + " errors per second (maxerrrate)"));
        }
        PendingRequest request = new PendingRequest(messages, now, deadlineNanos, this);
        // Smallest possible LENGTH (one-byte ids); the connection checks the exact one.
        int length = 7 + FrameCodec.messagesLength(messages);
        if (length > agent.maxFrameSize() && !agent.sendFragPayload()) {
            request.fail(new SpoeTooBigException("NOTIFY of " + length + " bytes exceeds max-frame-size "
                    + agent.maxFrameSize(), null));
            return request.future();
        }
        long delay = deadlineNanos - now;
        if (delay <= 0) {
            request.fail(new SpoeTimeoutException("timeout processing expired before sending", null,
                    SpoeTimeoutException.Phase.QUEUE));
            return request.future();
        }
        try {
            request.deadlineTask(group.next().schedule(request, delay, TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            request.fail(new SpoeResourceException("event loop group is shut down", null, e));
            return request.future();
        }
        dispatch(request);
        return request.future();
    }

    private void dispatch(PendingRequest request) {
        if (queue.isEmpty()) {
            AgentConnection c = pick();
            if (c != null) {
                c.send(request);
                return;
            }
        }
        if (closed) {
            request.fail(new SpoeResourceException("client is closed", null, null));
            return;
        }
        if (!enqueue(request)) {
            request.fail(new SpoeResourceException("wait queue is full (" + options.queueCapacity()
                    + " requests waiting for a connection)", null, null));
            return;
        }
        drain();
    }

    /**
     * Adds to the wait queue within its capacity. When it looks full, requests that already
     * completed (timed out while queued) are purged first so they do not hold places.
     */
    private boolean enqueue(PendingRequest request) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (queued.incrementAndGet() <= options.queueCapacity() && queue.offer(request)) {
                return true;
            }
            queued.decrementAndGet();
            if (attempt == 0 && !purgeDone()) {
                return false;
            }
        }
        return false;
    }

    /** Removes completed requests from the queue; true if any was removed. */
    private boolean purgeDone() {
        synchronized (lock) {
            int n = queue.size();
            boolean removed = false;
            for (int i = 0; i < n; i++) {
                PendingRequest r = poll();
                if (r == null) {
                    break;
                }
                if (r.isDone()) {
                    removed = true;
                } else if (!queue.offer(r)) {
                    r.fail(new SpoeResourceException("wait queue overflow", null, null));
                } else {
                    queued.incrementAndGet();
                }
            }
            return removed;
        }
    }

    /** A connection with a reserved slot, chosen by the balance algorithm, or {@code null}. */
    private AgentConnection pick() {
        int n = servers.length;
        if (n == 1) {
            ServerState s = servers[0];
            return s.up ? s.reserve() : null;
        }
        int start = Math.floorMod(roundRobin.getAndIncrement(), n);
        ServerState first = servers[start];
        if (first.up && first.ready.length == 0 && first.connecting == 0) {
            warmUp(first);
        }
        if (options.balance() == io.spoe4j.client.Balance.LEASTCONN) {
            // Ties go to the server after the last one picked, so equal loads alternate.
            ServerState best = null;
            int bestLoad = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                ServerState s = servers[(start + i) % n];
                if (s.up && s.hasRoom()) {
                    int load = s.load();
                    if (load < bestLoad) {
                        best = s;
                        bestLoad = load;
                    }
                }
            }
            if (best != null) {
                AgentConnection c = best.reserve();
                if (c != null) {
                    return c;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            ServerState s = servers[(start + i) % n];
            if (s.up) {
                AgentConnection c = s.reserve();
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * Opens a first connection to a server that has none, so that balancing spreads requests over
     * every server and not only over those that already had connections.
     */
    private void warmUp(ServerState s) {
        synchronized (lock) {
            if (!closed && s.up && s.connectionCount() == 0 && s.connectionCount() < options.maxConnectionsPerServer()
                    && (s.consecutiveFailures == 0 || System.nanoTime() - s.retryAtNanos >= 0)
                    && (connRate == null || connRate.acquirePermission())) {
                open(s);
            }
        }
    }

    /**
     * Hands queued requests to connections with room, grows the pool, fails what cannot be
     * served. Requests are sent and failed outside the lock, so user callbacks never run under it.
     */
    private void drain() {
        for (;;) {
            PendingRequest next;
            AgentConnection c;
            List<PendingRequest> unserved = null;
            Supplier<SpoeClientException> failure = null;
            synchronized (lock) {
                while ((next = queue.peek()) != null && next.isDone()) {
                    poll();
                }
                if (next == null) {
                    return;
                }
                c = pick();
                if (c == null) {
                    failure = closed ? () -> new SpoeResourceException("client is closed", null, null) : grow();
                    if (failure == null) {
                        return;
                    }
                    unserved = new ArrayList<>(queue.size());
                    PendingRequest r;
                    while ((r = poll()) != null) {
                        unserved.add(r);
                    }
                } else {
                    poll();
                }
            }
            if (unserved != null) {
                for (PendingRequest r : unserved) {
                    r.fail(failure.get());
                }
                return;
            }
            c.send(next);
        }
    }

    /** Opens connections for the waiting requests; returns why they must fail when none can come. */
    private Supplier<SpoeClientException> grow() {
        long now = System.nanoTime();
        int waiting = queue.size();
        while (waiting > pendingSlots()) {
            ServerState s = growCandidate(now);
            if (s == null) {
                break;
            }
            if (connRate != null && !connRate.acquirePermission()) {
                scheduleGrowRetry();
                return null;
            }
            open(s);
        }
        if (pendingSlots() == 0 && !anyReady()) {
            return failureReason(now);
        }
        return null;
    }

    private PendingRequest poll() {
        PendingRequest r = queue.poll();
        if (r != null) {
            queued.decrementAndGet();
        }
        return r;
    }

    private int pendingSlots() {
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
            if (!s.up || s.connectionCount() >= options.maxConnectionsPerServer()
                    || (s.consecutiveFailures > 0 && now - s.retryAtNanos < 0)) {
                continue;
            }
            if (options.balance() == io.spoe4j.client.Balance.ROUNDROBIN) {
                growCursor = (growCursor + i + 1) % n;
                return s;
            }
            if (best == null || s.load() + s.connecting < best.load() + best.connecting) {
                best = s;
            }
        }
        return best;
    }

    /** No connection is ready or coming: the most useful reason to fail the waiting requests. */
    private Supplier<SpoeClientException> failureReason(long now) {
        SpoeClientException last = null;
        boolean anyUp = false;
        long retryIn = Long.MAX_VALUE;
        for (ServerState s : servers) {
            if (s.up) {
                anyUp = true;
                if (s.lastError != null && last == null) {
                    last = s.lastError;
                }
                retryIn = Math.min(retryIn, s.retryAtNanos - now);
            }
        }
        if (!anyUp) {
            return () -> new SpoeResourceException("no agent server is up", null, null);
        }
        if (last instanceof SpoeProtocolException p) {
            return () -> new SpoeProtocolException("connection failed: " + p.detail(), p.server(), p.status(), p);
        }
        if (last instanceof SpoeConnectionException c) {
            return () -> new SpoeConnectionException("no connection: " + c.detail(), c.server(), c.status(),
                    c.fromAgent(), c);
        }
        SpoeClientException cause = last;
        long wait = TimeUnit.NANOSECONDS.toMillis(Math.max(0, retryIn));
        return () -> new SpoeResourceException("no connection available (servers at their connection limit or"
                + " reconnecting in " + wait + " ms)", null, cause);
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
            drain();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void open(ServerState s) {
        s.connecting++;
        AgentConnection conn = new AgentConnection(s.name, agent, s, listener, asyncStreamIds);
        ChannelFuture f = s.bootstrap.clone().handler(new ChannelInitializer<Channel>() {
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
                log.debug("[{}] cannot connect: {}", s.name, String.valueOf(done.cause()));
                connectionClosed(s, conn, new SpoeConnectionException("cannot connect: " + done.cause(), s.name,
                        SpopStatus.IO_ERROR.code(), false, done.cause()), false);
            }
        });
    }

    // ------------------------------------------------------------------ connection events

    void connectionReady(ServerState s, AgentConnection c) {
        synchronized (lock) {
            s.connecting--;
            s.consecutiveFailures = 0;
            s.lastError = null;
            s.expectedSlots = c.slotLimit();
            s.addReady(c);
        }
        if (closed) {
            c.closeGracefully();
            return;
        }
        drain();
    }

    void slotFreed(AgentConnection c) {
        if (closed) {
            if (c.load() == 0) {
                c.closeGracefully();
            }
            return;
        }
        if (!queue.isEmpty()) {
            drain();
        }
    }

    void connectionClosed(ServerState s, AgentConnection c, SpoeClientException cause, boolean wasReady) {
        boolean allGone;
        synchronized (lock) {
            if (!s.removeReady(c)) {
                if (wasReady) {
                    return;
                }
                s.connecting--;
                s.consecutiveFailures++;
                s.retryAtNanos = System.nanoTime() + backoff.delayNanos(s.consecutiveFailures);
                s.lastError = cause;
            }
            allGone = connectionsGone();
        }
        if (closed) {
            if (allGone) {
                closeFuture.complete(null);
            }
            return;
        }
        drain();
    }

    void redispatch(PendingRequest request) {
        if (!request.isDone()) {
            dispatch(request);
        }
    }

    boolean asyncAck(long streamId, long frameId, List<Action> actions) {
        for (ServerState s : servers) {
            for (AgentConnection c : s.ready) {
                c.remoteAck(streamId, frameId, actions);
            }
        }
        return true;
    }

    private boolean connectionsGone() {
        for (ServerState s : servers) {
            if (s.connecting > 0 || s.ready.length > 0) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ request outcomes

    @Override
    public void deadlineReached(PendingRequest request) {
        AgentConnection c = request.connection();
        long limitMs = TimeUnit.NANOSECONDS.toMillis(request.deadlineNanos() - request.startNanos());
        SpoeTimeoutException e;
        if (c != null) {
            e = new SpoeTimeoutException("timeout processing (" + limitMs + " ms) expired waiting for the ACK of sid="
                    + request.streamId() + " fid=" + request.frameId(), c.serverName(), SpoeTimeoutException.Phase.ACK);
        } else if (pendingSlots() > 0) {
            e = new SpoeTimeoutException("timeout processing (" + limitMs + " ms) expired waiting for a new connection's"
                    + " AGENT-HELLO", null, SpoeTimeoutException.Phase.HELLO);
        } else {
            e = new SpoeTimeoutException("timeout processing (" + limitMs + " ms) expired waiting for a connection slot",
                    null, SpoeTimeoutException.Phase.QUEUE);
        }
        if (request.expire(e)) {
            AgentConnection sentOn = request.connection();
            String server = sentOn == null ? null : sentOn.serverName();
            log.debug("[{}] request timed out sid={} fid={}: {}", server == null ? "-" : server, request.streamId(),
                    request.frameId(), e.detail());
            listener.timeout(server, request.streamId(), request.frameId());
        }
    }

    @Override
    public void failed(PendingRequest request, SpoeClientException error) {
        if (errRate != null) {
            errRate.acquirePermission();
        }
        if (!(error instanceof SpoeTimeoutException)) {
            if (log.isDebugEnabled()) {
                log.debug("[{}] request failed sid={} fid={}: {}", error.server() == null ? "-" : error.server(),
                        request.streamId(), request.frameId(), error.getMessage());
            }
            listener.error(error.server(), error);
        }
    }

    // ------------------------------------------------------------------ health checks

    private void scheduleHealthCheck(ServerState s, long delayNanos) {
        if (closed) {
            return;
        }
        s.healthTimer = group.next().schedule(() -> runHealthCheck(s), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void runHealthCheck(ServerState s) {
        long timeout = Math.min(options.healthCheckInterval().toNanos(), agent.helloTimeout().toNanos());
        HealthCheck.run(s.bootstrap, ssl, s.name, timeout).whenComplete((hs, error) -> {
            boolean changed = false;
            boolean nowUp;
            synchronized (lock) {
                if (error == null) {
                    s.checkFailures = 0;
                    s.checkSuccesses++;
                    if (!s.up && s.checkSuccesses >= options.rise()) {
                        s.up = true;
                        s.consecutiveFailures = 0;
                        changed = true;
                    }
                } else {
                    s.checkSuccesses = 0;
                    s.checkFailures++;
                    if (s.up && s.checkFailures >= options.fall()) {
                        s.up = false;
                        changed = true;
                    }
                }
                nowUp = s.up;
            }
            if (changed) {
                String reason = error == null ? "Layer7 check passed" : "Layer7 check failed: " + error.getMessage();
                log.info("[{}] server is {}: {}", s.name, nowUp ? "UP" : "DOWN", reason);
                listener.serverState(s.name, nowUp, reason);
                drain();
            }
            scheduleHealthCheck(s, options.healthCheckInterval().toNanos());
        });
    }

    // ------------------------------------------------------------------ lifecycle

    /** Whether a health check (or the initial state) says the server is up. */
    public boolean isUp(String server) {
        for (ServerState s : servers) {
            if (s.name.equals(server)) {
                return s.up;
            }
        }
        throw new IllegalArgumentException("unknown server " + server);
    }

    /** Requests reserved or in flight on ready connections, over all servers. */
    public int inFlight() {
        int n = 0;
        for (ServerState s : servers) {
            n += s.load();
        }
        return n;
    }

    /** Requests waiting in the queue (completed ones not yet purged included). */
    public int queued() {
        return queued.get();
    }

    /** Ready connections per server, in server order. */
    public List<Integer> readyConnections() {
        List<Integer> out = new ArrayList<>(servers.length);
        for (ServerState s : servers) {
            out.add(s.ready.length);
        }
        return out;
    }

    /**
     * Stops taking requests, fails queued ones, closes idle connections with DISCONNECT 0 and the
     * others once their in-flight requests are answered or timed out.
     */
    public CompletableFuture<Void> close() {
        List<AgentConnection> toClose = new ArrayList<>();
        List<PendingRequest> queuedRequests = new ArrayList<>();
        boolean allGone;
        synchronized (lock) {
            if (closed) {
                return closeFuture;
            }
            closed = true;
            for (ServerState s : servers) {
                if (s.healthTimer != null) {
                    s.healthTimer.cancel(false);
                }
                for (AgentConnection c : s.ready) {
                    toClose.add(c);
                }
            }
            PendingRequest r;
            while ((r = poll()) != null) {
                queuedRequests.add(r);
            }
            allGone = connectionsGone();
        }
        for (PendingRequest r : queuedRequests) {
            r.fail(new SpoeResourceException("client closed while waiting for a connection", null, null));
        }
        for (AgentConnection c : toClose) {
            if (c.load() == 0) {
                c.closeGracefully();
            }
        }
        if (allGone) {
            closeFuture.complete(null);
        }
        return closeFuture;
    }
}

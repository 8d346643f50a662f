package io.spoe4j.client.internal.pool;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.ClientStatus;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.SpoeProtocolException;
import io.spoe4j.client.SpoeResourceException;
import io.spoe4j.client.SpoeSkippedException;
import io.spoe4j.client.SpoeTimeoutException;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopFrameEncoder;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.ConnectionState;
import io.spoe4j.client.internal.connection.HealthCheck;
import io.spoe4j.client.internal.connection.IoErrors;
import io.spoe4j.client.internal.connection.ClientListeners;
import io.spoe4j.client.internal.connection.PendingRequest;
import io.spoe4j.client.internal.connection.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
 * <p>Event-loop affinity: when {@link #send} runs on one of the group's event loops (a gateway
 * sharing its loops with the client), the request goes to a connection of that same loop when one
 * has room, so the NOTIFY write, the ACK and the completion need no hand-off between threads; a
 * loop that sends and has no connection to the chosen server gets one opened on it (within the
 * per-server limit and {@code maxconnrate}). Which server is chosen does not change: the balance
 * algorithm picks the server, affinity only picks the connection within it.
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
    /** Appended to connection errors: which agent backend of the configuration the server belongs to. */
    private final String backendSuffix;
    private final PoolOptions options;
    private final EventLoopGroup group;
    /** The group's event loops; a connection's and a caller's loop are known by their index here. */
    private final EventLoop[] loops;
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
    /** Connections {@code maxconnrate} refused and requests {@code maxerrrate} skipped, for {@link #status()}. */
    private final LongAdder connRateRefusals = new LongAdder();
    private final LongAdder errRateSkips = new LongAdder();
    private final LongSupplier asyncStreamIds;
    private final Object lock = new Object();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile boolean closed;
    private boolean growRetryScheduled;
    private int growCursor;
    private int loopCursor;
    /** Local growth waits until then when {@code maxconnrate} refused a connection (nanoTime). */
    private volatile long localGrowAfterNanos;

    public EnginePool(List<AgentServer> servers, AgentOptions agent, PoolOptions options, EventLoopGroup group,
            SslContext ssl, SpoeClientListener listener) {
        this(servers, agent, options, group, ssl, listener, null);
    }

    /** @param backendName the agent backend these servers form, named in connection errors; null: none */
    public EnginePool(List<AgentServer> servers, AgentOptions agent, PoolOptions options, EventLoopGroup group,
            SslContext ssl, SpoeClientListener listener, String backendName) {
        this.backendSuffix = backendName == null ? "" : " (agent backend '" + backendName + "')";
        this.agent = agent;
        this.options = options;
        this.group = group;
        this.loops = loopsOf(group);
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
                    expected, loops.length);
        }
        if (options.healthCheck()) {
            for (ServerState s : this.servers) {
                scheduleHealthCheck(s, 0);
            }
        }
    }

    private static EventLoop[] loopsOf(EventLoopGroup group) {
        List<EventLoop> out = new ArrayList<>();
        for (EventExecutor e : group) {
            if (!(e instanceof EventLoop loop)) {
                return new EventLoop[0];
            }
            out.add(loop);
        }
        return out.toArray(new EventLoop[0]);
    }

    /** The index of the calling thread's event loop among {@link #loops}, or -1 when it is none of them. */
    private int callerLoop() {
        EventLoop[] ls = loops;
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].inEventLoop()) {
                return i;
            }
        }
        return -1;
    }

    private static RateLimiter limiter(String name, int perSecond) {
        return RateLimiter.of(name, RateLimiterConfig.custom().limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
    }

    // ------------------------------------------------------------------ sending

    /** Sends one NOTIFY; {@code deadlineNanos} is on the {@link System#nanoTime()} clock. */
    public CompletableFuture<AgentReply> send(List<Message> messages, long startNanos, long deadlineNanos) {
        PendingRequest request = new PendingRequest(messages, startNanos, deadlineNanos, this);
        submit(request, FrameCodec.messagesLength(messages));
        return request.future();
    }

    /**
     * Sends one NOTIFY whose LIST-OF-MESSAGES the caller encoded: the readable bytes of
     * {@code payload}, with {@link FrameCodec#NOTIFY_HEADROOM} bytes free before them. The pool owns
     * {@code payload} from now on (written, or released when the request ends first). The outcome
     * goes to {@code handler}, possibly before this method returns; see
     * {@link PendingRequest.ReplyHandler}.
     */
    public void send(ByteBuf payload, long startNanos, long deadlineNanos, PendingRequest.ReplyHandler handler) {
        submit(new PendingRequest(payload, startNanos, deadlineNanos, this, handler), payload.readableBytes());
    }

    private void submit(PendingRequest request, int payloadLength) {
        long now = request.startNanos();
        long deadlineNanos = request.deadlineNanos();
        if (closed) {
            request.reject(new SpoeResourceException("client is closed", null, null));
            return;
        }
        if (errRate != null && errRate.getMetrics().getAvailablePermissions() <= 0) {
            errRateSkips.increment();
            request.reject(new SpoeSkippedException("processing skipped: more than "
                    + options.maxErrRate() + " errors per second (maxerrrate)"));
            return;
        }
        // Smallest possible LENGTH (one-byte ids); the connection checks the exact one.
        int length = 7 + payloadLength;
        if (length > agent.maxFrameSize() && !agent.sendFragPayload()) {
            request.fail(new SpoeTooBigException("NOTIFY of " + length + " bytes exceeds max-frame-size "
                    + agent.maxFrameSize(), null));
            return;
        }
        long delay = deadlineNanos - now;
        if (delay <= 0) {
            request.fail(new SpoeTimeoutException("timeout processing expired before sending", null,
                    SpoeTimeoutException.Phase.QUEUE));
            return;
        }
        int loop = callerLoop();
        try {
            // On the caller's loop when it is one: no cross-thread task to arm it, nor to cancel it
            // when the ACK completes the request on a connection of that same loop.
            EventLoop timer = loop >= 0 ? loops[loop] : group.next();
            request.deadlineTask(timer.schedule(request, delay, TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            request.fail(new SpoeResourceException("event loop group is shut down", null, e));
            return;
        }
        dispatch(request, loop);
    }

    private void dispatch(PendingRequest request, int loop) {
        if (queue.isEmpty()) {
            AgentConnection c = pick(loop);
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

    /**
     * A connection with a reserved slot, or {@code null}: the server chosen by the balance
     * algorithm, and within it a connection of event loop {@code loop} first (negative: any).
     */
    private AgentConnection pick(int loop) {
        int n = servers.length;
        if (n == 1) {
            ServerState s = servers[0];
            if (!s.up) {
                return null;
            }
            AgentConnection c = s.reserve(loop);
            if (loop >= 0 && (c == null || c.loopIndex() != loop) && s.noneOn(loop)) {
                growOn(s, loop);
            }
            return c;
        }
        int start = Math.floorMod(roundRobin.getAndIncrement(), n);
        ServerState first = servers[start];
        if (first.up && first.ready.length == 0 && first.connecting == 0) {
            warmUp(first, loop);
        }
        AgentConnection c = pickServer(start, loop);
        if (c != null && loop >= 0 && c.loopIndex() != loop) {
            ServerState s = (ServerState) c.owner();
            if (s.noneOn(loop)) {
                growOn(s, loop);
            }
        }
        return c;
    }

    private AgentConnection pickServer(int start, int loop) {
        int n = servers.length;
        if (options.balance() == io.spoe4j.options.Balance.LEASTCONN) {
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
                AgentConnection c = best.reserve(loop);
                if (c != null) {
                    return c;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            ServerState s = servers[(start + i) % n];
            if (s.up) {
                AgentConnection c = s.reserve(loop);
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
    private void warmUp(ServerState s, int loop) {
        synchronized (lock) {
            if (!closed && s.up && s.connectionCount() == 0 && s.connectionCount() < options.maxConnectionsPerServer()
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
    private void growOn(ServerState s, int loop) {
        long now = System.nanoTime();
        if (closed || s.connectionCount() >= options.maxConnectionsPerServer() || now - localGrowAfterNanos < 0
                || (s.consecutiveFailures > 0 && now - s.retryAtNanos < 0)) {
            return;
        }
        synchronized (lock) {
            if (closed || !s.up || !s.noneOn(loop) || s.connectionCount() >= options.maxConnectionsPerServer()
                    || (s.consecutiveFailures > 0 && now - s.retryAtNanos < 0)) {
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
                c = pick(-1);
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
            if (!connPermitted()) {
                scheduleGrowRetry();
                return null;
            }
            open(s, -1);
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
            if (options.balance() == io.spoe4j.options.Balance.ROUNDROBIN) {
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
            drain();
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
        AgentConnection conn = new AgentConnection(s.name, agent, s, listener, asyncStreamIds, on);
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
                connectionClosed(s, conn, new SpoeConnectionException(message, s.name,
                        SpopStatus.IO_ERROR.code(), false, done.cause()), false);
            }
        });
    }

    // ------------------------------------------------------------------ warm-up

    /**
     * Opens a connection to every server that is up and has none, and completes once one server
     * has a ready connection, or exceptionally with the last failure when none could get one.
     * Completes on a connection's event loop, or on the caller's thread when the outcome is
     * known at once (a server already connected, none up, client closed).
     */
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        List<CompletableFuture<SpoeClientException>> waits = new ArrayList<>();
        SpoeClientException immediate = null;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new SpoeResourceException("client is closed", null, null));
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
                        immediate = new SpoeResourceException("maxconnrate reached: no connection opened to " + s.name,
                                s.name, null);
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
            result.completeExceptionally(immediate != null ? immediate
                    : new SpoeResourceException("no agent server is up", null, null));
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

    /** Under the lock: the connect() futures waiting on {@code s}, now taken from it. */
    private static List<CompletableFuture<SpoeClientException>> takeWaiters(ServerState s) {
        List<CompletableFuture<SpoeClientException>> w = s.readyWaiters;
        s.readyWaiters = List.of();
        return w;
    }

    /** Outside the lock: tells connect() futures that their server is ready ({@code null}) or failed. */
    private static void settle(List<CompletableFuture<SpoeClientException>> waiters, SpoeClientException failure) {
        for (CompletableFuture<SpoeClientException> w : waiters) {
            w.complete(failure);
        }
    }

    // ------------------------------------------------------------------ connection events

    void connectionReady(ServerState s, AgentConnection c) {
        List<CompletableFuture<SpoeClientException>> waiters;
        synchronized (lock) {
            s.connectingDone(c.loopIndex());
            s.consecutiveFailures = 0;
            s.lastError = null;
            s.expectedSlots = c.slotLimit();
            s.addReady(c);
            waiters = takeWaiters(s);
        }
        settle(waiters, null);
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
        List<CompletableFuture<SpoeClientException>> waiters = List.of();
        synchronized (lock) {
            if (!s.removeReady(c)) {
                if (wasReady) {
                    return;
                }
                s.connectingDone(c.loopIndex());
                s.consecutiveFailures++;
                s.retryAtNanos = System.nanoTime() + backoff.delayNanos(s.consecutiveFailures);
                s.lastError = cause;
                if (s.connecting == 0) {
                    waiters = takeWaiters(s);
                }
            }
            allGone = connectionsGone();
        }
        settle(waiters, cause != null ? cause : new SpoeConnectionException("connection closed before its handshake",
                s.name, SpopStatus.IO_ERROR.code(), false, null));
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
            dispatch(request, callerLoop());
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
    public void replied(PendingRequest request, AgentReply reply) {
        listener.replied(reply);
    }

    /** An encoded request's reply is built only for a listener: nothing listens by default. */
    @Override
    public boolean wantsReplies() {
        return !(listener instanceof ClientListeners l) || l.current() != SpoeClientListener.NOOP;
    }

    @Override
    public void failed(PendingRequest request, SpoeClientException error) {
        if (errRate != null) {
            errRate.acquirePermission();
        }
        listener.requestFailed(error, request.streamId(), request.frameId(), System.nanoTime() - request.startNanos());
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
        HealthCheck.run(s.bootstrap, ssl, s.server, timeout).whenComplete((hs, error) -> {
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

    /** The state of server {@code index} (in configuration order), for tests in this package. */
    ServerState serverState(int index) {
        return servers[index];
    }

    /** A snapshot for gauges: queue, throttling counts, each server's connections by state. */
    public ClientStatus status() {
        List<ClientStatus.ServerStatus> list = new ArrayList<>(servers.length);
        synchronized (lock) {
            for (ServerState s : servers) {
                int closing = 0;
                int running = 0;
                for (AgentConnection c : s.ready) {
                    if (c.state() == ConnectionState.RUNNING) {
                        running++;
                    } else {
                        closing++;
                    }
                }
                list.add(new ClientStatus.ServerStatus(s.name, s.up, s.connecting, running, closing,
                        s.load()));
            }
        }
        return new ClientStatus(queued.get(), connRateRefusals.sum(), errRateSkips.sum(), list);
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
        List<CompletableFuture<SpoeClientException>> waiters = new ArrayList<>();
        List<AgentConnection> toClose = new ArrayList<>();
        List<PendingRequest> queuedRequests = new ArrayList<>();
        boolean allGone;
        synchronized (lock) {
            if (closed) {
                return closeFuture;
            }
            closed = true;
            for (ServerState s : servers) {
                waiters.addAll(takeWaiters(s));
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
        settle(waiters, new SpoeResourceException("client closed while connecting", null, null));
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

package io.spoe4j.client.internal.pool;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.ClientStatus;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeTimeoutException;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.AsyncStreams;
import io.spoe4j.client.internal.connection.ClientListeners;
import io.spoe4j.client.internal.connection.ConnectionOwner;
import io.spoe4j.client.internal.connection.ConnectionState;
import io.spoe4j.client.internal.connection.PendingRequest;
import io.spoe4j.client.internal.connection.Transport;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one engine (one engine-id) over its agent servers, and their owner: takes
 * requests, hands them to the {@link Balancer}'s choice or to the {@link WaitQueue} when no
 * connection has room, and reacts to connection events. Opening connections is the
 * {@link ConnectionGrower}'s, health checks the {@link HealthChecker}'s, error texts
 * {@link PoolErrors}'. Requests are skipped while {@code maxerrrate} is exceeded; in async mode
 * the engine's stream-ids and ACK routing are its {@link AsyncStreams}.
 *
 * <p>Event-loop affinity: when {@link #send} runs on one of the group's event loops (a gateway
 * sharing its loops with the client), the request goes to a connection of that same loop when one
 * has room, so the NOTIFY write, the ACK and the completion need no hand-off between threads; a
 * loop that sends and has no connection to the chosen server gets one opened on it (within the
 * per-server limit and {@code maxconnrate}). Which server is chosen does not change: the balance
 * algorithm picks the server, affinity only picks the connection within it.
 *
 * <p>Thread-safety: {@link #send} is lock-free and allocates nothing but the request when a ready
 * connection has room; queueing, growing and every change of server state happen under one short
 * lock, shared by the pool's parts, that is never held across I/O waits nor while a request
 * completes. Futures complete on the connection's event loop (replies, an async ACK received on
 * another connection included, and connection errors), on the loop that owns the request's
 * deadline timer (timeouts), or on the calling thread when a request fails before being queued.
 */
public final class EnginePool implements ConnectionOwner, PendingRequest.Observer {
    private static final Logger log = LoggerFactory.getLogger(EnginePool.class);

    private final AgentOptions agent;
    private final PoolOptions options;
    private final EventLoopGroup group;
    /** The group's event loops; a connection's and a caller's loop are known by their index here. */
    private final EventLoop[] loops;
    /** Per loop of {@link #loops}: the deadlines of the requests sent from it. */
    private final DeadlineQueue[] deadlines;
    private final SpoeClientListener listener;
    private final ServerState[] servers;
    private final Balancer balancer;
    private final ConnectionGrower grower;
    private final WaitQueue queue;
    private final HealthChecker health;
    private final RateLimiter errRate;
    /** Requests {@code maxerrrate} skipped, for {@link #status()}. */
    private final LongAdder errRateSkips = new LongAdder();
    private final Object lock = new Object();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile boolean closed;

    public EnginePool(List<AgentServer> servers, AgentOptions agent, PoolOptions options, EventLoopGroup group,
            SslContext ssl, SpoeClientListener listener) {
        this(servers, agent, options, group, ssl, listener, null);
    }

    /** @param backendName the agent backend these servers form, named in connection errors; null: none */
    public EnginePool(List<AgentServer> servers, AgentOptions agent, PoolOptions options, EventLoopGroup group,
            SslContext ssl, SpoeClientListener listener, String backendName) {
        this.agent = agent;
        this.options = options;
        this.group = group;
        this.loops = loopsOf(group);
        this.deadlines = new DeadlineQueue[loops.length];
        for (int i = 0; i < loops.length; i++) {
            deadlines[i] = new DeadlineQueue(loops[i]);
        }
        this.listener = listener;
        this.errRate = options.maxErrRate() <= 0 ? null : RateLimiter.of("maxerrrate", RateLimiterConfig.custom()
                .limitForPeriod(options.maxErrRate()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
        int expected = agent.pipelining() || agent.async() ? agent.maxWaitingFrames() : 1;
        this.servers = new ServerState[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            AgentServer s = servers.get(i);
            this.servers[i] = new ServerState(s, Transport.bootstrap(group, s.address(), agent.connectTimeout()), i,
                    expected, loops.length);
        }
        this.grower = new ConnectionGrower(this, this.servers, loops, group, lock, agent, options, ssl, listener,
                agent.async() ? new AsyncStreams() : null,
                backendName == null ? "" : " (agent backend '" + backendName + "')");
        this.balancer = new Balancer(this.servers, options.balance(), grower);
        this.queue = new WaitQueue(options.queueCapacity(), lock, balancer, grower, this::isClosed);
        this.health = new HealthChecker(this, group, lock, agent, options, ssl, listener);
        if (options.healthCheck()) {
            for (ServerState s : this.servers) {
                health.start(s);
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

    boolean isClosed() {
        return closed;
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
            request.reject(PoolErrors.closed());
            return;
        }
        if (errRate != null && errRate.getMetrics().getAvailablePermissions() <= 0) {
            errRateSkips.increment();
            request.reject(PoolErrors.errRateSkipped(options.maxErrRate()));
            return;
        }
        // Smallest possible LENGTH (one-byte ids); the connection checks the exact one.
        int length = 7 + payloadLength;
        if (length > agent.maxFrameSize() && !agent.sendFragPayload()) {
            request.fail(PoolErrors.tooBig(length, agent.maxFrameSize()));
            return;
        }
        long delay = deadlineNanos - now;
        if (delay <= 0) {
            request.fail(PoolErrors.expiredBeforeSending());
            return;
        }
        int loop = callerLoop();
        try {
            // On the caller's loop when it is one: in that loop's deadline queue, no task per
            // request; otherwise a task of its own, on any loop.
            if (loop < 0 || !deadlines[loop].add(request)) {
                EventLoop timer = loop >= 0 ? loops[loop] : group.next();
                request.deadlineTask(timer.schedule(request, delay, TimeUnit.NANOSECONDS));
            }
        } catch (RejectedExecutionException e) {
            request.fail(PoolErrors.loopsShutDown(e));
            return;
        }
        dispatch(request, loop);
    }

    private void dispatch(PendingRequest request, int loop) {
        if (queue.isEmpty()) {
            AgentConnection c = balancer.pick(loop);
            if (c != null) {
                c.send(request);
                return;
            }
        }
        if (closed) {
            request.fail(PoolErrors.closed());
            return;
        }
        if (!queue.offer(request)) {
            request.fail(PoolErrors.queueFull(options.queueCapacity()));
            return;
        }
        drain();
    }

    /** Hands waiting requests to connections with room, growing the pool; see {@link WaitQueue#drain}. */
    void drain() {
        queue.drain();
    }

    /** Opens connections so that one server gets ready; see {@link ConnectionGrower#connect}. */
    public CompletableFuture<Void> connect() {
        return grower.connect();
    }

    // ------------------------------------------------------------------ connection events

    @Override
    public void ready(AgentConnection c) {
        ServerState s = servers[c.serverIndex()];
        List<CompletableFuture<SpoeClientException>> waiters;
        synchronized (lock) {
            s.connectingDone(c.loopIndex());
            s.consecutiveFailures = 0;
            s.lastError = null;
            s.expectedSlots = c.slotLimit();
            s.addReady(c);
            waiters = s.takeWaiters();
        }
        ConnectionGrower.settle(waiters, null);
        if (closed) {
            c.closeGracefully();
            return;
        }
        drain();
    }

    @Override
    public void slotFreed(AgentConnection c) {
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

    @Override
    public void closed(AgentConnection c, SpoeClientException cause, boolean wasReady) {
        ServerState s = servers[c.serverIndex()];
        boolean allGone;
        List<CompletableFuture<SpoeClientException>> waiters = List.of();
        synchronized (lock) {
            if (!s.removeReady(c)) {
                if (wasReady) {
                    return;
                }
                s.connectingDone(c.loopIndex());
                grower.connectFailed(s, cause);
                if (s.connecting == 0) {
                    waiters = s.takeWaiters();
                }
            }
            allGone = connectionsGone();
        }
        ConnectionGrower.settle(waiters, cause != null ? cause : PoolErrors.closedBeforeHandshake(s.name));
        if (closed) {
            if (allGone) {
                closeFuture.complete(null);
            }
            return;
        }
        drain();
    }

    @Override
    public void redispatch(PendingRequest request) {
        if (!request.isDone()) {
            dispatch(request, callerLoop());
        }
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
        SpoeTimeoutException e = PoolErrors.deadline(request, c, c == null && grower.pendingSlots() > 0);
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
        return queue.queued();
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
        return new ClientStatus(queue.queued(), grower.connRateRefusals(), errRateSkips.sum(), list);
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
        List<PendingRequest> queuedRequests;
        boolean allGone;
        synchronized (lock) {
            if (closed) {
                return closeFuture;
            }
            closed = true;
            for (ServerState s : servers) {
                waiters.addAll(s.takeWaiters());
                health.stop(s);
                for (AgentConnection c : s.ready) {
                    toClose.add(c);
                }
            }
            queuedRequests = queue.takeAll();
            allGone = connectionsGone();
        }
        ConnectionGrower.settle(waiters, PoolErrors.closedWhileConnecting());
        for (PendingRequest r : queuedRequests) {
            r.fail(PoolErrors.closedWhileQueued());
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

package io.spoe4j.client.internal.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeEngineException;
import io.spoe4j.client.SpoeEngineListener;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.Kind;
import io.spoe4j.client.SpoeResult.Payload;
import io.spoe4j.client.SpoeResult.SkipReason;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeSkippedException;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.client.internal.connection.AckActions;
import io.spoe4j.client.internal.connection.PendingRequest;
import io.spoe4j.client.internal.pool.DefaultSpoeClient;
import io.spoe4j.config.BackendConfig;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.EngineOptions;
import io.spoe4j.config.GroupConfig;
import io.spoe4j.config.ServerConfig;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.PoolOptions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The SPOE filter's per-stream logic for one engine, on top of a {@link SpoeClient}: builds one
 * NOTIFY per event or group, sends it with the processing deadline, applies the ACK to the
 * variable stores and maps failures to HAProxy's codes and to the continue-on-error policy.
 *
 * <p>Thread-safe and lock-free. Operations of one exchange run one after the other through a
 * future chain; results complete on the client's event loop (ACK, timeout, connection failure) or
 * on the thread that started the operation when the outcome is known at once. A result is
 * completed before the next operation of its exchange starts, and never under a lock.
 */
public final class DefaultSpoeEngine implements SpoeEngine {
    /** HAProxy reserves 32 bytes of max-frame-size for the frame type, flags and ids. */
    static final int FRAME_HEADER_RESERVE = 32;

    private final EngineConfig config;
    private final DefaultSpoeClient client;
    private final FailurePolicy policy;
    private final VariableStore proc = new VariableStore();
    private final EngineListeners listeners = new EngineListeners();
    private final ActionApplier applier;
    /** {@link EngineConfig#messagesFor} compiled into encoders, and the groups by name with theirs, once. */
    private final Map<SpoeEvent, NotifyEncoder> encodersByEvent = new EnumMap<>(SpoeEvent.class);
    private final Map<String, GroupConfig> groupsByName = new HashMap<>();
    private final Map<String, NotifyEncoder> encodersByGroup = new HashMap<>();
    private final long processingTimeoutNanos;
    private final int payloadBudget;
    private final boolean sendFragPayload;
    private final boolean continueOnError;
    // The engine's own txn variables' short names (null when the option is off).
    private final String setOnError;
    private final String setProcessTime;
    private final String setTotalTime;
    private volatile boolean closed;

    private DefaultSpoeEngine(EngineConfig config, DefaultSpoeClient client, FailurePolicy policy) {
        this.config = config;
        this.client = client;
        this.policy = policy;
        this.applier = new ActionApplier(config);
        for (SpoeEvent e : SpoeEvent.values()) {
            encodersByEvent.put(e, new NotifyEncoder(config.messagesFor(e)));
        }
        for (GroupConfig g : config.groups()) {
            if (groupsByName.putIfAbsent(g.name(), g) == null) {
                encodersByGroup.put(g.name(), new NotifyEncoder(g.messages()));
            }
        }
        AgentOptions agent = config.agentOptions();
        this.processingTimeoutNanos = agent.processingTimeout().toNanos();
        this.payloadBudget = agent.maxFrameSize() - FRAME_HEADER_RESERVE;
        this.sendFragPayload = agent.sendFragPayload();
        EngineOptions o = config.options();
        this.continueOnError = o.continueOnError();
        this.setOnError = o.setOnError().orElse(null);
        this.setProcessTime = o.setProcessTime().orElse(null);
        this.setTotalTime = o.setTotalTime().orElse(null);
    }

    /** The section's options with the backend's connect timeout and this engine's own engine-id. */
    private static AgentOptions agentOptions(EngineConfig config, BackendConfig backend, String engineId) {
        AgentOptions agent = backend != null ? backend.agentOptions(config.agentOptions()) : config.agentOptions();
        return agent.toBuilder().engineId(engineId != null ? engineId : AgentOptions.randomEngineId()).build();
    }

    /** The enabled servers of {@code backend}; a TLS server needs an SslContext. */
    private static List<AgentServer> servers(BackendConfig backend, boolean haveSsl) {
        List<AgentServer> servers = new ArrayList<>();
        for (ServerConfig s : backend.servers()) {
            if (s.disabled()) {
                continue;
            }
            if (s.ssl() && !haveSsl) {
                throw new IllegalArgumentException("server '" + s.name() + "' of backend '" + backend.name()
                        + "' uses ssl: give the engine an sslContext");
            }
            servers.add(new AgentServer(s.name(), s.address()));
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("backend '" + backend.name() + "' has no enabled server");
        }
        return servers;
    }

    /** Builds the engine and its client; see {@link SpoeEngine.Builder}. */
    public static SpoeEngine create(EngineConfig config, BackendConfig backend, List<AgentServer> servers,
            EventLoopGroup group, int threads, SslContext ssl, FailurePolicy policy, PoolOptions poolOptions,
            SpoeClientListener listener, String engineId) {
        SpoeClient.Builder b = SpoeClient.builder()
                .agentOptions(agentOptions(config, backend, engineId))
                .poolOptions(poolOptions != null ? poolOptions
                        : backend != null ? backend.poolOptions(config.poolOptions()) : config.poolOptions())
                .threads(threads)
                .backendName(backend != null ? backend.name() : config.useBackend());
        List<AgentServer> agents = servers.isEmpty() ? servers(backend, ssl != null) : servers;
        agents.forEach(b::server);
        if (group != null) {
            b.eventLoopGroup(group);
        }
        if (ssl != null) {
            b.sslContext(ssl);
        }
        if (listener != null) {
            b.listener(listener);
        }
        // The builder makes the pool-backed client, whose encoded-payload path the engine uses.
        DefaultSpoeEngine engine = new DefaultSpoeEngine(config, (DefaultSpoeClient) b.build(), policy);
        if (listener instanceof SpoeEngineListener exchanges) {
            engine.listeners.add(exchanges);
        }
        return engine;
    }

    @Override
    public String name() {
        return config.engineName();
    }

    @Override
    public EngineConfig config() {
        return config;
    }

    @Override
    public FailurePolicy failurePolicy() {
        return policy;
    }

    @Override
    public String engineId() {
        return client.engineId();
    }

    @Override
    public SpoeSession newSession(RequestAttributes connectionAttributes) {
        return new DefaultSpoeSession(this, connectionAttributes);
    }

    @Override
    public CompletionStage<SpoeResult> sendGroup(String group, RequestAttributes attributes) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(attributes, "attributes");
        if (closed) {
            return closedFailure();
        }
        if (!groupsByName.containsKey(group)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(unknownGroup(group)));
        }
        return once(attributes, txn -> txn.sendGroup(group));
    }

    @Override
    public CompletionStage<SpoeResult> fire(SpoeEvent event, RequestAttributes attributes) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(attributes, "attributes");
        if (closed) {
            return closedFailure();
        }
        return once(attributes, txn -> event == SpoeEvent.ON_CLIENT_SESSION ? null : txn.fire(event));
    }

    /**
     * One session with one transaction on {@code attributes}, closed once the operation completes.
     * {@code operation} returns null for the session's own on-client-session result.
     */
    private CompletionStage<SpoeResult> once(RequestAttributes attributes,
            Function<SpoeTransaction, CompletionStage<SpoeResult>> operation) {
        SpoeSession session = null;
        SpoeTransaction txn = null;
        CompletionStage<SpoeResult> stage;
        try {
            session = newSession(attributes);
            txn = session.newTransaction(attributes);
            stage = operation.apply(txn);
            if (stage == null) {
                stage = session.clientSessionResult();
            }
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        SpoeSession s = session;
        SpoeTransaction t = txn;
        return stage.whenComplete((r, e) -> {
            if (t != null) {
                t.close();
            }
            if (s != null) {
                s.close();
            }
        });
    }

    private CompletionStage<SpoeResult> closedFailure() {
        return CompletableFuture.failedFuture(new IllegalStateException("SPOE engine '" + name() + "' is closed"));
    }

    /** Names the engine's groups, and says so when {@code group} is a message's name. */
    private String unknownGroup(String group) {
        String known = groupsByName.isEmpty() ? "none" : String.join(", ", new TreeSet<>(groupsByName.keySet()));
        boolean isMessage = config.messages().stream().anyMatch(m -> m.name().equals(group))
                || config.groups().stream().flatMap(g -> g.messages().stream()).anyMatch(m -> m.name().equals(group));
        return "SPOE engine '" + name() + "' has no group '" + group + "' (its groups: " + known + ")"
                + (isMessage ? "; '" + group + "' is a spoe-message: send it through a spoe-group that lists it"
                        : "");
    }

    @Override
    public SpoeVariables processVariables() {
        return new ScopedVariables(proc, new VariableStore());
    }

    @Override
    public SpoeClient client() {
        return client;
    }

    @Override
    public void addListener(SpoeEngineListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        client.addListener(listener);
        listeners.add(listener);
    }

    @Override
    public CompletionStage<Void> connect() {
        return client.connect();
    }

    @Override
    public CompletionStage<Void> closeAsync() {
        closed = true;
        return client.closeAsync();
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }

    VariableStore procStore() {
        return proc;
    }

    // ------------------------------------------------------------------ operations

    CompletionStage<SpoeResult> fire(Exchange x, SpoeEvent event) {
        return enqueue(x, Kind.EVENT, event.keyword(), encodersByEvent.get(event), null);
    }

    CompletionStage<SpoeResult> sendGroup(Exchange x, String group, Condition condition) {
        GroupConfig g = groupsByName.get(group);
        if (g == null) {
            // A stage-returning call reports misuse through the stage: callers compose, they do not catch.
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "unable to find SPOE group '" + group + "' into SPOE engine '" + name() + "' configuration"));
        }
        return enqueue(x, Kind.GROUP, g.name(), encodersByGroup.get(g.name()), condition);
    }

    /** Closes a transaction's or session's exchange and reports its total processing time once. */
    void closeStream(Exchange x, boolean session) {
        boolean first = !x.closed;
        close(x);
        SpoeEngineListener l = listeners.current();
        if (first && l != SpoeEngineListener.NOOP) {
            l.streamClosed(name(), session, x.started, x.totalNanos);
        }
    }

    /** Ends the exchange: interrupts its running operation (code 4); later operations are skipped. */
    void close(Exchange x) {
        x.closed = true;
        Operation op = x.running();
        if (op != null && op.claim()) {
            x.notRunning(op);
            failed(op, new SpoeEngineException("processing interrupted: the "
                    + (x.parent == null ? "session" : "transaction") + " was closed", SpoeEngineException.INTERRUPTED,
                    null));
        }
    }

    private CompletionStage<SpoeResult> enqueue(Exchange x, Kind kind, String name, NotifyEncoder messages,
            Condition condition) {
        CompletableFuture<SpoeResult> result = new CompletableFuture<>();
        Operation op = new Operation(this, x, kind, name, result, messages, condition);
        // The listener that saw the start sees the end, even if another one is added in between.
        op.listener = listeners.current();
        op.context = op.listener.exchangeStarted(name(), kind, name);
        Operation previous = x.enqueue(op);
        if (previous != null) {
            if (!previous.follow(op)) {
                start(op);
            }
        } else if (x.ready.isDone()) {
            start(op);
        } else {
            x.ready.whenComplete((v, e) -> start(op));
        }
        return result;
    }

    private void start(Operation op) {
        NotifyEncoder encoder = op.encoder;
        Condition condition = op.condition;
        Exchange x = op.exchange;
        if (x.inactive()) {
            skipped(op, SkipReason.DISABLED);
            return;
        }
        ByteBuf payload = null;
        List<String> names;
        try {
            if (condition != null && !condition.test(x.attributes())) {
                skipped(op, SkipReason.CONDITION_FALSE);
                return;
            }
            op.startNanos = System.nanoTime();
            payload = encoder.allocate();
            names = encoder.encode(x.attributes(), payload);
        } catch (RuntimeException e) {
            if (payload != null) {
                payload.release();
            }
            if (op.startNanos < 0) {
                op.startNanos = System.nanoTime();
            }
            op.claim();
            failed(op, new SpoeEngineException("evaluating the messages of " + op.name + " failed: " + e,
                    SpoeEngineException.UNKNOWN, e));
            return;
        }
        if (names.isEmpty()) {
            payload.release();
            skipped(op, SkipReason.NO_MESSAGE);
            return;
        }
        op.messageNames = names;
        op.payloadBytes = payload.readableBytes();
        if (op.payloadBytes > payloadBudget) {
            if (!sendFragPayload) {
                payload.release();
                op.payload = Payload.TOO_BIG;
                op.claim();
                failed(op, new SpoeTooBigException("NOTIFY payload of " + op.payloadBytes + " bytes exceeds "
                        + "max-frame-size " + config.agentOptions().maxFrameSize() + " - " + FRAME_HEADER_RESERVE
                        + " and option send-frag-payload is off", null));
                return;
            }
            op.payload = Payload.FRAGMENTED;
        } else {
            op.payload = Payload.FITS;
        }
        x.running(op);
        if (x.closed) {
            payload.release();
            close(x);
            return;
        }
        try {
            // The client owns the payload from here on; the outcome comes back to op.
            client.sendEncoded(payload, op.startNanos + processingTimeoutNanos, op);
        } catch (RuntimeException e) {
            ended(op, e);
        }
    }

    /** A failure of a sent operation: the client's, or one thrown while sending. */
    void ended(Operation op, Throwable error) {
        if (!op.claim()) {
            return;
        }
        op.exchange.notRunning(op);
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SpoeSkippedException) {
            skipped(op, SkipReason.RATE_LIMIT);
        } else if (cause instanceof SpoeClientException e) {
            failed(op, e);
        } else {
            failed(op, new SpoeEngineException("unexpected failure: " + cause, SpoeEngineException.UNKNOWN, cause));
        }
    }

    /**
     * The ACK of a sent operation, on the connection's event loop: its actions are applied straight
     * from the frame ({@code actions}, readable during this call only) or, when they came decoded,
     * from {@code decoded}.
     */
    void acked(Operation op, PendingRequest request, ByteBuf actions, List<Action> decoded, String server) {
        if (!op.claim()) {
            return;
        }
        Exchange x = op.exchange;
        x.notRunning(op);
        List<Action> list;
        if (actions != null) {
            int start = actions.readerIndex();
            int end = actions.writerIndex();
            int count = FrameCodec.readActions(actions, op);
            list = decoded != null ? decoded : AckActions.of(actions, start, end, count);
        } else {
            applier.apply(decoded, op);
            list = decoded;
        }
        long processMs = timing(op);
        // The record's canonical constructor, not SpoeResult.builder(): one result per event or group,
        // no builder object; the three calls here agree with the builder's checks by construction.
        complete(op, new SpoeResult(name(), op.kind, op.name, Status.PROCESSED, null, 0, null, op.messageNames,
                op.payload, op.payloadBytes, list, op.applied(), op.dropped(), server, request.streamId(),
                request.frameId(), processMs, x.totalTimeMs, policy));
    }

    /** Must be called by the winner of {@link Operation#claim()} (or for an operation never sent). */
    private void failed(Operation op, SpoeClientException error) {
        Exchange x = op.exchange;
        if (setOnError != null) {
            applier.setOption(op, setOnError, error.errorCode());
        }
        long processMs = timing(op);
        if (!continueOnError) {
            x.disabled = true;
        }
        complete(op, new SpoeResult(name(), op.kind, op.name, Status.FAILED, null, error.errorCode(), error,
                op.messageNames, op.payload, op.payloadBytes, List.of(), op.applied(), op.dropped(), error.server(),
                -1, -1, processMs, x.totalTimeMs, policy));
    }

    private void skipped(Operation op, SkipReason reason) {
        Exchange x = op.exchange;
        complete(op, new SpoeResult(name(), op.kind, op.name, Status.SKIPPED, reason, 0, null, op.messageNames,
                Payload.NONE, 0, List.of(), List.of(), List.of(), null, -1, -1, -1, x.totalTimeMs, policy));
    }

    /** Sets set-process-time and set-total-time (HAProxy: ms, after every started event or group). */
    private long timing(Operation op) {
        Exchange x = op.exchange;
        long processNanos = System.nanoTime() - op.startNanos;
        long processMs = processNanos / 1_000_000L;
        op.processNanos = processNanos;
        x.totalTimeMs = x.totalTimeMs + processMs;
        x.totalNanos = x.totalNanos + processNanos;
        x.started = x.started + 1;
        if (setProcessTime != null) {
            applier.setOption(op, setProcessTime, processMs);
        }
        if (setTotalTime != null) {
            applier.setOption(op, setTotalTime, x.totalTimeMs);
        }
        return processMs;
    }

    ActionApplier applier() {
        return applier;
    }

    private void complete(Operation op, SpoeResult result) {
        op.listener.exchangeEnded(result, op.processNanos, op.context);
        op.result.complete(result);
        Operation next = op.finish();
        if (next != null) {
            start(next);
        }
    }
}

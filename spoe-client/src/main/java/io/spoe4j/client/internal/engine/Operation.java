package io.spoe4j.client.internal.engine;

import io.netty.buffer.ByteBuf;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeEngineListener;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.DropReason;
import io.spoe4j.client.SpoeResult.DroppedVariable;
import io.spoe4j.client.SpoeResult.Kind;
import io.spoe4j.client.SpoeResult.Payload;
import io.spoe4j.client.SpoeResult.Variable;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.ActionSink;
import io.spoe4j.codec.DataType;
import io.spoe4j.codec.Scope;
import io.spoe4j.client.internal.connection.PendingRequest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One event or group being processed. {@link #claim()} decides which of the ACK, the client's
 * failure and an interruption ends it, so the result completes exactly once. It is the client's
 * {@link PendingRequest.ReplyHandler} for its NOTIFY and the {@link ActionSink} its ACK's actions
 * are decoded into, applied straight to the variable stores; it records what was applied and
 * dropped for the result. The recording is written by the claim's winner only.
 */
final class Operation implements PendingRequest.ReplyHandler, ActionSink {
    private static final VarHandle DONE;
    private static final VarHandle SUCCESSOR;
    /** The successor of an operation that finished: whoever follows it starts at once. */
    private static final Operation FINISHED = new Operation(null, null, null, null, null, null, null);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DONE = l.findVarHandle(Operation.class, "done", int.class);
            SUCCESSOR = l.findVarHandle(Operation.class, "successor", Operation.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DefaultSpoeEngine engine;
    final Exchange exchange;
    final Kind kind;
    final String name;
    final CompletableFuture<SpoeResult> result;
    /** What {@link DefaultSpoeEngine#start} sends, and the group's condition ({@code null} for none). */
    final NotifyEncoder encoder;
    final Condition condition;
    @SuppressWarnings("unused") // through DONE
    private volatile int done;
    /** The operation enqueued right after this one, {@link #FINISHED} once this one ended. */
    @SuppressWarnings("unused") // through SUCCESSOR
    private volatile Operation successor;
    long startNanos = -1;
    List<String> messageNames = List.of();
    Payload payload = Payload.NONE;
    int payloadBytes;
    /** The processing time once ended, -1 when it never started. */
    long processNanos = -1;
    /** The engine's listener when the operation was asked for, and what its {@code exchangeStarted} returned. */
    SpoeEngineListener listener;
    Object context;
    /** Applied variables as (full name, value) pairs, and dropped ones; see {@link #applied()}. */
    private Object[] applied;
    private static final int APPLIED_INITIAL = 2 * 6;
    private int appliedCount;
    private List<DroppedVariable> dropped;

    Operation(DefaultSpoeEngine engine, Exchange exchange, Kind kind, String name, CompletableFuture<SpoeResult> result,
            NotifyEncoder encoder, Condition condition) {
        this.engine = engine;
        this.exchange = exchange;
        this.kind = kind;
        this.name = name;
        this.result = result;
        this.encoder = encoder;
        this.condition = condition;
    }

    boolean claim() {
        return DONE.compareAndSet(this, 0, 1);
    }

    /** Makes {@code next} start when this operation ends; false when it ended already (start it now). */
    boolean follow(Operation next) {
        return SUCCESSOR.compareAndSet(this, (Operation) null, next);
    }

    /** Marks this operation ended; returns the operation to start now, or {@code null}. */
    Operation finish() {
        Operation next = (Operation) SUCCESSOR.getAndSet(this, FINISHED);
        return next == FINISHED ? null : next;
    }

    // ------------------------------------------------------------------ the client's outcome

    @Override
    public void replied(PendingRequest request, ByteBuf actions, List<Action> decoded, String server) {
        engine.acked(this, request, actions, decoded, server);
    }

    @Override
    public void failed(PendingRequest request, SpoeClientException error) {
        engine.ended(this, error);
    }

    // ------------------------------------------------------------------ results

    void applied(String fullName, Sample value) {
        Object[] a = applied;
        if (a == null) {
            a = applied = new Object[APPLIED_INITIAL];
        } else if (2 * appliedCount == a.length) {
            a = applied = java.util.Arrays.copyOf(a, 2 * a.length);
        }
        a[2 * appliedCount] = fullName;
        a[2 * appliedCount + 1] = value;
        appliedCount++;
    }

    void dropped(String fullName, DropReason reason) {
        if (dropped == null) {
            dropped = new ArrayList<>(2);
        }
        dropped.add(new DroppedVariable(fullName, reason));
    }

    List<Variable> applied() {
        return appliedCount == 0 ? List.of() : new AppliedVariables(applied, appliedCount);
    }

    List<DroppedVariable> dropped() {
        return dropped == null ? List.of() : dropped;
    }

    // ------------------------------------------------------------------ ACK actions, straight to the stores

    @Override
    public void unsetVar(Scope scope, String name) {
        engine.applier().put(this, scope, name, null);
    }

    @Override
    public void setNull(Scope scope, String name) {
        engine.applier().put(this, scope, name, null);
    }

    @Override
    public void setBool(Scope scope, String name, boolean value) {
        engine.applier().put(this, scope, name, Sample.bool(value));
    }

    @Override
    public void setInt(Scope scope, String name, DataType type, long value) {
        engine.applier().put(this, scope, name, Values.integer(value));
    }

    @Override
    public void setAddress(Scope scope, String name, DataType type, ByteBuf in, int index) {
        byte[] address = new byte[type == DataType.IPV4 ? 4 : 16];
        in.getBytes(index, address);
        engine.applier().put(this, scope, name, type == DataType.IPV4 ? new Sample.Ipv4(address)
                : new Sample.Ipv6(address));
    }

    @Override
    public void setBytes(Scope scope, String name, DataType type, ByteBuf in, int index, int length) {
        Sample value;
        if (type == DataType.STRING) {
            value = Sample.str(in.toString(index, length, StandardCharsets.UTF_8));
        } else {
            byte[] bytes = new byte[length];
            in.getBytes(index, bytes);
            value = Sample.bin(bytes);
        }
        engine.applier().put(this, scope, name, value);
    }
}

package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.RequestAttributes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * The per-stream state of an engine: the variables it sees, the attributes events read, whether
 * an error disabled the engine, the running exchange and the chain that runs events one at a time.
 * A session has one for its session-level events; each transaction has its own, with the session's
 * as parent (a disabled or closed session disables its transactions).
 *
 * <p>Operations run one after the other: each new one follows the last one enqueued
 * ({@link Operation#follow}), the first one waits for {@code ready} (a transaction's: its
 * session's on-client-session). A transaction's exchange is the {@link DefaultSpoeTransaction} itself
 * (one object per transaction instead of two).
 */
class Exchange {
    private static final VarHandle TAIL;
    private static final VarHandle RUNNING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(Exchange.class, "tail", Operation.class);
            RUNNING = l.findVarHandle(Exchange.class, "running", Operation.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Exchange parent;
    final ScopedVariables vars;
    /** Completes when the first operation may start. */
    final CompletableFuture<Void> ready;
    /** The operation enqueued last, or {@code null} before the first. */
    @SuppressWarnings("unused") // through TAIL
    private volatile Operation tail;
    /** The operation sent and waiting for its outcome, or {@code null}. */
    private volatile Operation running;
    private volatile EngineAttributes attributes;
    volatile boolean disabled;
    volatile boolean closed;
    /** Sum of process times; only written by the operation in progress, operations being serialized. */
    volatile long totalTimeMs;
    /** The same sum in nanoseconds, and how many operations it adds up; written like totalTimeMs. */
    volatile long totalNanos;
    volatile int started;

    Exchange(Exchange parent, ScopedVariables vars, RequestAttributes attributes, CompletableFuture<Void> ready) {
        this.parent = parent;
        this.vars = vars;
        this.ready = ready;
        attributes(attributes);
    }

    /** Makes {@code op} the last operation; returns the one it must follow, or {@code null}. */
    Operation enqueue(Operation op) {
        return (Operation) TAIL.getAndSet(this, op);
    }

    Operation running() {
        return running;
    }

    void running(Operation op) {
        running = op;
    }

    /** Clears the running operation if it is still {@code op}. */
    void notRunning(Operation op) {
        RUNNING.compareAndSet(this, op, null);
    }

    void attributes(RequestAttributes attributes) {
        if (attributes == null) {
            throw new NullPointerException("attributes");
        }
        if (attributes instanceof EngineAttributes own) {
            attributes = own.delegate();
        }
        this.attributes = new EngineAttributes(attributes, vars);
    }

    EngineAttributes attributes() {
        return attributes;
    }

    /** Whether events must be skipped: an error disabled the engine, or this or the parent was closed. */
    boolean inactive() {
        return disabled || closed || (parent != null && (parent.disabled || parent.closed));
    }

    boolean isDisabled() {
        return disabled || (parent != null && parent.disabled);
    }
}

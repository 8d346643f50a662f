package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.RequestAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The per-stream state of an engine: the variables it sees, the attributes events read, whether
 * an error disabled the engine, the running exchange and the chain that runs events one at a time.
 * A session has one for its session-level events; each transaction has its own, with the session's
 * as parent (a disabled or closed session disables its transactions).
 */
final class Exchange {
    final Exchange parent;
    final ScopedVariables vars;
    final AtomicReference<CompletableFuture<Void>> tail;
    final AtomicReference<Operation> running = new AtomicReference<>();
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
        this.tail = new AtomicReference<>(ready);
        attributes(attributes);
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

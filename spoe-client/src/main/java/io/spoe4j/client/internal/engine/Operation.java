package io.spoe4j.client.internal.engine;

import io.spoe4j.client.AgentReply;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.Kind;
import io.spoe4j.client.SpoeResult.Payload;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One event or group being processed. {@link #claim()} decides which of the ACK, the client's
 * failure and an interruption ends it, so the result completes exactly once.
 */
final class Operation implements BiConsumer<AgentReply, Throwable> {
    private final DefaultSpoeEngine engine;
    final Exchange exchange;
    final Kind kind;
    final String name;
    final CompletableFuture<SpoeResult> result;
    final CompletableFuture<Void> next;
    private final AtomicBoolean done = new AtomicBoolean();
    long startNanos = -1;
    List<String> messageNames = List.of();
    Payload payload = Payload.NONE;
    int payloadBytes;
    /** The processing time once ended, -1 when it never started. */
    long processNanos = -1;
    /** The engine's listener when the operation was asked for, and what its {@code exchangeStarted} returned. */
    io.spoe4j.client.SpoeEngineListener listener;
    Object context;

    Operation(DefaultSpoeEngine engine, Exchange exchange, Kind kind, String name, CompletableFuture<SpoeResult> result,
            CompletableFuture<Void> next) {
        this.engine = engine;
        this.exchange = exchange;
        this.kind = kind;
        this.name = name;
        this.result = result;
        this.next = next;
    }

    boolean claim() {
        return done.compareAndSet(false, true);
    }

    /** The client's outcome for this operation (its own {@code whenComplete} action: no lambda per send). */
    @Override
    public void accept(AgentReply reply, Throwable error) {
        engine.ended(this, reply, error);
    }
}

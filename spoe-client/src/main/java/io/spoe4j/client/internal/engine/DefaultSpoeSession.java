package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.config.SpoeEvent;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A downstream connection: the sess store and the on-client-session exchange. Thread-safe. */
final class DefaultSpoeSession implements SpoeSession {
    private final DefaultSpoeEngine engine;
    private final VariableStore sess = new VariableStore();
    private final Exchange exchange;
    private final CompletionStage<SpoeResult> clientSession;
    private final CompletableFuture<Void> ready;

    DefaultSpoeSession(DefaultSpoeEngine engine, RequestAttributes attributes) {
        Objects.requireNonNull(attributes, "connectionAttributes");
        this.engine = engine;
        this.exchange = new Exchange(null, new ScopedVariables(engine.procStore(), sess), attributes,
                CompletableFuture.completedFuture(null));
        this.clientSession = engine.fire(exchange, SpoeEvent.ON_CLIENT_SESSION);
        this.ready = clientSession.toCompletableFuture().thenApply(r -> (Void) null);
    }

    @Override
    public SpoeEngine engine() {
        return engine;
    }

    @Override
    public CompletionStage<SpoeResult> clientSessionResult() {
        return clientSession;
    }

    @Override
    public SpoeTransaction newTransaction(RequestAttributes attributes) {
        Objects.requireNonNull(attributes, "attributes");
        return new DefaultSpoeTransaction(engine, exchange, new ScopedVariables(engine.procStore(), sess), attributes,
                ready);
    }

    @Override
    public SpoeVariables variables() {
        return exchange.vars;
    }

    @Override
    public boolean disabled() {
        return exchange.disabled;
    }

    @Override
    public void close() {
        engine.closeStream(exchange, true);
    }
}

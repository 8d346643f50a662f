package io.spoe4j.undertow.internal;

import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.undertow.SpoeExchange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One engine's state for one exchange, kept as an exchange attachment. Thread-safe. */
final class ExchangeState implements SpoeExchange {
    private final String engine;
    private final SpoeSession session;
    private final SpoeTransaction transaction;
    private final List<SpoeResult> results = new CopyOnWriteArrayList<>();
    private volatile ExchangeAttributes attributes;
    private volatile boolean blocked;

    ExchangeState(String engine, SpoeSession session, SpoeTransaction transaction, ExchangeAttributes attributes) {
        this.engine = engine;
        this.session = session;
        this.transaction = transaction;
        this.attributes = attributes;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public SpoeTransaction transaction() {
        return transaction;
    }

    @Override
    public SpoeSession session() {
        return session;
    }

    @Override
    public List<SpoeResult> results() {
        return List.copyOf(results);
    }

    @Override
    public boolean blocked() {
        return blocked;
    }

    void add(SpoeResult result) {
        results.add(result);
        if (result.shouldBlock()) {
            blocked = true;
        }
    }

    ExchangeAttributes attributes() {
        return attributes;
    }

    void attributes(ExchangeAttributes attributes) {
        this.attributes = attributes;
        transaction.attributes(attributes);
    }

    @Override
    public String toString() {
        return "SpoeExchange[" + engine + ", " + results.size() + " results" + (blocked ? ", blocked" : "") + "]";
    }
}

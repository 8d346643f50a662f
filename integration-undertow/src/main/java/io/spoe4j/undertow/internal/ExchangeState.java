package io.spoe4j.undertow.internal;

import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.undertow.SpoeExchange;
import java.util.List;

/** One engine's state for one exchange, kept as an exchange attachment. Thread-safe. */
final class ExchangeState implements SpoeExchange {
    private final String engine;
    private final SpoeSession session;
    private final HttpTransaction txn;
    private volatile ExchangeAttributes attributes;

    ExchangeState(String engine, SpoeSession session, HttpTransaction txn, ExchangeAttributes attributes) {
        this.engine = engine;
        this.session = session;
        this.txn = txn;
        this.attributes = attributes;
    }

    HttpTransaction txn() {
        return txn;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public SpoeTransaction transaction() {
        return txn.transactions().get(0);
    }

    @Override
    public SpoeSession session() {
        return session;
    }

    @Override
    public List<SpoeResult> results() {
        return txn.results();
    }

    @Override
    public boolean blocked() {
        return txn.blocked();
    }

    ExchangeAttributes attributes() {
        return attributes;
    }

    void attributes(ExchangeAttributes attributes) {
        this.attributes = attributes;
        txn.baseAttributes(attributes);
    }

    @Override
    public String toString() {
        return "SpoeExchange[" + engine + ", " + results().size() + " results" + (blocked() ? ", blocked" : "") + "]";
    }
}

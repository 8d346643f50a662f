package io.spoe4j.spring.internal;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.spring.SpoeExchange;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** One exchange under one processor: its rule-engine transaction, attributes and sessions. */
final class ExchangeState implements SpoeExchange {
    final String engine;
    final HttpTransaction txn;
    final WebAttributes attributes;
    final ConnectionSessions sessions;
    /** Whether the request body had been read when the request side decided (for keep-alive on local replies). */
    volatile boolean bodyRead;
    private final AtomicBoolean finished = new AtomicBoolean();

    ExchangeState(String engine, HttpTransaction txn, WebAttributes attributes, ConnectionSessions sessions) {
        this.engine = engine;
        this.txn = txn;
        this.attributes = attributes;
        this.sessions = sessions;
    }

    boolean finished() {
        return finished.get();
    }

    /** Ends the transaction (and per-request sessions); idempotent. */
    void finish() {
        if (finished.compareAndSet(false, true)) {
            try {
                txn.close();
            } finally {
                sessions.requestDone();
            }
        }
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public RequestAttributes attributes() {
        return txn.attributes();
    }

    @Override
    public SpoeVariables variables() {
        return txn.variables();
    }

    @Override
    public List<SpoeResult> results() {
        return txn.results();
    }

    @Override
    public boolean blocked() {
        return txn.blocked();
    }

    @Override
    public Optional<String> backend() {
        return txn.backend();
    }
}

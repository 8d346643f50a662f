package io.spoe4j.client;

/**
 * Exchange-level events of a {@link SpoeEngine} (one exchange is one event or group of one
 * transaction or session), on top of its client's connection events. Register one with
 * {@link SpoeEngine#addListener} or {@link SpoeEngine.Builder#listener}. The same rules as for
 * {@link SpoeClientListener} apply: quick, thread-safe, never blocking nor throwing; outcomes are
 * reported before the result's stage completes. An engine without listener calls {@link #NOOP}.
 */
public interface SpoeEngineListener extends SpoeClientListener {
    /** The listener of an engine that has none: every method does nothing. */
    SpoeEngineListener NOOP = new SpoeEngineListener() {
    };

    /**
     * An event was fired or a group sent, on the caller's thread (so a tracer sees the caller's
     * context). What it returns is handed back to {@link #exchangeEnded}; {@code null} is fine.
     */
    default Object exchangeStarted(String engine, SpoeResult.Kind kind, String name) {
        return null;
    }

    /**
     * The exchange ended: processed, skipped or failed. {@code processNanos} is the processing time
     * (HAProxy's {@code set-process-time}, in nanoseconds), -1 when nothing was started (skipped).
     */
    default void exchangeEnded(SpoeResult result, long processNanos, Object context) {
    }

    /**
     * A transaction ({@code session} false) or a session closed after {@code exchanges} started
     * exchanges (skipped ones not counted) whose processing times add up to {@code totalNanos}
     * (HAProxy's {@code set-total-time}, in nanoseconds).
     */
    default void streamClosed(String engine, boolean session, int exchanges, long totalNanos) {
    }
}

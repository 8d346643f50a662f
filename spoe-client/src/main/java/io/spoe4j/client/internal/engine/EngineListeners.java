package io.spoe4j.client.internal.engine;

import io.spoe4j.client.SpoeEngineListener;
import io.spoe4j.client.SpoeResult;

/**
 * The exchange-level listeners of one engine, as one: {@link SpoeEngineListener#NOOP} until one is
 * added, then the listener, then pairs whose start contexts travel as a two-element array. Only
 * the exchange events go through here; the connection events go to the client's listeners.
 * Thread-safe: reads are one volatile load, adding is synchronized.
 */
final class EngineListeners {
    private volatile SpoeEngineListener current = SpoeEngineListener.NOOP;

    synchronized void add(SpoeEngineListener listener) {
        SpoeEngineListener c = current;
        current = c == SpoeEngineListener.NOOP ? listener : new Pair(c, listener);
    }

    SpoeEngineListener current() {
        return current;
    }

    /** Two listeners, called in order; their start contexts are kept side by side. */
    private record Pair(SpoeEngineListener a, SpoeEngineListener b) implements SpoeEngineListener {
        @Override
        public Object exchangeStarted(String engine, SpoeResult.Kind kind, String name) {
            return new Object[] {a.exchangeStarted(engine, kind, name), b.exchangeStarted(engine, kind, name)};
        }

        @Override
        public void exchangeEnded(SpoeResult result, long processNanos, Object context) {
            Object[] both = (Object[]) context;
            a.exchangeEnded(result, processNanos, both[0]);
            b.exchangeEnded(result, processNanos, both[1]);
        }

        @Override
        public void streamClosed(String engine, boolean session, int exchanges, long totalNanos) {
            a.streamClosed(engine, session, exchanges, totalNanos);
            b.streamClosed(engine, session, exchanges, totalNanos);
        }
    }
}

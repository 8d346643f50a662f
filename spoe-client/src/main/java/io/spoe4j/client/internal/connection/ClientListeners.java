package io.spoe4j.client.internal.connection;

import io.spoe4j.client.AgentHandshake;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;

/**
 * The listeners of one client, as one: forwards every event to the current listener, which is
 * {@link SpoeClientListener#NOOP} until one is added, the single listener when there is one, and a
 * pair when more are added. Listeners can be added while requests run (a meter binder bound after
 * the client was built). Thread-safe: reads are one volatile load, adding is synchronized.
 */
public final class ClientListeners implements SpoeClientListener {
    private volatile SpoeClientListener current;

    public ClientListeners(SpoeClientListener initial) {
        this.current = initial == null ? NOOP : initial;
    }

    /** Adds {@code listener} after the ones already there. */
    public synchronized void add(SpoeClientListener listener) {
        SpoeClientListener c = current;
        current = c == NOOP ? listener : new Pair(c, listener);
    }

    /** The listener events go to. */
    public SpoeClientListener current() {
        return current;
    }

    @Override
    public void connected(String server) {
        current.connected(server);
    }

    @Override
    public void connectFailed(String server, Throwable cause) {
        current.connectFailed(server, cause);
    }

    @Override
    public void handshake(String server, AgentHandshake handshake) {
        current.handshake(server, handshake);
    }

    @Override
    public void disconnected(String server, long status, String reason, boolean byAgent) {
        current.disconnected(server, status, reason, byAgent);
    }

    @Override
    public void timeout(String server, long streamId, long frameId) {
        current.timeout(server, streamId, frameId);
    }

    @Override
    public void error(String server, SpoeClientException error) {
        current.error(server, error);
    }

    @Override
    public void serverState(String server, boolean up, String reason) {
        current.serverState(server, up, reason);
    }

    @Override
    public void notifySent(String server, long streamId, long frameId, int frameBytes) {
        current.notifySent(server, streamId, frameId, frameBytes);
    }

    @Override
    public void ackReceived(String server, long streamId, long frameId, int frameBytes) {
        current.ackReceived(server, streamId, frameId, frameBytes);
    }

    @Override
    public void replied(AgentReply reply) {
        current.replied(reply);
    }

    @Override
    public void requestFailed(SpoeClientException error, long streamId, long frameId, long elapsedNanos) {
        current.requestFailed(error, streamId, frameId, elapsedNanos);
    }

    /** Two listeners, called in order. */
    private record Pair(SpoeClientListener a, SpoeClientListener b) implements SpoeClientListener {
        @Override
        public void connected(String server) {
            a.connected(server);
            b.connected(server);
        }

        @Override
        public void connectFailed(String server, Throwable cause) {
            a.connectFailed(server, cause);
            b.connectFailed(server, cause);
        }

        @Override
        public void handshake(String server, AgentHandshake handshake) {
            a.handshake(server, handshake);
            b.handshake(server, handshake);
        }

        @Override
        public void disconnected(String server, long status, String reason, boolean byAgent) {
            a.disconnected(server, status, reason, byAgent);
            b.disconnected(server, status, reason, byAgent);
        }

        @Override
        public void timeout(String server, long streamId, long frameId) {
            a.timeout(server, streamId, frameId);
            b.timeout(server, streamId, frameId);
        }

        @Override
        public void error(String server, SpoeClientException error) {
            a.error(server, error);
            b.error(server, error);
        }

        @Override
        public void serverState(String server, boolean up, String reason) {
            a.serverState(server, up, reason);
            b.serverState(server, up, reason);
        }

        @Override
        public void notifySent(String server, long streamId, long frameId, int frameBytes) {
            a.notifySent(server, streamId, frameId, frameBytes);
            b.notifySent(server, streamId, frameId, frameBytes);
        }

        @Override
        public void ackReceived(String server, long streamId, long frameId, int frameBytes) {
            a.ackReceived(server, streamId, frameId, frameBytes);
            b.ackReceived(server, streamId, frameId, frameBytes);
        }

        @Override
        public void replied(AgentReply reply) {
            a.replied(reply);
            b.replied(reply);
        }

        @Override
        public void requestFailed(SpoeClientException error, long streamId, long frameId, long elapsedNanos) {
            a.requestFailed(error, streamId, frameId, elapsedNanos);
            b.requestFailed(error, streamId, frameId, elapsedNanos);
        }
    }
}

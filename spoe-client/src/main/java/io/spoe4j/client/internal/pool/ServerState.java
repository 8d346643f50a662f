package io.spoe4j.client.internal.pool;

import io.netty.bootstrap.Bootstrap;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.codec.Action;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.ConnectionOwner;
import io.spoe4j.client.internal.connection.PendingRequest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The pool's view of one agent server: its ready connections (a copy-on-write array read without
 * a lock), connections being opened, health and backoff. Mutable fields are guarded by the
 * pool's lock; {@link #ready} is volatile so requests can pick a connection without locking.
 */
final class ServerState implements ConnectionOwner {
    private static final AgentConnection[] NONE = new AgentConnection[0];

    final AgentServer server;
    final String name;
    final Bootstrap bootstrap;
    private final EnginePool pool;

    volatile AgentConnection[] ready = NONE;
    volatile boolean up = true;
    int connecting;
    int consecutiveFailures;
    long retryAtNanos;
    int expectedSlots;
    int checkSuccesses;
    int checkFailures;
    SpoeClientException lastError;
    ScheduledFuture<?> healthTimer;

    ServerState(AgentServer server, Bootstrap bootstrap, EnginePool pool, int expectedSlots) {
        this.server = server;
        this.name = server.name();
        this.bootstrap = bootstrap;
        this.pool = pool;
        this.expectedSlots = expectedSlots;
    }

    /** Reserves a slot on the first ready connection with room. Lock-free. */
    AgentConnection reserve() {
        for (AgentConnection c : ready) {
            if (c.tryReserve()) {
                return c;
            }
        }
        return null;
    }

    /** Requests reserved or in flight on this server. Lock-free. */
    int load() {
        int n = 0;
        for (AgentConnection c : ready) {
            n += c.load();
        }
        return n;
    }

    boolean hasRoom() {
        for (AgentConnection c : ready) {
            if (c.load() < c.slotLimit()) {
                return true;
            }
        }
        return false;
    }

    int connectionCount() {
        return ready.length + connecting;
    }

    void addReady(AgentConnection c) {
        AgentConnection[] old = ready;
        AgentConnection[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = c;
        ready = next;
    }

    boolean removeReady(AgentConnection c) {
        AgentConnection[] old = ready;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == c) {
                AgentConnection[] next = new AgentConnection[old.length - 1];
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                ready = next;
                return true;
            }
        }
        return false;
    }

    @Override
    public void ready(AgentConnection connection) {
        pool.connectionReady(this, connection);
    }

    @Override
    public void slotFreed(AgentConnection connection) {
        pool.slotFreed(connection);
    }

    @Override
    public void closed(AgentConnection connection, SpoeClientException cause, boolean wasReady) {
        pool.connectionClosed(this, connection, cause, wasReady);
    }

    @Override
    public void redispatch(PendingRequest request) {
        pool.redispatch(request);
    }

    @Override
    public boolean asyncAck(long streamId, long frameId, List<Action> actions, AgentConnection receivedOn) {
        return pool.asyncAck(streamId, frameId, actions);
    }
}

package io.spoe4j.client.internal.pool;

import io.netty.bootstrap.Bootstrap;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.internal.connection.AgentConnection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The pool's view of one agent server: its ready connections (a copy-on-write array read without
 * a lock, and the same connections grouped by the event loop they live on), connections being
 * opened, health and backoff. Thread-safety: mutable fields are guarded by the pool's lock;
 * {@link #ready}, {@link #readyByLoop} and {@link #up} are volatile so requests can pick a
 * connection without locking.
 */
final class ServerState {
    private static final AgentConnection[] NONE = new AgentConnection[0];

    final AgentServer server;
    final String name;
    final Bootstrap bootstrap;
    /** This server's index in the pool, given to its connections ({@link AgentConnection#serverIndex()}). */
    final int index;

    volatile AgentConnection[] ready = NONE;
    /** Ready connections by the index of their event loop in the pool's loops (copy-on-write). */
    volatile AgentConnection[][] readyByLoop;
    /** Connections being opened, by event loop index; read without the lock only as a hint. */
    final int[] connectingOn;
    volatile boolean up = true;
    int connecting;
    int consecutiveFailures;
    long retryAtNanos;
    int expectedSlots;
    int checkSuccesses;
    int checkFailures;
    SpoeClientException lastError;
    ScheduledFuture<?> healthTimer;
    /** Futures of {@code EnginePool.connect} waiting for this server's next ready connection (or its failure). */
    List<CompletableFuture<SpoeClientException>> readyWaiters = List.of();

    ServerState(AgentServer server, Bootstrap bootstrap, int index, int expectedSlots, int loops) {
        this.server = server;
        this.name = server.name();
        this.bootstrap = bootstrap;
        this.index = index;
        this.expectedSlots = expectedSlots;
        this.connectingOn = new int[loops];
        AgentConnection[][] byLoop = new AgentConnection[loops][];
        Arrays.fill(byLoop, NONE);
        this.readyByLoop = byLoop;
    }

    /**
     * Reserves a slot on a ready connection of event loop {@code loop} first (none is tried when
     * {@code loop} is negative), then on any ready connection with room. Lock-free.
     */
    AgentConnection reserve(int loop) {
        if (loop >= 0) {
            for (AgentConnection c : readyByLoop[loop]) {
                if (c.tryReserve()) {
                    return c;
                }
            }
        }
        return reserve();
    }

    /** Whether no connection lives on, or is being opened on, event loop {@code loop}. Lock-free hint. */
    boolean noneOn(int loop) {
        return readyByLoop[loop].length == 0 && connectingOn[loop] == 0;
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

    /** Whether the backoff after failed connections still forbids opening one at {@code now}. */
    boolean backingOff(long now) {
        return consecutiveFailures > 0 && now - retryAtNanos < 0;
    }

    /** Under the lock: the connect() futures waiting on this server, now taken from it. */
    List<CompletableFuture<SpoeClientException>> takeWaiters() {
        List<CompletableFuture<SpoeClientException>> w = readyWaiters;
        readyWaiters = List.of();
        return w;
    }

    void addReady(AgentConnection c) {
        AgentConnection[] old = ready;
        AgentConnection[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = c;
        ready = next;
        int loop = c.loopIndex();
        if (loop >= 0 && loop < connectingOn.length) {
            AgentConnection[][] byLoop = readyByLoop.clone();
            AgentConnection[] on = byLoop[loop];
            AgentConnection[] grown = Arrays.copyOf(on, on.length + 1);
            grown[on.length] = c;
            byLoop[loop] = grown;
            readyByLoop = byLoop;
        }
    }

    /** A connection being opened on {@code loop} (negative: none in particular) ended, ready or failed. */
    void connectingDone(int loop) {
        connecting--;
        if (loop >= 0 && loop < connectingOn.length) {
            connectingOn[loop]--;
        }
    }

    boolean removeReady(AgentConnection c) {
        AgentConnection[] old = ready;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == c) {
                AgentConnection[] next = new AgentConnection[old.length - 1];
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                ready = next;
                removeFromLoop(c);
                return true;
            }
        }
        return false;
    }

    private void removeFromLoop(AgentConnection c) {
        int loop = c.loopIndex();
        if (loop < 0 || loop >= connectingOn.length) {
            return;
        }
        AgentConnection[][] byLoop = readyByLoop.clone();
        AgentConnection[] on = byLoop[loop];
        for (int i = 0; i < on.length; i++) {
            if (on[i] == c) {
                AgentConnection[] next = new AgentConnection[on.length - 1];
                System.arraycopy(on, 0, next, 0, i);
                System.arraycopy(on, i + 1, next, i, on.length - i - 1);
                byLoop[loop] = next;
                readyByLoop = byLoop;
                return;
            }
        }
    }
}

package io.spoe4j.client.internal.pool;

import io.spoe4j.options.Balance;
import io.spoe4j.client.internal.connection.AgentConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the connection a request goes to: the server by the balance algorithm (roundrobin, or
 * leastconn with ties going round), then within that server a connection of the caller's event
 * loop first (affinity), so the NOTIFY write, the ACK and the completion stay on one thread.
 * Affinity never changes the server chosen. When the chosen server has no connection yet, or none
 * on the caller's loop, it asks {@link Growth} for one; the request itself never waits here.
 *
 * <p>Thread-safety: lock-free and allocation-free; reads the servers' copy-on-write arrays and
 * reserves a slot with a compare-and-set on the connection.
 */
final class Balancer {
    /** Where the balancer asks for connections it lacks; see {@link ConnectionGrower}. */
    interface Growth {
        /** {@code s} is up and has no connection at all: open a first one (on {@code loop} if not negative). */
        void warmUp(ServerState s, int loop);

        /** {@code s} has no connection on event loop {@code loop}: open one there if the limits allow. */
        void growOn(ServerState s, int loop);
    }

    private final ServerState[] servers;
    private final boolean leastConn;
    private final Growth growth;
    private final AtomicInteger roundRobin = new AtomicInteger();

    Balancer(ServerState[] servers, Balance balance, Growth growth) {
        this.servers = servers;
        this.leastConn = balance == Balance.LEASTCONN;
        this.growth = growth;
    }

    /**
     * A connection with a reserved slot, or {@code null} when none has room: the server chosen by
     * the balance algorithm, and within it a connection of event loop {@code loop} first (negative:
     * any).
     */
    AgentConnection pick(int loop) {
        int n = servers.length;
        if (n == 1) {
            ServerState s = servers[0];
            if (!s.up) {
                return null;
            }
            AgentConnection c = s.reserve(loop);
            if (loop >= 0 && (c == null || c.loopIndex() != loop) && s.noneOn(loop)) {
                growth.growOn(s, loop);
            }
            return c;
        }
        int start = Math.floorMod(roundRobin.getAndIncrement(), n);
        ServerState first = servers[start];
        if (first.up && first.ready.length == 0 && first.connecting == 0) {
            growth.warmUp(first, loop);
        }
        AgentConnection c = pickServer(start, loop);
        if (c != null && loop >= 0 && c.loopIndex() != loop) {
            ServerState s = servers[c.serverIndex()];
            if (s.noneOn(loop)) {
                growth.growOn(s, loop);
            }
        }
        return c;
    }

    private AgentConnection pickServer(int start, int loop) {
        int n = servers.length;
        if (leastConn) {
            // Ties go to the server after the last one picked, so equal loads alternate.
            ServerState best = null;
            int bestLoad = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                ServerState s = servers[(start + i) % n];
                if (s.up && s.hasRoom()) {
                    int load = s.load();
                    if (load < bestLoad) {
                        best = s;
                        bestLoad = load;
                    }
                }
            }
            if (best != null) {
                AgentConnection c = best.reserve(loop);
                if (c != null) {
                    return c;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            ServerState s = servers[(start + i) % n];
            if (s.up) {
                AgentConnection c = s.reserve(loop);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }
}

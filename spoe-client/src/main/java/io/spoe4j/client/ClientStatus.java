package io.spoe4j.client;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a {@link SpoeClient}'s pool, for gauges and diagnostics: the wait queue, the
 * throttling counts and each agent server's connections. Reading one takes the pool's lock
 * briefly; it is meant for a metrics scrape, not for every request. Immutable.
 *
 * @param queued requests waiting for a connection slot
 * @param connRateRefusals connections not opened because {@code maxconnrate} was reached, since the start
 * @param errRateSkips requests skipped because {@code maxerrrate} was exceeded, since the start
 * @param servers every agent server, in configuration order
 */
public record ClientStatus(int queued, long connRateRefusals, long errRateSkips, List<ServerStatus> servers) {
    public ClientStatus {
        servers = List.copyOf(servers);
    }

    /** Requests reserved or in flight over all servers. */
    public int inFlight() {
        int n = 0;
        for (ServerStatus s : servers) {
            n += s.inFlight();
        }
        return n;
    }

    /** The status of the server named {@code name}, or {@code null}. */
    public ServerStatus server(String name) {
        for (ServerStatus s : servers) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * One agent server.
     *
     * @param name the server's name
     * @param up what the health checks say (always true without health checks)
     * @param connecting connections opening: TCP connect or HELLO handshake under way
     * @param ready connections that completed the handshake and take NOTIFY frames
     * @param closing connections sending or waiting for a DISCONNECT
     * @param inFlight NOTIFY frames reserved or waiting for their ACK on this server's connections
     */
    public record ServerStatus(String name, boolean up, int connecting, int ready, int closing, int inFlight) {
        public ServerStatus {
            Objects.requireNonNull(name, "name");
        }
    }
}

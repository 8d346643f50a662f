package io.spoe4j.client.internal.pool;

import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.SpoeProtocolException;
import io.spoe4j.client.SpoeResourceException;
import io.spoe4j.client.SpoeSkippedException;
import io.spoe4j.client.SpoeTimeoutException;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.PendingRequest;
import io.spoe4j.codec.SpopStatus;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The errors the pool fails requests and warm-ups with, in one place so that each names the
 * limit or the state it hit: timeouts by the phase the request was in, refusals by the option
 * that refused, and why no connection can come. Stateless; thread-safe.
 */
final class PoolErrors {
    private PoolErrors() {
    }

    static SpoeResourceException closed() {
        return new SpoeResourceException("client is closed", null, null);
    }

    static SpoeResourceException closedWhileConnecting() {
        return new SpoeResourceException("client closed while connecting", null, null);
    }

    static SpoeResourceException closedWhileQueued() {
        return new SpoeResourceException("client closed while waiting for a connection", null, null);
    }

    static SpoeResourceException noServerUp() {
        return new SpoeResourceException("no agent server is up", null, null);
    }

    static SpoeResourceException loopsShutDown(Throwable cause) {
        return new SpoeResourceException("event loop group is shut down", null, cause);
    }

    static SpoeResourceException queueFull(int capacity) {
        return new SpoeResourceException("wait queue is full (" + capacity + " requests waiting for a connection)",
                null, null);
    }

    static SpoeResourceException queueOverflow() {
        return new SpoeResourceException("wait queue overflow", null, null);
    }

    static SpoeResourceException connRateReached(String server) {
        return new SpoeResourceException("maxconnrate reached: no connection opened to " + server, server, null);
    }

    static SpoeSkippedException errRateSkipped(int maxErrRate) {
        return new SpoeSkippedException("processing skipped: more than " + maxErrRate
                + " errors per second (maxerrrate)");
    }

    static SpoeTooBigException tooBig(int length, int maxFrameSize) {
        return new SpoeTooBigException("NOTIFY of " + length + " bytes exceeds max-frame-size " + maxFrameSize, null);
    }

    static SpoeTimeoutException expiredBeforeSending() {
        return new SpoeTimeoutException("timeout processing expired before sending", null,
                SpoeTimeoutException.Phase.QUEUE);
    }

    static SpoeConnectionException closedBeforeHandshake(String server) {
        return new SpoeConnectionException("connection closed before its handshake", server,
                SpopStatus.IO_ERROR.code(), false, null);
    }

    /**
     * The timeout of a request whose deadline passed, by where it waited: for its ACK (sent on a
     * connection), for a new connection's AGENT-HELLO (connections are being opened), or for a slot.
     */
    static SpoeTimeoutException deadline(PendingRequest request, AgentConnection sentOn,
            boolean connectionsComing) {
        long limitMs = TimeUnit.NANOSECONDS.toMillis(request.deadlineNanos() - request.startNanos());
        if (sentOn != null) {
            return new SpoeTimeoutException("timeout processing (" + limitMs + " ms) expired waiting for the ACK of sid="
                    + request.streamId() + " fid=" + request.frameId(), sentOn.serverName(),
                    SpoeTimeoutException.Phase.ACK);
        }
        if (connectionsComing) {
            return new SpoeTimeoutException("timeout processing (" + limitMs + " ms) expired waiting for a new"
                    + " connection's AGENT-HELLO", null, SpoeTimeoutException.Phase.HELLO);
        }
        return new SpoeTimeoutException("timeout processing (" + limitMs + " ms) expired waiting for a connection slot",
                null, SpoeTimeoutException.Phase.QUEUE);
    }

    /**
     * No connection is ready or coming: the most useful reason to fail the waiting requests (each
     * gets its own exception from the supplier). Under the pool's lock.
     */
    static Supplier<SpoeClientException> noConnection(ServerState[] servers, long now) {
        SpoeClientException last = null;
        boolean anyUp = false;
        long retryIn = Long.MAX_VALUE;
        for (ServerState s : servers) {
            if (s.up) {
                anyUp = true;
                if (s.lastError != null && last == null) {
                    last = s.lastError;
                }
                retryIn = Math.min(retryIn, s.retryAtNanos - now);
            }
        }
        if (!anyUp) {
            return PoolErrors::noServerUp;
        }
        if (last instanceof SpoeProtocolException p) {
            return () -> new SpoeProtocolException("connection failed: " + p.detail(), p.server(), p.status(), p);
        }
        if (last instanceof SpoeConnectionException c) {
            return () -> new SpoeConnectionException("no connection: " + c.detail(), c.server(), c.status(),
                    c.fromAgent(), c);
        }
        SpoeClientException cause = last;
        long wait = TimeUnit.NANOSECONDS.toMillis(Math.max(0, retryIn));
        return () -> new SpoeResourceException("no connection available (servers at their connection limit or"
                + " reconnecting in " + wait + " ms)", null, cause);
    }
}

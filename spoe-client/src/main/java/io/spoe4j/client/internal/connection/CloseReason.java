package io.spoe4j.client.internal.connection;

import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.SpopStatus;
import java.time.Duration;

/**
 * Why one connection closes: the SPOP status and reason reported to the listener, whether the agent
 * closed it, and the error its waiting requests fail with ({@code null} while the close is the
 * client's own, graceful one). The first I/O error is kept over later ones. Not thread-safe: owned
 * by the connection's event loop.
 */
final class CloseReason {
    private final String server;
    long status = SpopStatus.IO_ERROR.code();
    String reason = "connection closed";
    boolean byAgent;
    SpoeClientException cause;

    CloseReason(String server) {
        this.server = server;
    }

    /** An I/O error, unless a cause is known already. */
    void ioError(Throwable error) {
        if (cause == null) {
            reason = IoErrors.reason(error);
            cause = new SpoeConnectionException("I/O error: " + reason, server, SpopStatus.IO_ERROR.code(), false,
                    error);
        }
    }

    /** The agent's AGENT-DISCONNECT; returns the error the waiting requests fail with. */
    SpoeClientException agent(AgentDisconnect d) {
        status = d.statusCode() < 0 ? SpopStatus.UNKNOWN.code() : d.statusCode();
        reason = d.message() != null ? d.message() : SpopStatus.reason(status);
        byAgent = true;
        cause = new SpoeConnectionException("agent closed the connection: " + reason, server, status, true, null);
        return cause;
    }

    void helloTimeout(Duration timeout) {
        status = SpopStatus.TIMEOUT.code();
        reason = "timeout hello";
        cause = new SpoeConnectionException("no AGENT-HELLO within timeout hello (" + timeout + ")", server,
                SpopStatus.TIMEOUT.code(), false, null);
    }

    /** The client's HAPROXY-DISCONNECT with {@code status}; returns the error the waiting requests fail with. */
    SpoeClientException client(SpopStatus disconnect, SpoeClientException error) {
        status = disconnect.code();
        reason = disconnect.reason();
        cause = error;
        return error != null ? error : new SpoeConnectionException("connection closed by the client", server,
                disconnect.code(), false, null);
    }

    /** The error requests still waiting when the channel went inactive fail with. */
    SpoeClientException pending() {
        return cause != null ? cause : new SpoeConnectionException("connection closed (EOF)", server,
                SpopStatus.IO_ERROR.code(), false, null);
    }

    /** A normal close by the client, with no error. */
    boolean graceful() {
        return status == SpopStatus.NORMAL.code() && !byAgent && cause == null;
    }
}

package io.spoe4j.client;

/**
 * Connection-level events of a {@link SpoeClient}, for metrics and diagnostics. Called on the
 * connection's event loop (health-check events on the loop that ran the check): implementations
 * must be quick, thread-safe and must not block. Every method does nothing by default.
 */
public interface SpoeClientListener {
    /** TCP (or Unix socket) connection established; the HELLO is being sent. */
    default void connected(String server) {
    }

    /** A connection failed to open. */
    default void connectFailed(String server, Throwable cause) {
    }

    /** The handshake completed; the connection is ready for NOTIFY frames. */
    default void handshake(String server, AgentHandshake handshake) {
    }

    /**
     * A connection closed. {@code status} is the SPOP status of the DISCONNECT sent or received
     * (0 for a graceful close, 1 for I/O errors or EOF); {@code byAgent} tells who sent it.
     */
    default void disconnected(String server, long status, String reason, boolean byAgent) {
    }

    /** A request's deadline passed; {@code streamId}/{@code frameId} are -1 when it was never sent. */
    default void timeout(String server, long streamId, long frameId) {
    }

    /** A request failed for any other reason. */
    default void error(String server, SpoeClientException error) {
    }

    /** A health check changed a server's state. */
    default void serverState(String server, boolean up, String reason) {
    }
}

package io.spoe4j.client;

/**
 * Connection- and request-level events of a {@link SpoeClient}, for metrics, tracing and
 * diagnostics. Called on the connection's event loop (health-check events on the loop that ran the
 * check; requests refused at once on the caller's thread): implementations must be quick,
 * thread-safe, must not block and must not throw. Every method does nothing by default, and
 * {@link #NOOP} is what a client without listener calls, so nothing is allocated for it.
 * Request outcomes are reported before the request's stage completes.
 */
public interface SpoeClientListener {
    /** The listener of a client that has none: every method does nothing. */
    SpoeClientListener NOOP = new SpoeClientListener() {
    };

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

    /**
     * A NOTIFY was handed to the connection: {@code frameBytes} is its size on the wire, the 4-byte
     * length prefix included (as one frame, before fragmentation when it is sent fragmented).
     */
    default void notifySent(String server, long streamId, long frameId, int frameBytes) {
    }

    /**
     * An ACK frame arrived, before it is matched to its NOTIFY (late and dropped ACKs included):
     * {@code frameBytes} is its size on the wire, the 4-byte length prefix included.
     */
    default void ackReceived(String server, long streamId, long frameId, int frameBytes) {
    }

    /** A request completed with the agent's ACK; {@code reply} carries the server, ids and timings. */
    default void replied(AgentReply reply) {
    }

    /**
     * A request failed, whatever the reason (timeouts included; {@link #timeout} and {@link #error}
     * still follow as before). {@code streamId}/{@code frameId} are -1 when it was never sent;
     * {@code elapsedNanos} runs from the send call.
     */
    default void requestFailed(SpoeClientException error, long streamId, long frameId, long elapsedNanos) {
    }
}

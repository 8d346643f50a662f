package io.spoe4j.client.internal.connection;

import io.spoe4j.client.SpoeClientException;

/**
 * What a connection tells its pool. Called on the connection's event loop; implementations must
 * not block. The connection knows its server by {@link AgentConnection#serverIndex()}.
 */
public interface ConnectionOwner {
    /** The handshake succeeded; the connection accepts NOTIFY frames. */
    void ready(AgentConnection connection);

    /** A slot became free (an ACK, a timeout, a refused request). */
    void slotFreed(AgentConnection connection);

    /**
     * The connection closed. {@code cause} is {@code null} for a graceful close; {@code wasReady}
     * tells whether the handshake had completed.
     */
    void closed(AgentConnection connection, SpoeClientException cause, boolean wasReady);

    /** A request reserved on this connection was never sent because it started closing. */
    void redispatch(PendingRequest request);
}

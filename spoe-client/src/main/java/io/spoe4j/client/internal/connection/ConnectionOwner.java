package io.spoe4j.client.internal.connection;

import io.spoe4j.client.SpoeClientException;

/**
 * What a connection tells its pool. Called on the connection's event loop; implementations must
 * not block.
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

    /** Finds and completes a request sent on another connection of the engine (async mode). */
    default boolean asyncAck(long streamId, long frameId, java.util.List<io.spoe4j.codec.Action> actions,
            AgentConnection receivedOn) {
        return false;
    }
}

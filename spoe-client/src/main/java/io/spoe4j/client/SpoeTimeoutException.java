package io.spoe4j.client;

/**
 * The processing timeout expired before the ACK arrived (set-on-error 1). {@link #phase()} tells
 * where the request was: waiting for a connection, for the agent's HELLO, or for the ACK.
 */
public final class SpoeTimeoutException extends SpoeClientException {
    private static final long serialVersionUID = 1L;

    /** Where the request was when its deadline passed. */
    public enum Phase {
        /** Waiting in the queue for a connection slot. */
        QUEUE,
        /** Waiting for a new connection's handshake. */
        HELLO,
        /** NOTIFY sent, waiting for the ACK. */
        ACK
    }

    private final Phase phase;

    public SpoeTimeoutException(String message, String server, Phase phase) {
        super(message, server, null);
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }

    @Override
    public int errorCode() {
        return 1;
    }
}

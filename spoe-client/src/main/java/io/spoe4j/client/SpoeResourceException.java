package io.spoe4j.client;

/**
 * No connection could be had (set-on-error 2): no agent server is up, the wait queue is full, the
 * connection rate limit or the server connection limit stopped a new connection, or the client is
 * closed. Retrying later may succeed.
 */
public final class SpoeResourceException extends SpoeClientException {
    private static final long serialVersionUID = 1L;

    public SpoeResourceException(String message, String server, Throwable cause) {
        super(message, server, cause);
    }

    @Override
    public int errorCode() {
        return 2;
    }
}

package io.spoe4j.client;

/**
 * The NOTIFY does not fit the max-frame-size and cannot be fragmented (set-on-error 3). It was
 * never sent. Retrying the same messages cannot succeed.
 */
public final class SpoeTooBigException extends SpoeClientException {
    private static final long serialVersionUID = 1L;

    public SpoeTooBigException(String message, String server) {
        super(message, server, null);
    }

    @Override
    public int errorCode() {
        return 3;
    }
}

package io.spoe4j.client;

/**
 * The request was not sent because the error rate is above {@code maxerrrate}. HAProxy skips the
 * processing in that case without setting the error variable, hence {@link #errorCode()} 0. It
 * stops being thrown once the error rate falls below the limit.
 */
public final class SpoeSkippedException extends SpoeClientException {
    private static final long serialVersionUID = 1L;

    public SpoeSkippedException(String message) {
        super(message, null, null);
    }

    @Override
    public int errorCode() {
        return 0;
    }
}

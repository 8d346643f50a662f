package io.spoe4j.client;

/**
 * A processing failure decided by the engine rather than the connection: interrupted because the
 * transaction was closed while its exchange ran (set-on-error 4), or an unexpected error such as a
 * sample fetch throwing (255). Immutable.
 */
public final class SpoeEngineException extends SpoeClientException {
    private static final long serialVersionUID = 1L;

    /** HAProxy's code for an interrupted processing (3.1+; 5 in 1.8 - 3.0). */
    public static final int INTERRUPTED = 4;
    /** HAProxy's code for an unknown error. */
    public static final int UNKNOWN = 255;

    private final int code;

    public SpoeEngineException(String message, int code, Throwable cause) {
        super(message, null, cause);
        if (code != INTERRUPTED && code != UNKNOWN) {
            throw new IllegalArgumentException("code must be 4 or 255, got " + code);
        }
        this.code = code;
    }

    @Override
    public int errorCode() {
        return code;
    }
}

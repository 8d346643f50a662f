package io.spoe4j.codec;

import io.spoe4j.SpoeException;

/**
 * A frame could not be decoded or encoded. Carries the SPOP status that the connection must send
 * in its DISCONNECT frame (for example {@link SpopStatus#INVALID_FRAME} or
 * {@link SpopStatus#FRAME_TOO_BIG}). The only exception the codec throws.
 */
public final class SpopCodecException extends SpoeException {
    private static final long serialVersionUID = 1L;

    private final SpopStatus status;

    public SpopCodecException(SpopStatus status, String message) {
        super(message + " (SPOP status " + status.code() + ": " + status.reason() + ")");
        this.status = status;
    }

    public SpopStatus status() {
        return status;
    }

    static SpopCodecException invalid(String message) {
        return new SpopCodecException(SpopStatus.INVALID_FRAME, message);
    }
}

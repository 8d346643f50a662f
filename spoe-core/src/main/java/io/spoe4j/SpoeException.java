package io.spoe4j;

/**
 * Root of every exception spoe4j throws or completes a future with. Subclasses are split by what
 * the caller can do about them: fix the configuration, retry on another connection, give up.
 * Unchecked, because nearly every failure reaches the caller through a {@code CompletionStage}.
 */
public class SpoeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpoeException(String message) {
        super(message);
    }

    public SpoeException(String message, Throwable cause) {
        super(message, cause);
    }
}

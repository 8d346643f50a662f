package io.spoe4j.testkit;

import io.spoe4j.SpoeException;

/** The testkit agent could not start, or an expected frame did not arrive in time. */
public final class TestkitException extends SpoeException {
    private static final long serialVersionUID = 1L;

    public TestkitException(String message) {
        super(message);
    }

    public TestkitException(String message, Throwable cause) {
        super(message, cause);
    }
}

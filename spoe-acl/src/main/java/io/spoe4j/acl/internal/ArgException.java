package io.spoe4j.acl.internal;

/** An argument rejected by a built-in fetch or converter; {@code argIndex} locates it. */
public final class ArgException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int argIndex;

    public ArgException(int argIndex, String message) {
        super(message);
        this.argIndex = argIndex;
    }

    public int argIndex() {
        return argIndex;
    }
}

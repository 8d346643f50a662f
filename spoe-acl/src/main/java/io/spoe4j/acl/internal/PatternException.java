package io.spoe4j.acl.internal;

/** A pattern that does not parse for its match method; the ACL parser adds the position. */
final class PatternException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Patterns.Entry entry;

    PatternException(String message) {
        this(message, null);
    }

    PatternException(String message, Patterns.Entry entry) {
        super(message, null, false, false);
        this.entry = entry;
    }

    /** The pattern that failed, when known. */
    Patterns.Entry entry() {
        return entry;
    }
}

package io.spoe4j.config;

/**
 * A warning found while reading or validating a configuration, returned with the model instead of
 * being printed: the caller decides whether to log it, show it, or fail on it.
 */
public record ConfigWarning(Origin origin, String message) {
    @Override
    public String toString() {
        if (origin.line() <= 0) {
            return message;
        }
        return origin.file() + ":" + origin.line() + (origin.column() > 0 ? ":" + origin.column() : "") + ": " + message;
    }
}

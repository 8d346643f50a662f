package io.spoe4j.config;

/**
 * A warning found while reading or validating a configuration, returned with the model instead of
 * being printed: the caller decides whether to log it, show it, or fail on it.
 */
public record ConfigWarning(Origin origin, String message) {
    @Override
    public String toString() {
        return origin.line() > 0 ? origin + ": " + message : message;
    }
}

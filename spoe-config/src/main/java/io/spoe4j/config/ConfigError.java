package io.spoe4j.config;

import java.util.Objects;

/**
 * One configuration error: where it is, what was expected, and the offending source line (empty
 * for models built in Java). {@link #format()} renders it the way compilers do, with a caret.
 */
public record ConfigError(Origin origin, String message, String sourceLine) {
    public ConfigError {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
        sourceLine = sourceLine == null ? "" : sourceLine;
    }

    /** {@code file:line:column: message}, then the line and a caret under the column. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(origin.file());
        if (origin.line() > 0) {
            sb.append(':').append(origin.line());
            if (origin.column() > 0) {
                sb.append(':').append(origin.column());
            }
        }
        sb.append(": ").append(message);
        if (!sourceLine.isEmpty()) {
            sb.append('\n').append(sourceLine).append('\n');
            int col = Math.max(1, Math.min(origin.column(), sourceLine.length() + 1));
            for (int i = 0; i < col - 1; i++) {
                sb.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
            }
            sb.append('^');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}

package io.spoe4j.config;

import java.util.Objects;

/**
 * Where a configuration element was declared: file, 1-based line and column. Runtime logs print
 * it so an operator can find the line; elements built in Java carry {@link #JAVA}.
 */
public record Origin(String file, int line, int column) {
    /** The origin of elements built with the Java builders rather than read from a file. */
    public static final Origin JAVA = new Origin("<java>", 0, 0);

    public Origin {
        Objects.requireNonNull(file, "file");
    }

    /** {@code file:line}, or just the file name when there is no line. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}

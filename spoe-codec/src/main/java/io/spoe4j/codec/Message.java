package io.spoe4j.codec;

import java.util.List;
import java.util.Objects;

/** One SPOE message of a NOTIFY: its name and its arguments in configuration order (at most 255). */
public record Message(String name, List<Arg> args) {
    public static final int MAX_ARGS = 255;

    public Message {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        if (args.size() > MAX_ARGS) {
            throw new IllegalArgumentException("message '" + name + "' has " + args.size()
                    + " args; SPOP allows at most " + MAX_ARGS);
        }
    }

    public static Message of(String name, Arg... args) {
        return new Message(name, List.of(args));
    }

    /** The first argument with the given name, or {@code null}. */
    public TypedValue arg(String argName) {
        for (Arg a : args) {
            if (a.name().equals(argName)) {
                return a.value();
            }
        }
        return null;
    }
}

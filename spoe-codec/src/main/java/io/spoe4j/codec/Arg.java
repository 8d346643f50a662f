package io.spoe4j.codec;

import java.util.Objects;

/** One argument of a NOTIFY message: a name (empty for a positional argument) and a typed value. */
public record Arg(String name, TypedValue value) {
    public Arg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** An unnamed (positional) argument, as ModSecurity's configuration uses them. */
    public static Arg unnamed(TypedValue value) {
        return new Arg("", value);
    }
}

package io.spoe4j.config;

import java.util.Objects;

/** A reference by name to a message or group, with where the reference was written. */
public record NameRef(String name, Origin origin) {
    public NameRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
    }

    public static NameRef of(String name) {
        return new NameRef(name, Origin.JAVA);
    }
}

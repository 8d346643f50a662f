package io.spoe4j.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code unique-id-format} of a frontend or listen section (possibly inherited from
 * {@code defaults}) and its {@code unique-id-header}, if any. {@code format} is the text after
 * haproxy.cfg's unescaping and parses with {@code io.spoe4j.acl.LogFormat} (checked when read).
 */
public record UniqueIdFormat(String proxy, String format, Optional<String> header, Origin origin) {
    public UniqueIdFormat {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(origin, "origin");
    }
}

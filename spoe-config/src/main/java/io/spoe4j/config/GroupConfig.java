package io.spoe4j.config;

import java.util.List;
import java.util.Objects;

/**
 * A {@code spoe-group}: messages sent together in one NOTIFY when a {@code send-spoe-group} rule
 * fires, in declaration order. Built by {@link EngineConfig.Builder}, which resolves the names.
 */
public record GroupConfig(String name, List<MessageConfig> messages, Origin origin) {
    public GroupConfig {
        Objects.requireNonNull(name, "name");
        messages = List.copyOf(messages);
        Objects.requireNonNull(origin, "origin");
    }
}

package io.spoe4j.config;

import java.util.Objects;

/**
 * A {@code filter spoe [engine NAME] config FILE} line of a proxy section, with the engine read
 * from that file. The engine's name is the {@code engine} value, or the agent name without it.
 */
public record SpoeFilter(String proxy, String configFile, EngineConfig engine, Origin origin) {
    public SpoeFilter {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(origin, "origin");
    }

    public String engineName() {
        return engine.engineName();
    }
}

package io.spoe4j.undertow.internal;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.undertow.SpoeHandler;
import io.undertow.server.HandlerWrapper;
import io.undertow.server.handlers.builder.HandlerBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code spoe(engine=NAME, config=FILE[, servers={HOST:PORT, ...}][, proxy=P][, fail=open|closed][, headers=PREFIX])}
 * in Undertow's text handler configuration. Without {@code servers}, {@code config} is a haproxy.cfg:
 * the engine's agent servers come from its backend, and the proxy's rules ({@code send-spoe-group}
 * rules of the engine, {@code set-var} and {@code unset-var}) are run;
 * with {@code servers}, {@code config} is a spoe.conf and {@code engine} names its scope. Engines are
 * shared per distinct line and closed by {@link SpoeHandler#closeConfiguredEngines()}.
 */
public final class SpoeHandlerBuilder implements HandlerBuilder {

    @Override
    public String name() {
        return "spoe";
    }

    @Override
    public Map<String, Class<?>> parameters() {
        return Map.of("engine", String.class, "config", String.class, "servers", String[].class, "proxy",
                String.class, "fail", String.class, "headers", String.class);
    }

    @Override
    public Set<String> requiredParameters() {
        return Set.of("engine", "config");
    }

    @Override
    public String defaultParameter() {
        return "engine";
    }

    @Override
    public HandlerWrapper build(Map<String, Object> config) {
        String engine = (String) config.get("engine");
        Path file = Path.of((String) config.get("config"));
        String[] servers = (String[]) config.get("servers");
        String fail = (String) config.getOrDefault("fail", "open");
        FailurePolicy policy = switch (fail.toLowerCase(Locale.ROOT)) {
            case "open" -> FailurePolicy.FAIL_OPEN;
            case "closed" -> FailurePolicy.FAIL_CLOSED;
            default -> throw new IllegalArgumentException("spoe(): fail must be 'open' or 'closed', got '" + fail + "'");
        };
        TextConfiguredEngines.Configured c = TextConfiguredEngines.get(new TextConfiguredEngines.Key(
                file.toAbsolutePath().normalize(), engine, (String) config.get("proxy"),
                servers == null ? List.of() : List.of(servers), policy));
        SpoeHandler.Builder b = SpoeHandler.builder(c.engine());
        if (c.setup() != null) {
            b.setup(c.setup(), c.proxy());
        }
        String headers = (String) config.get("headers");
        if (headers != null) {
            b.variableHeaders(headers);
        }
        return b.wrapper();
    }
}

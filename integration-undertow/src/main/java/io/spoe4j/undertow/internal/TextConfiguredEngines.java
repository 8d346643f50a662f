package io.spoe4j.undertow.internal;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines made for {@code spoe(...)} lines of Undertow's text handler configuration: one per
 * distinct (config, engine, proxy, servers, policy), shared by every handler built from such a line,
 * and open until {@link #closeAll()}.
 */
public final class TextConfiguredEngines {
    /** What a {@code spoe(...)} line asks for. */
    record Key(Path config, String engine, String proxy, List<String> servers, FailurePolicy policy) {
    }

    /** An engine with the rules of its haproxy.cfg (empty for a spoe.conf). */
    record Configured(SpoeEngine engine, SpoeSetup setup, String proxy) {
    }

    private static final Map<Key, Configured> ENGINES = new ConcurrentHashMap<>();

    private TextConfiguredEngines() {
    }

    static Configured get(Key key) {
        return ENGINES.computeIfAbsent(key, TextConfiguredEngines::create);
    }

    private static Configured create(Key key) {
        SpoeConfigReader reader = SpoeConfigReader.standard();
        SpoeEngine.Builder b = SpoeEngine.builder().failurePolicy(key.policy());
        if (!key.servers().isEmpty()) {
            b.config(reader.readSpoeConf(key.config(), key.engine()));
            key.servers().forEach(b::server);
            return new Configured(b.build(), null, null);
        }
        SpoeSetup setup = reader.readHaproxyCfg(key.config());
        String proxy = key.proxy();
        if (proxy == null) {
            List<String> proxies = setup.filters().stream().filter(f -> f.engineName().equals(key.engine()))
                    .map(f -> f.proxy()).distinct().toList();
            if (proxies.size() != 1) {
                throw new IllegalArgumentException("spoe(): engine '" + key.engine() + "' is used by " + proxies.size()
                        + " proxies of " + key.config() + " " + proxies + "; name one with proxy=...");
            }
            proxy = proxies.get(0);
        }
        return new Configured(b.setup(setup, proxy, key.engine()).build(), setup, proxy);
    }

    /** Closes every engine made from the text configuration. */
    public static void closeAll() {
        List<Configured> all = new ArrayList<>(ENGINES.values());
        ENGINES.clear();
        all.forEach(c -> c.engine().close());
    }
}

package io.spoe4j.spring.internal;

import io.netty.channel.EventLoopGroup;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.http.HttpRules;
import io.spoe4j.spring.SpoeProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * Builds one processor from {@code spoe4j.engines.NAME}: its SPOE engines (on {@code group}) from a
 * spoe.conf and servers or from a haproxy.cfg proxy's {@code filter spoe} lines, and its
 * {@link HttpRules}. Errors name the property; configuration warnings are logged (or refused under
 * {@code strict}).
 */
public final class ProcessorFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorFactory.class);

    private ProcessorFactory() {
    }

    /** The processor of {@code name}; its engines are closed again when anything fails. */
    public static ExchangeProcessor build(String name, SpoeProperties.Engine p, EventLoopGroup group) {
        String where = "spoe4j.engines." + name;
        if ((p.getHaproxyCfg() == null) == (p.getSpoeConf() == null)) {
            throw new IllegalArgumentException(where + ": give either spoe-conf (with servers) or haproxy-cfg");
        }
        SpoeConfigReader reader = SpoeConfigReader.standard();
        HttpRules.Builder rules = HttpRules.builder();
        List<SpoeEngine> engines = new ArrayList<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        String uniqueIdFormat = p.getUniqueIdFormat();
        String uniqueIdHeader = p.getUniqueIdHeader();
        try {
            if (p.getHaproxyCfg() != null) {
                SpoeSetup setup = reader.readHaproxyCfg(file(p.getHaproxyCfg(), where + ".haproxy-cfg"));
                List<SpoeFilter> filters = setup.filters().stream()
                        .filter(f -> p.getProxy() == null || f.proxy().equals(p.getProxy()))
                        .filter(f -> p.getEngine() == null || f.engineName().equals(p.getEngine())).toList();
                if (filters.isEmpty()) {
                    throw new IllegalArgumentException(where + ".haproxy-cfg: no 'filter spoe' line"
                            + (p.getProxy() == null ? "" : " in proxy '" + p.getProxy() + "'")
                            + (p.getEngine() == null ? "" : " with engine '" + p.getEngine() + "'"));
                }
                String proxy = filters.get(0).proxy();
                for (SpoeFilter f : filters) {
                    if (f.proxy().equals(proxy)) {
                        SpoeEngine.Builder b = SpoeEngine.builder().setup(setup, proxy, f.engineName());
                        p.getServers().forEach(b::server);
                        engines.add(b.eventLoopGroup(group).failurePolicy(p.getFailurePolicy()).build());
                    }
                }
                rules.setup(setup, proxy);
                if (uniqueIdFormat == null) {
                    uniqueIdFormat = setup.uniqueIdFormat(proxy).orElse(null);
                }
                if (uniqueIdHeader == null) {
                    uniqueIdHeader = setup.uniqueIdHeader(proxy).orElse(null);
                }
            } else {
                if (p.getServers().isEmpty()) {
                    throw new IllegalArgumentException(where + ".servers: agent servers are required with spoe-conf");
                }
                EngineConfig config = reader.parseSpoeConf(fileName(p.getSpoeConf()), text(p.getSpoeConf(),
                        where + ".spoe-conf"), p.getScope());
                SpoeEngine.Builder b = SpoeEngine.builder().config(config);
                p.getServers().forEach(b::server);
                engines.add(b.eventLoopGroup(group).failurePolicy(p.getFailurePolicy()).build());
                warnings.addAll(config.warnings());
            }
            engines.forEach(rules::engine);
            p.getRules().forEach(rules::rule);
            rules.failClosedStatus(p.getFailClosedStatus());
            if (p.getTarpitTimeout() != null) {
                rules.tarpitTimeout(p.getTarpitTimeout());
            }
            HttpRules built = rules.build();
            warnings.addAll(built.warnings());
            if (!warnings.isEmpty()) {
                if (p.isStrict()) {
                    throw new IllegalArgumentException(where + ".strict: " + warnings.size()
                            + " configuration line(s) would not be applied:\n" + warnings.stream()
                                    .map(String::valueOf).collect(Collectors.joining("\n")));
                }
                warnings.forEach(w -> LOG.warn("{}: {}", where, w));
            }
            if (uniqueIdHeader != null && uniqueIdFormat == null) {
                throw new IllegalArgumentException(where + ".unique-id-header: '" + uniqueIdHeader
                        + "' needs a unique-id-format to take the id from");
            }
            long max = p.getMaxBodyBytes().toBytes();
            if (max < 1 || max > 64L * 1024 * 1024) {
                throw new IllegalArgumentException(where + ".max-body-bytes must be in [1B, 64MB], got " + p.getMaxBodyBytes());
            }
            String prefix = p.getVariableHeaderPrefix();
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException(where + ".variable-header-prefix must not be empty");
            }
            return new ExchangeProcessor(new ProcessorOptions(name, built,
                    p.isRequestVariableHeaders() ? prefix : null, p.isResponseVariableHeaders() ? prefix : null,
                    (int) max, uniqueIdFormat == null ? null : LogFormat.parseOption(where + ".unique-id-format",
                            uniqueIdFormat), uniqueIdHeader));
        } catch (RuntimeException e) {
            engines.forEach(SpoeEngine::close);
            throw e;
        }
    }

    private static Path file(Resource resource, String property) {
        try {
            return resource.getFile().toPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(property + " must be a file (its errorfiles and spoe.conf files are"
                    + " read beside it), got " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String fileName(Resource resource) {
        String f = resource.getFilename();
        return f == null ? resource.getDescription() : f;
    }

    private static String text(Resource resource, String property) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(property + ": cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}

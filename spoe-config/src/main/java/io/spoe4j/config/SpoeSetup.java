package io.spoe4j.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A whole SPOE setup as HAProxy would run it: agent backends, the SPOE filters of each proxy
 * (each with its engine), the proxies' rules spoe4j applies ({@code send-spoe-group},
 * {@code set-var}, {@code unset-var}, the HTTP actions, {@code use_backend}) in file order, their
 * {@code unique-id-format}, and the HTTP settings of each {@code mode http} proxy ({@link #httpProxies()}).
 * {@code warnings} holds those of haproxy.cfg followed by those of every engine. Built by
 * {@link Builder}, which checks references. Immutable and thread-safe.
 */
public record SpoeSetup(List<BackendConfig> backends, List<SpoeFilter> filters, List<ProxyRule> proxyRules,
        List<ConfigWarning> warnings, List<UniqueIdFormat> uniqueIdFormats, List<HttpProxyConfig> httpProxies) {

    public SpoeSetup {
        backends = List.copyOf(backends);
        filters = List.copyOf(filters);
        proxyRules = List.copyOf(proxyRules);
        warnings = List.copyOf(warnings);
        uniqueIdFormats = List.copyOf(uniqueIdFormats);
        httpProxies = List.copyOf(httpProxies);
    }

    /** A setup without HTTP proxy settings. */
    public SpoeSetup(List<BackendConfig> backends, List<SpoeFilter> filters, List<ProxyRule> proxyRules,
            List<ConfigWarning> warnings, List<UniqueIdFormat> uniqueIdFormats) {
        this(backends, filters, proxyRules, warnings, uniqueIdFormats, List.of());
    }

    /** A setup without unique-id formats. */
    public SpoeSetup(List<BackendConfig> backends, List<SpoeFilter> filters, List<ProxyRule> proxyRules,
            List<ConfigWarning> warnings) {
        this(backends, filters, proxyRules, warnings, List.of());
    }

    /** The {@code send-spoe-group} rules among {@link #proxyRules()}, in file order. */
    public List<SendSpoeGroupRule> rules() {
        List<SendSpoeGroupRule> out = new ArrayList<>();
        for (ProxyRule r : proxyRules) {
            if (r instanceof SendSpoeGroupRule g) {
                out.add(g);
            }
        }
        return List.copyOf(out);
    }

    /** The rules of {@code proxy}, in file order (what an adapter standing for that proxy runs). */
    public List<ProxyRule> proxyRules(String proxy) {
        return proxyRules.stream().filter(r -> r.proxy().equals(proxy)).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<BackendConfig> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The engine named {@code engine} among the SPOE filters of {@code proxy}. */
    public Optional<EngineConfig> engine(String proxy, String engine) {
        return filters.stream().filter(f -> f.proxy().equals(proxy) && f.engineName().equals(engine))
                .map(SpoeFilter::engine).findFirst();
    }

    /** The HTTP settings of the {@code mode http} section named {@code name}. */
    public Optional<HttpProxyConfig> httpProxy(String name) {
        return httpProxies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The {@code unique-id-format} of {@code proxy} (a frontend or listen section), if it has one. */
    public Optional<String> uniqueIdFormat(String proxy) {
        return uniqueIdFormats.stream().filter(u -> u.proxy().equals(proxy)).map(UniqueIdFormat::format).findFirst();
    }

    /** The {@code unique-id-header} of {@code proxy}, if it has one and a {@code unique-id-format}. */
    public Optional<String> uniqueIdHeader(String proxy) {
        return uniqueIdFormats.stream().filter(u -> u.proxy().equals(proxy)).flatMap(u -> u.header().stream())
                .findFirst();
    }

    /** Collects the parts; {@link #build()} throws {@link SpoeConfigException} listing every broken reference. */
    public static final class Builder {
        private final Map<String, BackendConfig> backends = new LinkedHashMap<>();
        private final List<SpoeFilter> filters = new ArrayList<>();
        private final List<ProxyRule> rules = new ArrayList<>();
        private final List<UniqueIdFormat> uniqueIdFormats = new ArrayList<>();
        private final List<HttpProxyConfig> httpProxies = new ArrayList<>();
        private final List<ConfigWarning> warnings = new ArrayList<>();
        private final List<ConfigError> errors = new ArrayList<>();
        private final Map<String, String> otherBackends = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder backend(BackendConfig backend) {
            BackendConfig previous = backends.putIfAbsent(backend.name(), backend);
            if (previous != null) {
                errors.add(new ConfigError(backend.origin(), "backend '" + backend.name()
                        + "' has the same name as another one declared at " + previous.origin() + ".", ""));
            }
            return this;
        }

        /** Records a backend that exists but cannot hold agents (e.g. {@code mode http}), for error messages. */
        public Builder nonAgentBackend(String name, String mode) {
            otherBackends.put(name, mode);
            return this;
        }

        public Builder filter(SpoeFilter filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** Adds a rule; rules keep the order they are added in. */
        public Builder rule(ProxyRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** The unique-id format of one proxy; a later one for the same proxy replaces it. */
        public Builder uniqueIdFormat(UniqueIdFormat format) {
            Objects.requireNonNull(format, "format");
            uniqueIdFormats.removeIf(u -> u.proxy().equals(format.proxy()));
            uniqueIdFormats.add(format);
            return this;
        }

        /** The HTTP settings of one {@code mode http} section. */
        public Builder httpProxy(HttpProxyConfig proxy) {
            httpProxies.add(Objects.requireNonNull(proxy, "proxy"));
            return this;
        }

        public Builder warning(ConfigWarning warning) {
            warnings.add(Objects.requireNonNull(warning, "warning"));
            return this;
        }

        public SpoeSetup build() {
            List<ConfigError> errs = new ArrayList<>(errors);
            List<ConfigWarning> warns = new ArrayList<>(warnings);
            Set<String> engineKeys = new HashSet<>();
            for (SpoeFilter f : filters) {
                EngineConfig e = f.engine();
                if (!engineKeys.add(f.proxy() + "\0" + f.engineName())) {
                    errs.add(new ConfigError(f.origin(), "Proxy " + f.proxy() + " : duplicated name for SPOE engine '"
                            + f.engineName() + "'.", ""));
                }
                if (!backends.containsKey(e.useBackend())) {
                    String mode = otherBackends.get(e.useBackend());
                    errs.add(new ConfigError(f.origin(), mode == null
                            ? "Proxy " + f.proxy() + " : unknown backend '" + e.useBackend() + "' used by SPOE agent '"
                                    + e.agentName() + "' declared at " + e.origin() + "."
                            : "Proxy " + f.proxy() + " : backend '" + e.useBackend() + "' used by SPOE agent '"
                                    + e.agentName() + "' declared at " + e.origin() + " must use SPOP mode (it uses 'mode "
                                    + mode + "').", ""));
                }
                warns.addAll(e.warnings());
            }
            for (ProxyRule r : rules) {
                if (r instanceof SendSpoeGroupRule g) {
                    checkRule(g, errs);
                } else if (r instanceof SetVarRule v) {
                    checkSetVar(v, errs);
                }
            }
            if (!errs.isEmpty()) {
                throw new SpoeConfigException(errs);
            }
            return new SpoeSetup(new ArrayList<>(backends.values()), filters, rules, warns, uniqueIdFormats, httpProxies);
        }

        /** HAProxy rejects request-side rules reading the response. */
        private static void checkSetVar(SetVarRule r, List<ConfigError> errs) {
            if (r.direction().isResponse()) {
                return;
            }
            String action = (r.isUnset() ? "unset-var(" : "set-var(") + r.variable() + ")";
            if (r.expression().map(e -> e.needsResponse()).orElse(false)) {
                errs.add(new ConfigError(r.origin(), "'" + r.direction().keyword() + " " + action + "': the expression '"
                        + r.expression().get().text() + "' reads response data, which is not available here", ""));
            }
            if (r.condition().map(c -> c.needsResponse()).orElse(false)) {
                errs.add(new ConfigError(r.origin(), "the condition of this '" + r.direction().keyword() + " " + action
                        + "' rule reads response data, which is not available here", ""));
            }
        }

        private void checkRule(SendSpoeGroupRule r, List<ConfigError> errs) {
            EngineConfig engine = filters.stream()
                    .filter(f -> f.proxy().equals(r.proxy()) && f.engineName().equals(r.engine()))
                    .map(SpoeFilter::engine).findFirst().orElse(null);
            if (engine == null) {
                errs.add(new ConfigError(r.origin(), "unable to find SPOE engine '" + r.engine()
                        + "' used by the send-spoe-group '" + r.group() + "'", ""));
                return;
            }
            GroupConfig group = engine.group(r.group()).orElse(null);
            if (group == null) {
                errs.add(new ConfigError(r.origin(), "unable to find SPOE group '" + r.group() + "' into SPOE engine '"
                        + r.engine() + "' configuration", ""));
                return;
            }
            if (r.direction().isResponse()) {
                return;
            }
            for (MessageConfig m : group.messages()) {
                if (m.args().stream().anyMatch(a -> a.expression().needsResponse())) {
                    errs.add(new ConfigError(r.origin(), "Invalid SPOE message '" + m.name() + "' used by SPOE group '"
                            + group.name() + "' at " + r.origin() + ": some args extract information from 'response', "
                            + "none of which is available here ('" + r.direction().keyword() + "')", ""));
                }
            }
            if (r.condition().map(c -> c.needsResponse()).orElse(false)) {
                errs.add(new ConfigError(r.origin(), "the condition of this '" + r.direction().keyword()
                        + " send-spoe-group' rule reads response data, which is not available here", ""));
            }
        }
    }
}

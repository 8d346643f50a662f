package io.spoe4j.config;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.Balance;
import io.spoe4j.options.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend holding agent servers, named by an agent's {@code use-backend}: HAProxy keeps it in
 * {@code haproxy.cfg}. {@code mode} is {@code tcp} or {@code spop} (3.1+ converts the former).
 */
public record BackendConfig(String name, String mode, Balance balance, boolean spopCheck,
        Optional<Duration> connectTimeout, Optional<Duration> serverTimeout, List<ServerConfig> servers, Origin origin) {

    public BackendConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(serverTimeout, "serverTimeout");
        servers = List.copyOf(servers);
        Objects.requireNonNull(origin, "origin");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@code agent} with this backend's {@code timeout connect}, when set. */
    public AgentOptions agentOptions(AgentOptions agent) {
        return connectTimeout.map(t -> agent.toBuilder().connectTimeout(t).build()).orElse(agent);
    }

    /**
     * {@code pool} with this backend's settings: its {@code balance}; health checks when
     * {@code option spop-check} is set and a server has {@code check}, with the first checked
     * server's {@code inter}/{@code rise}/{@code fall}; the largest server {@code maxconn}, if any.
     */
    public PoolOptions poolOptions(PoolOptions pool) {
        PoolOptions.Builder b = pool.toBuilder().balance(balance);
        b.healthCheck(spopCheck && servers.stream().anyMatch(ServerConfig::check));
        for (ServerConfig s : servers) {
            if (s.check()) {
                b.healthCheckInterval(s.inter()).rise(s.rise()).fall(s.fall());
                break;
            }
        }
        int maxconn = 0;
        for (ServerConfig s : servers) {
            maxconn = Math.max(maxconn, s.maxconn());
        }
        if (maxconn > 0) {
            b.maxConnectionsPerServer(maxconn);
        }
        return b.build();
    }

    /** Validating builder; {@link #build()} throws {@link SpoeConfigException} listing every problem. */
    public static final class Builder {
        private final String name;
        private String mode = "tcp";
        private Balance balance = Balance.ROUNDROBIN;
        private boolean spopCheck;
        private Duration connectTimeout;
        private Duration serverTimeout;
        private final List<ServerConfig> servers = new ArrayList<>();
        private Origin origin = Origin.JAVA;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** {@code tcp} or {@code spop}. */
        public Builder mode(String mode) {
            if (!"tcp".equals(mode) && !"spop".equals(mode)) {
                throw new IllegalArgumentException("backend '" + name + "' : an agent backend must use 'mode spop' or "
                        + "'mode tcp' (got '" + mode + "').");
            }
            this.mode = mode;
            return this;
        }

        public Builder balance(Balance balance) {
            this.balance = Objects.requireNonNull(balance, "balance");
            return this;
        }

        public Builder spopCheck(boolean on) {
            this.spopCheck = on;
            return this;
        }

        /** {@code null} or zero means unset. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout("connect", timeout);
            return this;
        }

        /** {@code null} or zero means unset. */
        public Builder serverTimeout(Duration timeout) {
            this.serverTimeout = timeout("server", timeout);
            return this;
        }

        public Builder server(ServerConfig server) {
            servers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public BackendConfig build() {
            List<ConfigError> errors = new ArrayList<>();
            Names.check("backend", name, origin, errors);
            Map<String, ServerConfig> seen = new HashMap<>();
            for (ServerConfig s : servers) {
                ServerConfig previous = seen.putIfAbsent(s.name(), s);
                if (previous != null) {
                    errors.add(new ConfigError(s.origin(), "backend '" + name + "' : server '" + s.name()
                            + "' has the same name as another server declared at " + previous.origin() + ".", ""));
                }
            }
            if (!errors.isEmpty()) {
                throw new SpoeConfigException(errors);
            }
            return new BackendConfig(name, mode, balance, spopCheck, Optional.ofNullable(connectTimeout),
                    Optional.ofNullable(serverTimeout), servers, origin);
        }

        private static Duration timeout(String which, Duration d) {
            if (d == null || d.isZero()) {
                return null;
            }
            if (d.isNegative() || d.compareTo(AgentOptions.MAX_TIMER) > 0) {
                throw new IllegalArgumentException("'timeout " + which + "' must be between 0 and 2147483647 ms (got "
                        + d + ").");
            }
            return d;
        }
    }
}

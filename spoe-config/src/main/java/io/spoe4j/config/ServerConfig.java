package io.spoe4j.config;

import io.spoe4j.options.PoolOptions;
import io.spoe4j.AgentAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One agent server of a backend ({@code server NAME ADDRESS [options]}), with HAProxy's defaults:
 * {@code inter 2s}, {@code rise 2}, {@code fall 3} (the {@link PoolOptions} defaults, whose builder
 * also checks these values), {@code weight 1}, {@code maxconn 0} (unlimited).
 * {@code addressText} is kept as written; {@code address} is its parsed, unresolved form.
 */
public record ServerConfig(String name, String addressText, SocketAddress address, boolean check, Duration inter,
        int rise, int fall, int weight, int maxconn, boolean ssl, boolean disabled, Origin origin) {

    public static final int DEFAULT_WEIGHT = 1;
    public static final int MAX_WEIGHT = 256;

    public ServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(addressText, "addressText");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(inter, "inter");
        Objects.requireNonNull(origin, "origin");
    }

    public static Builder builder(String name, String address) {
        return new Builder(name, address);
    }

    /**
     * Validating builder; setters throw {@link IllegalArgumentException} naming the option. The
     * address accepts {@code HOST:PORT}, {@code [V6]:PORT}, {@code unix:PATH} and HAProxy's
     * {@code unix@PATH}, {@code ipv4@HOST:PORT}, {@code ipv6@HOST:PORT}, {@code /PATH} forms.
     */
    public static final class Builder {
        private final String name;
        private final String addressText;
        private final SocketAddress address;
        private boolean check;
        private Duration inter = PoolOptions.DEFAULT_HEALTH_CHECK_INTERVAL;
        private int rise = PoolOptions.DEFAULT_RISE;
        private int fall = PoolOptions.DEFAULT_FALL;
        private int weight = DEFAULT_WEIGHT;
        private int maxconn;
        private boolean ssl;
        private boolean disabled;
        private Origin origin = Origin.JAVA;

        private Builder(String name, String address) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'server' expects <name> and <addr>[:<port>] as arguments.");
            }
            this.addressText = Objects.requireNonNull(address, "address");
            this.address = parseAddress(address);
        }

        static SocketAddress parseAddress(String text) {
            String t = text;
            if (t.startsWith("ipv4@") || t.startsWith("ipv6@")) {
                t = t.substring(5);
            } else if (t.startsWith("/")) {
                t = "unix:" + t;
            }
            return AgentAddress.parse(t);
        }

        public Builder check(boolean on) {
            this.check = on;
            return this;
        }

        public Builder inter(Duration interval) {
            PoolOptions.builder().healthCheckInterval(interval);
            this.inter = interval;
            return this;
        }

        public Builder rise(int n) {
            PoolOptions.builder().rise(n);
            this.rise = n;
            return this;
        }

        public Builder fall(int n) {
            PoolOptions.builder().fall(n);
            this.fall = n;
            return this;
        }

        public Builder weight(int n) {
            if (n < 0 || n > MAX_WEIGHT) {
                throw new IllegalArgumentException("'weight' expects an integer between 0 and " + MAX_WEIGHT
                        + " (got " + n + ").");
            }
            this.weight = n;
            return this;
        }

        /** 0 means unlimited; otherwise {@link PoolOptions.Builder#maxConnectionsPerServer} checks it. */
        public Builder maxconn(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("'maxconn' expects a non-negative integer (got " + n + ").");
            }
            if (n > 0) {
                PoolOptions.builder().maxConnectionsPerServer(n);
            }
            this.maxconn = n;
            return this;
        }

        public Builder ssl(boolean on) {
            this.ssl = on;
            return this;
        }

        public Builder disabled(boolean on) {
            this.disabled = on;
            return this;
        }

        public Builder origin(Origin origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(name, addressText, address, check, inter, rise, fall, weight, maxconn, ssl,
                    disabled, origin);
        }
    }
}

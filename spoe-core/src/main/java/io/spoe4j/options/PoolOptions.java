package io.spoe4j.options;

import java.time.Duration;
import java.util.Objects;

/**
 * How an engine's connections are pooled over its servers: limits, the wait queue, rates,
 * balancing, health checks ({@code inter}/{@code rise}/{@code fall}) and reconnect backoff.
 * Immutable; build with {@link #builder()}, which rejects a bad value at once naming the option.
 * A rate of 0 means unlimited. The config reader fills the same builder from a {@code spoe-agent}
 * section ({@code maxconnrate}, {@code maxerrrate}) and its backend ({@code balance}, the checked
 * server's {@code inter}/{@code rise}/{@code fall}, the servers' {@code maxconn}).
 */
public record PoolOptions(int maxConnectionsPerServer, int queueCapacity, int maxConnRate, int maxErrRate,
        Balance balance, boolean healthCheck, Duration healthCheckInterval, int rise, int fall,
        Duration backoffBase, Duration backoffMax) {

    public static final int DEFAULT_MAX_CONNECTIONS_PER_SERVER = 100;
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    public static final int DEFAULT_MAX_CONN_RATE = 0;
    public static final int DEFAULT_MAX_ERR_RATE = 0;
    public static final Balance DEFAULT_BALANCE = Balance.ROUNDROBIN;
    public static final boolean DEFAULT_HEALTH_CHECK = false;
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(2);
    public static final int DEFAULT_RISE = 2;
    public static final int DEFAULT_FALL = 3;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(100);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(10);
    public static final int MAX_MAX_CONNECTIONS_PER_SERVER = 1 << 20;
    public static final int MAX_QUEUE_CAPACITY = 1 << 24;
    /** Largest {@code rise} and {@code fall}. */
    public static final int MAX_RISE_FALL = 1000;

    public PoolOptions {
        checkMaxconn(maxConnectionsPerServer);
        AgentOptions.checkRange("queue capacity", queueCapacity, 1, MAX_QUEUE_CAPACITY);
        AgentOptions.checkRange("maxconnrate", maxConnRate, 0, Integer.MAX_VALUE);
        AgentOptions.checkRange("maxerrrate", maxErrRate, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(balance, "balance");
        checkInter(healthCheckInterval);
        checkRiseFall("rise", rise);
        checkRiseFall("fall", fall);
        AgentOptions.checkPositive("backoff base", backoffBase);
        AgentOptions.checkPositive("backoff max", backoffMax);
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff max (" + backoffMax + ") must not be below backoff base ("
                    + backoffBase + ")");
        }
    }

    public static PoolOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder().maxConnectionsPerServer(maxConnectionsPerServer).queueCapacity(queueCapacity)
                .maxConnRate(maxConnRate).maxErrRate(maxErrRate).balance(balance).healthCheck(healthCheck)
                .healthCheckInterval(healthCheckInterval).rise(rise).fall(fall).backoffBase(backoffBase)
                .backoffMax(backoffMax);
    }

    private static void checkMaxconn(int value) {
        if (value < 1 || value > MAX_MAX_CONNECTIONS_PER_SERVER) {
            throw new IllegalArgumentException("'maxconn' (max connections per server) must be in [1, "
                    + MAX_MAX_CONNECTIONS_PER_SERVER + "] (got " + value + ").");
        }
    }

    private static void checkInter(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("'inter' expects a positive delay (got " + value + ").");
        }
    }

    private static void checkRiseFall(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("'" + option + "' expects a positive integer (got " + value + ").");
        }
        if (value > MAX_RISE_FALL) {
            throw new IllegalArgumentException("'" + option + "' must not exceed " + MAX_RISE_FALL + " (got "
                    + value + ").");
        }
    }

    /** Validating builder; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private int maxConnectionsPerServer = DEFAULT_MAX_CONNECTIONS_PER_SERVER;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxConnRate = DEFAULT_MAX_CONN_RATE;
        private int maxErrRate = DEFAULT_MAX_ERR_RATE;
        private Balance balance = DEFAULT_BALANCE;
        private boolean healthCheck = DEFAULT_HEALTH_CHECK;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
        private int rise = DEFAULT_RISE;
        private int fall = DEFAULT_FALL;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;

        private Builder() {
        }

        public Builder maxConnectionsPerServer(int value) {
            checkMaxconn(value);
            this.maxConnectionsPerServer = value;
            return this;
        }

        public Builder queueCapacity(int value) {
            AgentOptions.checkRange("queue capacity", value, 1, MAX_QUEUE_CAPACITY);
            this.queueCapacity = value;
            return this;
        }

        /** New connections per second, 0 = unlimited. */
        public Builder maxConnRate(int value) {
            AgentOptions.checkRange("maxconnrate", value, 0, Integer.MAX_VALUE);
            this.maxConnRate = value;
            return this;
        }

        /** Errors per second above which requests are skipped, 0 = unlimited. */
        public Builder maxErrRate(int value) {
            AgentOptions.checkRange("maxerrrate", value, 0, Integer.MAX_VALUE);
            this.maxErrRate = value;
            return this;
        }

        public Builder balance(Balance value) {
            this.balance = Objects.requireNonNull(value, "balance");
            return this;
        }

        public Builder healthCheck(boolean value) {
            this.healthCheck = value;
            return this;
        }

        public Builder healthCheckInterval(Duration value) {
            checkInter(value);
            this.healthCheckInterval = value;
            return this;
        }

        public Builder rise(int value) {
            checkRiseFall("rise", value);
            this.rise = value;
            return this;
        }

        public Builder fall(int value) {
            checkRiseFall("fall", value);
            this.fall = value;
            return this;
        }

        public Builder backoffBase(Duration value) {
            AgentOptions.checkPositive("backoff base", value);
            this.backoffBase = value;
            return this;
        }

        public Builder backoffMax(Duration value) {
            AgentOptions.checkPositive("backoff max", value);
            this.backoffMax = value;
            return this;
        }

        public PoolOptions build() {
            return new PoolOptions(maxConnectionsPerServer, queueCapacity, maxConnRate, maxErrRate, balance,
                    healthCheck, healthCheckInterval, rise, fall, backoffBase, backoffMax);
        }
    }
}

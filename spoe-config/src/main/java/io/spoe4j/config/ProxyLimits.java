package io.spoe4j.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The client and server limits of one {@code mode http} section, as haproxy.cfg sets them (a
 * {@code defaults} section's values included): {@code timeout client}, {@code server},
 * {@code connect}, {@code http-request}, {@code http-keep-alive}, {@code tarpit}, the section's
 * {@code maxconn}, the {@code global} section's {@code maxconn}, {@code retries}, and its
 * {@code bind} lines. Empty means unset (HAProxy then waits forever). The fallbacks HAProxy applies
 * are in {@link #httpRequestTimeout()} and {@link #keepAliveTimeout()}. Immutable.
 */
public record ProxyLimits(Optional<Duration> client, Optional<Duration> server, Optional<Duration> connect,
        Optional<Duration> httpRequest, Optional<Duration> httpKeepAlive, Optional<Duration> tarpit,
        OptionalInt maxconn, OptionalInt globalMaxconn, OptionalInt retries, List<BindConfig> binds) {

    /** No limit set. */
    public static final ProxyLimits NONE = new ProxyLimits(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), List.of());

    /** HAProxy's {@code retries} when not set: 3 more connection attempts after the first. */
    public static final int DEFAULT_RETRIES = 3;

    public ProxyLimits {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(httpRequest, "httpRequest");
        Objects.requireNonNull(httpKeepAlive, "httpKeepAlive");
        Objects.requireNonNull(tarpit, "tarpit");
        Objects.requireNonNull(maxconn, "maxconn");
        Objects.requireNonNull(globalMaxconn, "globalMaxconn");
        Objects.requireNonNull(retries, "retries");
        binds = List.copyOf(binds);
    }

    /**
     * How long a request's head may take to arrive: {@code timeout http-request}, else
     * {@code timeout client} (HAProxy: "if not set, the client timeout applies").
     */
    public Optional<Duration> httpRequestTimeout() {
        return httpRequest.or(() -> client);
    }

    /**
     * How long an idle keep-alive connection waits for the next request: {@code timeout
     * http-keep-alive}, else {@code timeout http-request}, else {@code timeout client}.
     */
    public Optional<Duration> keepAliveTimeout() {
        return httpKeepAlive.or(this::httpRequestTimeout);
    }

    /** The connection limit that applies: the smaller of the section's and the global {@code maxconn}. */
    public OptionalInt effectiveMaxconn() {
        if (maxconn.isPresent() && globalMaxconn.isPresent()) {
            return OptionalInt.of(Math.min(maxconn.getAsInt(), globalMaxconn.getAsInt()));
        }
        return maxconn.isPresent() ? maxconn : globalMaxconn;
    }

    /** Connection attempts after the first one fails: {@code retries}, else {@link #DEFAULT_RETRIES}. */
    public int effectiveRetries() {
        return retries.orElse(DEFAULT_RETRIES);
    }

    /** The first {@code bind} line, if any. */
    public Optional<BindConfig> firstBind() {
        return binds.isEmpty() ? Optional.empty() : Optional.of(binds.get(0));
    }
}

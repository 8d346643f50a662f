package io.spoe4j.cli.gateway;

import io.spoe4j.config.ProxyLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's client and server limits, HAProxy's timeouts with its fallbacks already applied:
 * how long a request head may take ({@code timeout http-request}, else {@code client}), an idle
 * keep-alive connection may wait ({@code http-keep-alive}, else {@code http-request}, else
 * {@code client}), a client may leave a response unread ({@code client}), the upstream may stay
 * silent ({@code server}, 504) or take to accept a connection ({@code connect}, tried
 * {@code 1 + retries} times, then 503); {@code maxconn} (0: none) client connections at once, the
 * others waiting in the accept queue; {@code maxHeadBytes} for a request line and for its headers.
 * A {@code null} timeout waits forever, as in HAProxy. Immutable.
 */
public record GatewayLimits(Duration httpRequest, Duration keepAlive, Duration client, Duration server,
        Duration connect, int retries, int maxconn, int maxHeadBytes) {

    /** Upstream connect timeout when none is configured (the gateway's former fixed value). */
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    /** Upstream inactivity timeout when none is configured (the gateway's former fixed value). */
    public static final Duration DEFAULT_SERVER = Duration.ofSeconds(60);
    /** Request line and headers limit: HAProxy's tune.bufsize 16384 less tune.maxrewrite 1024. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 16384 - 1024;

    /** No client timeouts, the default connect and server timeouts, HAProxy's 3 retries, no maxconn. */
    public static final GatewayLimits DEFAULTS = new GatewayLimits(null, null, null, DEFAULT_SERVER, DEFAULT_CONNECT,
            ProxyLimits.DEFAULT_RETRIES, 0, DEFAULT_MAX_HEAD_BYTES);

    public GatewayLimits {
        check("httpRequest", httpRequest);
        check("keepAlive", keepAlive);
        check("client", client);
        check("server", server);
        check("connect", connect);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        if (maxconn < 0) {
            throw new IllegalArgumentException("maxconn must not be negative, got " + maxconn);
        }
        if (maxHeadBytes < 256) {
            throw new IllegalArgumentException("maxHeadBytes must be at least 256, got " + maxHeadBytes);
        }
    }

    private static void check(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /**
     * The limits of a haproxy.cfg: the client side from the frontend (or listen) section, the server
     * side from the backend the gateway sends to (the same section for a listen), each falling back as
     * HAProxy does; {@code tuneBufsize} 0 for the default.
     */
    public static GatewayLimits of(ProxyLimits frontend, ProxyLimits backend, int tuneBufsize) {
        Objects.requireNonNull(frontend, "frontend");
        Objects.requireNonNull(backend, "backend");
        return new GatewayLimits(frontend.httpRequestTimeout().orElse(null), frontend.keepAliveTimeout().orElse(null),
                frontend.client().orElse(null), backend.server().orElse(DEFAULT_SERVER),
                backend.connect().orElse(DEFAULT_CONNECT), backend.effectiveRetries(),
                frontend.effectiveMaxconn().orElse(0),
                tuneBufsize > 0 ? Math.max(256, tuneBufsize - 1024) : DEFAULT_MAX_HEAD_BYTES);
    }

    public GatewayLimits withClientTimeouts(Duration httpRequest, Duration keepAlive, Duration client) {
        Duration hr = httpRequest != null ? httpRequest : this.httpRequest != null ? this.httpRequest : client;
        Duration ka = keepAlive != null ? keepAlive : hr;
        return new GatewayLimits(hr, ka, client, server, connect, retries, maxconn, maxHeadBytes);
    }

    public GatewayLimits withServer(Duration server, Duration connect) {
        return new GatewayLimits(httpRequest, keepAlive, client, Optional.ofNullable(server).orElse(this.server),
                Optional.ofNullable(connect).orElse(this.connect), retries, maxconn, maxHeadBytes);
    }

    public GatewayLimits withMaxconn(int maxconn) {
        return new GatewayLimits(httpRequest, keepAlive, client, server, connect, retries, maxconn, maxHeadBytes);
    }

    public GatewayLimits withRetries(int retries) {
        return new GatewayLimits(httpRequest, keepAlive, client, server, connect, retries, maxconn, maxHeadBytes);
    }
}

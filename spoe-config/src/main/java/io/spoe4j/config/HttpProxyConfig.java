package io.spoe4j.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP settings of one {@code frontend}, {@code backend} or {@code listen} section in
 * {@code mode http} that the rule engine and the gateway use: {@code timeout tarpit} (HAProxy
 * falls back to the section's {@code timeout connect} when it is not set, and so does
 * {@link #tarpitTimeout()}; empty when neither is set), {@code errorfile} answers by status (raw
 * HTTP responses, as HAProxy sends them; those of {@code defaults} included; an empty array means
 * "send nothing and close"), and for a backend its {@code server} lines and {@code balance}
 * ({@link Balance#ROUNDROBIN} unless {@code leastconn}); its timeouts, {@code maxconn} and
 * {@code bind} lines are in {@link #limits()}. Immutable.
 */
public record HttpProxyConfig(String name, String kind, Optional<Duration> tarpitTimeout,
        Map<Integer, byte[]> errorfiles, List<HttpServer> servers, Balance balance, Origin origin, ProxyLimits limits) {

    /** A section without client/server limits ({@link ProxyLimits#NONE}). */
    public HttpProxyConfig(String name, String kind, Optional<Duration> tarpitTimeout, Map<Integer, byte[]> errorfiles,
            List<HttpServer> servers, Balance balance, Origin origin) {
        this(name, kind, tarpitTimeout, errorfiles, servers, balance, origin, ProxyLimits.NONE);
    }

    /**
     * One {@code server NAME HOST[:PORT] [ssl]} of an HTTP backend; {@code port} is 0 when the line
     * has none (HAProxy then connects to the port the client connected to).
     */
    public record HttpServer(String name, String host, int port, boolean ssl, Origin origin) {
        public HttpServer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(origin, "origin");
        }
    }

    public HttpProxyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tarpitTimeout, "tarpitTimeout");
        errorfiles = Map.copyOf(errorfiles);
        servers = List.copyOf(servers);
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(limits, "limits");
    }

    /** Whether the section can receive client requests ({@code frontend} or {@code listen}). */
    public boolean isFrontend() {
        return kind.equals("frontend") || kind.equals("listen");
    }

    /** Whether the section can forward to servers ({@code backend} or {@code listen}). */
    public boolean isBackend() {
        return kind.equals("backend") || kind.equals("listen");
    }
}

package io.spoe4j.config;

import io.spoe4j.options.Balance;
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
        Map<Integer, byte[]> errorfiles, List<HttpServer> servers, Balance balance, Origin origin,
        Optional<ForwardFor> forwardFor, ProxyLimits limits) {

    /**
     * {@code option forwardfor [except NET] [header NAME] [if-none]} of the section (or of its
     * {@code defaults}): HAProxy adds {@code NAME: <client address>} (default
     * {@code x-forwarded-for}) after the rules, when the frontend or the backend has it, unless the
     * client is in {@code except} or ({@code ifNone}) the request already has the header.
     */
    public record ForwardFor(Optional<String> header, boolean ifNone, Optional<io.spoe4j.acl.Condition> except) {
        /** The header HAProxy uses by default. */
        public static final String DEFAULT_HEADER = "x-forwarded-for";

        public ForwardFor {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(except, "except");
        }
    }

    /** Without {@code option forwardfor}. */
    public HttpProxyConfig(String name, String kind, Optional<Duration> tarpitTimeout, Map<Integer, byte[]> errorfiles,
            List<HttpServer> servers, Balance balance, Origin origin) {
        this(name, kind, tarpitTimeout, errorfiles, servers, balance, origin, Optional.empty(), ProxyLimits.NONE);
    }

    /** A section with {@code option forwardfor} and without client/server limits ({@link ProxyLimits#NONE}). */
    public HttpProxyConfig(String name, String kind, Optional<Duration> tarpitTimeout, Map<Integer, byte[]> errorfiles,
            List<HttpServer> servers, Balance balance, Origin origin, Optional<ForwardFor> forwardFor) {
        this(name, kind, tarpitTimeout, errorfiles, servers, balance, origin, forwardFor, ProxyLimits.NONE);
    }

    /** A section without {@code option forwardfor}, with its limits. */
    public HttpProxyConfig(String name, String kind, Optional<Duration> tarpitTimeout, Map<Integer, byte[]> errorfiles,
            List<HttpServer> servers, Balance balance, Origin origin, ProxyLimits limits) {
        this(name, kind, tarpitTimeout, errorfiles, servers, balance, origin, Optional.empty(), limits);
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
        Objects.requireNonNull(forwardFor, "forwardFor");
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

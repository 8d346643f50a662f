package io.spoe4j.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code bind ADDRESS [ssl crt FILE] [alpn PROTOCOLS]} line of a frontend or listen section:
 * the address as written ({@code host} empty for {@code *} or nothing before the colon), whether it
 * terminates TLS, the certificate file ({@code crt}: a PEM file holding the certificate chain and
 * the private key, resolved against the configuration's directory) and the ALPN protocols in order
 * (e.g. {@code h2}, {@code http/1.1}). Immutable.
 */
public record BindConfig(String host, int port, boolean ssl, Optional<String> crt, List<String> alpn, Origin origin) {
    public BindConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(crt, "crt");
        alpn = List.copyOf(alpn);
        Objects.requireNonNull(origin, "origin");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
    }
}

package io.spoe4j.cli.gateway;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the gateway forwards requests: an {@code http://HOST[:PORT][/base]} URL (TLS towards the
 * upstream is not supported). Immutable.
 *
 * @param host host name or address
 * @param port TCP port
 * @param basePath path prepended to every request's path, {@code ""} for none
 */
public record Upstream(String host, int port, String basePath) {

    /** Parses {@code http://HOST[:PORT][/base]}; throws {@link IllegalArgumentException} naming the problem. */
    public static Upstream parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("backend '" + url + "' is not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("backend '" + url + "' must be an http://HOST[:PORT] URL");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Upstream(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), path);
    }

    /** The Host header value for requests without one. */
    public String authority() {
        return port == 80 ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + basePath;
    }
}

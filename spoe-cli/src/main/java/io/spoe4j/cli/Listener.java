package io.spoe4j.cli;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.cli.gateway.GatewayLimits;
import io.spoe4j.cli.gateway.GatewayTls;
import io.spoe4j.config.BindConfig;
import io.spoe4j.config.HttpProxyConfig;
import io.spoe4j.config.ProxyLimits;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.config.UseBackendRule;
import java.io.File;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's listener settings from the command line ({@code --timeout-*}, {@code --maxconn},
 * {@code --tls-cert}/{@code --tls-key}/{@code --alpn}) over those of a haproxy.cfg (the frontend's
 * timeouts and maxconn, its default backend's server-side timeouts and retries, and its first
 * {@code bind} line: address when {@code --listen} is not given, {@code ssl crt FILE alpn LIST}).
 * Immutable.
 */
record Listener(Duration client, Duration httpRequest, Duration keepAlive, Duration server, Duration connect,
        Integer maxconn, File tlsCert, File tlsKey, List<String> alpn, boolean listenGiven) {

    static final Listener NONE = new Listener(null, null, null, null, null, null, null, null, null, false);
    static final List<String> DEFAULT_ALPN = List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    /** What the gateway listens with. */
    record Resolved(InetSocketAddress address, GatewayLimits limits, SslContext ssl) {
    }

    /** Collects the listener options of {@code spoe4j gateway}. */
    static final class Parser {
        private Duration client;
        private Duration httpRequest;
        private Duration keepAlive;
        private Duration server;
        private Duration connect;
        private Integer maxconn;
        private File cert;
        private File key;
        private List<String> alpn;
        private boolean listenGiven;

        /** Consumes {@code t} (and its value) when it is a listener option. */
        boolean accept(String t, CliArgs a) {
            if (CliArgs.isOption(t, "--timeout-client")) {
                client = CliArgs.duration("--timeout-client", a.value(t));
            } else if (CliArgs.isOption(t, "--timeout-http-request")) {
                httpRequest = CliArgs.duration("--timeout-http-request", a.value(t));
            } else if (CliArgs.isOption(t, "--timeout-http-keep-alive")) {
                keepAlive = CliArgs.duration("--timeout-http-keep-alive", a.value(t));
            } else if (CliArgs.isOption(t, "--timeout-server")) {
                server = CliArgs.duration("--timeout-server", a.value(t));
            } else if (CliArgs.isOption(t, "--timeout-connect")) {
                connect = CliArgs.duration("--timeout-connect", a.value(t));
            } else if (CliArgs.isOption(t, "--maxconn")) {
                int n = CliArgs.integer("--maxconn", a.value(t));
                if (n <= 0) {
                    throw new IllegalArgumentException("--maxconn must be positive, got " + n);
                }
                maxconn = n;
            } else if (CliArgs.isOption(t, "--tls-cert")) {
                cert = readable("--tls-cert", a.value(t));
            } else if (CliArgs.isOption(t, "--tls-key")) {
                key = readable("--tls-key", a.value(t));
            } else if (CliArgs.isOption(t, "--alpn")) {
                alpn = List.of(a.value(t).split(","));
            } else {
                return false;
            }
            return true;
        }

        void listenGiven() {
            listenGiven = true;
        }

        Listener build() {
            if (cert == null && (key != null || alpn != null)) {
                throw new IllegalArgumentException("--tls-key and --alpn need --tls-cert");
            }
            return new Listener(client, httpRequest, keepAlive, server, connect, maxconn, cert, key, alpn, listenGiven);
        }

        private static File readable(String option, String path) {
            File f = new File(path);
            if (!f.isFile() || !f.canRead()) {
                throw new IllegalArgumentException(option + ": cannot read '" + path + "'");
            }
            return f;
        }
    }

    /** The listener for {@code s}, with {@code setup} its haproxy.cfg (or null); adds a line to {@code description}. */
    Resolved resolve(GatewayCommand.Settings s, SpoeSetup setup, List<String> description) {
        ProxyLimits front = ProxyLimits.NONE;
        ProxyLimits back = ProxyLimits.NONE;
        if (setup != null) {
            String proxy = setup.filters().stream().filter(f -> s.engine() == null || f.engineName().equals(s.engine()))
                    .map(SpoeFilter::proxy).findFirst().orElse(null);
            Optional<HttpProxyConfig> fe = setup.httpProxy(proxy);
            front = fe.map(HttpProxyConfig::limits).orElse(ProxyLimits.NONE);
            back = fe.filter(HttpProxyConfig::isBackend).map(HttpProxyConfig::limits).orElse(null);
            if (back == null) {
                String be = setup.proxyRules(proxy).stream().filter(r -> r instanceof UseBackendRule u && u.isDefault())
                        .map(r -> ((UseBackendRule) r).name().text()).findFirst().orElse(null);
                back = setup.httpProxy(be).map(HttpProxyConfig::limits).orElse(ProxyLimits.NONE);
            }
        }
        GatewayLimits l = GatewayLimits.of(front, back, 0);
        Duration c = client != null ? client : l.client();
        Duration hr = httpRequest != null ? httpRequest : client != null && front.httpRequest().isEmpty() ? c : l.httpRequest();
        Duration ka = keepAlive != null ? keepAlive
                : httpRequest != null || client != null ? front.httpKeepAlive().orElse(hr) : l.keepAlive();
        GatewayLimits limits = new GatewayLimits(hr, ka, c, server != null ? server : l.server(),
                connect != null ? connect : l.connect(), l.retries(), maxconn != null ? maxconn : l.maxconn(),
                l.maxHeadBytes());
        InetSocketAddress address = s.listen();
        Optional<BindConfig> bind = front.firstBind();
        if (!listenGiven && bind.isPresent()) {
            String host = bind.get().host().isEmpty() ? "0.0.0.0" : bind.get().host();
            address = new InetSocketAddress(host, bind.get().port());
        }
        SslContext ssl = null;
        if (tlsCert != null) {
            ssl = GatewayTls.server(tlsCert, tlsKey != null ? tlsKey : tlsCert, alpn != null ? alpn : DEFAULT_ALPN);
        } else if (bind.isPresent() && bind.get().ssl()) {
            File crt = new File(bind.get().crt().orElseThrow());
            ssl = GatewayTls.server(crt, crt, bind.get().alpn());
        }
        description.add("limits: timeout http-request " + text(limits.httpRequest()) + ", http-keep-alive "
                + text(limits.keepAlive()) + ", client " + text(limits.client()) + ", server " + text(limits.server())
                + ", connect " + text(limits.connect()) + " (retries " + limits.retries() + "), maxconn "
                + (limits.maxconn() == 0 ? "none" : limits.maxconn()) + (ssl == null ? "" : "; TLS ("
                + GatewayTls.provider() + "), ALPN " + (tlsCert != null ? (alpn != null ? alpn : DEFAULT_ALPN)
                : bind.get().alpn())));
        return new Resolved(address, limits, ssl);
    }

    private static String text(Duration d) {
        return d == null ? "none" : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}

package io.spoe4j.cli;

import io.netty.channel.EventLoopGroup;
import io.spoe4j.AgentAddress;
import io.spoe4j.cli.gateway.AccessLogWriter;
import io.spoe4j.cli.gateway.Backends;
import io.spoe4j.cli.gateway.Channels;
import io.spoe4j.cli.gateway.EchoBackend;
import io.spoe4j.cli.gateway.Gateway;
import io.spoe4j.cli.gateway.MetricsEndpoint;
import io.spoe4j.cli.gateway.Upstream;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.SpoeHttpOptions;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.SpoaAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code spoe4j gateway}: a reverse proxy applying an SPOE configuration to every request and
 * forwarding it to {@code --backend} with the variables as {@code x-spoe-*} request headers. Without
 * {@code --config}/{@code --haproxy-cfg} it runs the embedded default: the example agent, a built-in
 * echo backend and {@code default-spoe.conf}. Runs until SIGTERM, then drains and disconnects.
 */
final class GatewayCommand implements Command {
    private static final int PRECONNECT_WAIT_SECONDS = 5;
    static final String DEFAULT_LISTEN = "127.0.0.1:8080";
    static final String DEFAULT_CONF = "default-spoe.conf";
    static final Duration GRACE = Duration.ofSeconds(10);
    /** slf4j-simple's level of the engine builder's logger, which logs configuration warnings. */
    private static final String ENGINE_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.spoe4j.client.SpoeEngine";
    private static final String HELP = """
            usage: spoe4j gateway [--listen HOST:PORT] [--config spoe.conf] [--engine NAME]
                                  [--agent BACKEND=ADDRESS[,ADDRESS...]] [--haproxy-cfg FILE]
                                  [--backend URL] [--rule 'http-request deny if { var(txn.x.y) -m int gt 0 }']...
                                  [--fail-closed] [--strict] [--metrics HOST:PORT] [--threads N] [--transport T]
                                  [--no-access-log] [--no-variable-headers]
                                  [--timeout-client T] [--timeout-http-request T] [--timeout-http-keep-alive T]
                                  [--timeout-server T] [--timeout-connect T] [--maxconn N]
                                  [--tls-cert FILE [--tls-key FILE] [--alpn LIST]]
              --listen       where to listen (default %s; port 0 picks a free port)
              --config       spoe.conf to apply (scope --engine); its use-backend needs --agent
              --engine       the engine: scope in --config, or filter engine in --haproxy-cfg
              --agent        agent servers of a backend, replacing those of --haproxy-cfg
              --haproxy-cfg  haproxy.cfg: agent backends, 'filter spoe' lines, the proxy's rules and actions
                             (http-request, http-response, http-after-response, use_backend...)
              --backend      upstream http:// URL for every request (default: the servers of the backend
                             use_backend/default_backend chose in --haproxy-cfg, else a built-in echo backend)
              --rule         a haproxy.cfg rule line, e.g. 'http-request deny deny_status 403 if { ... }'
                             ('http-request' may be left out); run after the file's rules (repeatable)
              --fail-closed  reject requests whose SPOE processing failed (default: let them through)
              --strict       refuse to start when the configuration has a line spoe4j does not apply
              --metrics      serve Prometheus text at http://HOST:PORT/metrics (spoe4j_* and JVM meters)
              --no-access-log  no line per request (by default one each, written in batches by a
                             thread of its own, so that a slow terminal never holds a request)
              --no-variable-headers  no x-spoe-* request headers: the backend gets the request as the
                             rules left it, as from HAProxy (which forwards variables only by rules)
              --threads      event loop threads, shared by clients, agents and upstreams (default: one
                             per CPU, as HAProxy's nbthread)
              --transport    auto (default: io_uring where the kernel allows it, else epoll on Linux,
                             else NIO), io_uring, epoll or nio
              --timeout-*    HAProxy's timeouts (e.g. 30s, 500ms), over those of --haproxy-cfg: http-request
                             (408, default: client), http-keep-alive (default: http-request), client, server
                             (504), connect (503 after 3 retries)
              --maxconn      client connections served at once; the others wait to be accepted
              --tls-cert     PEM certificate chain (and key, unless --tls-key): the listener speaks TLS,
                             HTTP/2 or HTTP/1.1 by ALPN (--alpn, default h2,http/1.1)
            Without --config and --haproxy-cfg, runs the embedded example agent and %s.
            Variables reach the backend as x-spoe-<scope>-<prefix>-<name> headers.
            """.formatted(DEFAULT_LISTEN, DEFAULT_CONF);

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String summary() {
        return "reverse proxy applying spoe.conf to every request [--listen --config --backend ...]";
    }

    /** The parsed command line. */
    record Settings(InetSocketAddress listen, Path config, String engine, Map<String, List<String>> agents,
            Path haproxyCfg, Upstream backend, List<ProxyRule> rules, boolean failClosed, boolean strict,
            InetSocketAddress metrics, Listener listener, int threads, boolean accessLog, boolean variableHeaders,
            String transport) {
        Settings(InetSocketAddress listen, Path config, String engine, Map<String, List<String>> agents,
                Path haproxyCfg, Upstream backend, List<ProxyRule> rules, boolean failClosed, boolean strict,
                InetSocketAddress metrics) {
            this(listen, config, engine, agents, haproxyCfg, backend, rules, failClosed, strict, metrics, Listener.NONE, 0, true, true,
                    "auto");
        }
    }

    private static final List<String> RULE_SETS = List.of("http-request", "http-response", "http-after-response",
            "tcp-request", "tcp-response", "use_backend", "default_backend");

    /** A {@code --rule}: a haproxy.cfg rule line; a bare action is an {@code http-request} one. */
    static ProxyRule rule(String text) {
        String t = text.strip();
        String first = t.split("\\s+", 2)[0];
        try {
            return SpoeConfigReader.standard().parseRule(RULE_SETS.contains(first) ? t : "http-request " + t);
        } catch (io.spoe4j.config.SpoeConfigException e) {
            throw new IllegalArgumentException("--rule: " + e.getMessage(), e);
        }
    }

    static Settings parse(String[] args) {
        CliArgs a = new CliArgs(args);
        String listen = DEFAULT_LISTEN;
        Path config = null;
        Path haproxy = null;
        String engine = null;
        Upstream backend = null;
        boolean failClosed = false;
        boolean strict = false;
        InetSocketAddress metrics = null;
        Map<String, List<String>> agents = new LinkedHashMap<>();
        List<ProxyRule> rules = new ArrayList<>();
        int threads = 0;
        String transport = "auto";
        boolean accessLog = true;
        boolean variableHeaders = true;
        Listener.Parser listener = new Listener.Parser();
        while (a.hasNext()) {
            String t = a.next();
            if (listener.accept(t, a)) {
                continue;
            }
            if (CliArgs.isOption(t, "--listen")) {
                listen = a.value(t);
                listener.listenGiven();
            } else if (CliArgs.isOption(t, "--config")) {
                config = Path.of(a.value(t));
            } else if (CliArgs.isOption(t, "--engine")) {
                engine = a.value(t);
            } else if (CliArgs.isOption(t, "--haproxy-cfg")) {
                haproxy = Path.of(a.value(t));
            } else if (CliArgs.isOption(t, "--backend")) {
                backend = Upstream.parse(a.value(t));
            } else if (CliArgs.isOption(t, "--rule")) {
                rules.add(rule(a.value(t)));
            } else if (t.equals("--fail-closed")) {
                failClosed = true;
            } else if (CliArgs.isOption(t, "--metrics")) {
                metrics = CliArgs.hostPort("--metrics", a.value(t));
            } else if (CliArgs.isOption(t, "--threads")) {
                threads = CliArgs.integer("--threads", a.value(t));
                if (threads < 1 || threads > 1024) {
                    throw new IllegalArgumentException("--threads must be in [1, 1024], got " + threads);
                }
            } else if (CliArgs.isOption(t, "--transport")) {
                transport = a.value(t);
                if (!Channels.TRANSPORTS.contains(transport)) {
                    throw new IllegalArgumentException("--transport must be one of " + String.join(", ", Channels.TRANSPORTS)
                            + ", got '" + transport + "'");
                }
            } else if (t.equals("--no-access-log")) {
                accessLog = false;
            } else if (t.equals("--no-variable-headers")) {
                variableHeaders = false;
            } else if (t.equals("--strict")) {
                strict = true;
            } else if (CliArgs.isOption(t, "--agent")) {
                String v = a.value(t);
                int eq = v.indexOf('=');
                if (eq <= 0 || eq == v.length() - 1) {
                    throw new IllegalArgumentException("--agent needs BACKEND=ADDRESS[,ADDRESS...], got '" + v + "'");
                }
                List<String> addresses = new ArrayList<>();
                for (String s : v.substring(eq + 1).split(",")) {
                    AgentAddress.parse(s.trim());
                    addresses.add(s.trim());
                }
                agents.put(v.substring(0, eq), addresses);
            } else {
                throw new IllegalArgumentException("unknown argument '" + t + "'");
            }
        }
        if (config != null && haproxy != null) {
            throw new IllegalArgumentException("give --config or --haproxy-cfg, not both (haproxy.cfg names its"
                    + " spoe.conf files in 'filter spoe' lines)");
        }
        if (config == null && haproxy == null && (engine != null || !agents.isEmpty())) {
            throw new IllegalArgumentException("--engine and --agent need --config or --haproxy-cfg");
        }
        if (!(AgentAddress.parse(listen) instanceof InetSocketAddress address)) {
            throw new IllegalArgumentException("--listen needs HOST:PORT, got '" + listen + "'");
        }
        InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
        if (resolved.isUnresolved()) {
            throw new IllegalArgumentException("--listen: cannot resolve host '" + address.getHostString() + "'");
        }
        return new Settings(resolved, config, engine, agents, haproxy, backend, rules, failClosed, strict, metrics,
                listener.build(), threads, accessLog, variableHeaders, transport);
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        // the gateway prints every configuration warning itself (below): the engine builder's WARN
        // lines for the same warnings would repeat them on stderr
        if (System.getProperty(ENGINE_LOG_LEVEL) == null) {
            System.setProperty(ENGINE_LOG_LEVEL, "error");
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(HELP);
            return OK;
        }
        Settings s;
        try {
            s = parse(args);
        } catch (RuntimeException e) {
            err.println("spoe4j gateway: " + e.getMessage());
            err.print(HELP);
            return USAGE;
        }
        Running running;
        try {
            running = start(s, out);
        } catch (Exception e) { // Netty rethrows checked exceptions such as BindException undeclared
            err.println("spoe4j gateway: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.stop(out);
            stopped.countDown();
        }, "spoe4j-gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Command.awaitStopped(stopped);
        return OK;
    }

    /** Everything a running gateway owns, stopped in reverse order. */
    static final class Running {
        final EventLoopGroup group;
        final List<SpoeEngine> engines = new ArrayList<>();
        final List<AutoCloseable> extras = new ArrayList<>();
        Gateway gateway;

        Running(EventLoopGroup group) {
            this.group = group;
        }

        /** Drains requests, closes the engines (HAPROXY-DISCONNECT), then the rest. Idempotent enough for one hook. */
        void stop(PrintStream out) {
            boolean clean = gateway == null || gateway.shutdown(GRACE);
            for (SpoeEngine e : engines) {
                try {
                    e.closeAsync().toCompletableFuture().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception ex) {
                    out.println("spoe4j gateway: engine " + e.name() + " did not close cleanly: " + ex);
                }
            }
            for (int i = extras.size() - 1; i >= 0; i--) {
                try {
                    extras.get(i).close();
                } catch (Exception ex) {
                    out.println("spoe4j gateway: " + ex);
                }
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(GRACE.toMillis());
            out.println("spoe4j gateway stopped" + (clean ? "" : " (some requests did not finish in time)"));
            out.flush();
        }
    }

    static Running start(Settings s, PrintStream out) {
        Running r = new Running(Channels.newGroup(s.threads(), s.transport(), "spoe4j-gateway"));
        try {
            startInto(r, s, out);
            return r;
        } catch (Exception e) { // including checked ones Netty rethrows undeclared (BindException)
            r.stop(new PrintStream(java.io.OutputStream.nullOutputStream()));
            throw e;
        }
    }

    private static void startInto(Running r, Settings s, PrintStream out) {
        FailurePolicy policy = s.failClosed() ? FailurePolicy.FAIL_CLOSED : FailurePolicy.FAIL_OPEN;
        SpoeConfigReader reader = SpoeConfigReader.standard();
        HttpRules.Builder rules = HttpRules.builder();
        Backends backends = Backends.NONE;
        List<String> description = new ArrayList<>();
        String uniqueIdFormat = null;
        String uniqueIdHeader = null;
        SpoeSetup loaded = null;
        if (s.haproxyCfg() != null) {
            SpoeSetup setup = reader.readHaproxyCfg(s.haproxyCfg());
            loaded = setup;
            List<SpoeFilter> filters = setup.filters().stream()
                    .filter(f -> s.engine() == null || f.engineName().equals(s.engine())).toList();
            if (filters.isEmpty()) {
                throw new IllegalArgumentException(s.haproxyCfg() + ": no 'filter spoe' line"
                        + (s.engine() == null ? "" : " with engine '" + s.engine() + "'"));
            }
            String proxy = filters.get(0).proxy();
            checkAgentBackends(s, filters.stream().filter(f -> f.proxy().equals(proxy))
                    .map(f -> f.engine().useBackend()).toList());
            for (SpoeFilter f : filters) {
                if (!f.proxy().equals(proxy)) {
                    continue;
                }
                SpoeEngine.Builder b = SpoeEngine.builder().setup(setup, proxy, f.engineName()).eventLoopGroup(r.group)
                        .failurePolicy(policy);
                List<String> servers = s.agents().get(f.engine().useBackend());
                if (servers != null) {
                    servers.forEach(b::server);
                }
                r.engines.add(b.build());
                description.add("engine " + f.engineName() + " (proxy " + proxy + ") -> backend "
                        + f.engine().useBackend() + (servers == null ? "" : " " + servers));
            }
            rules.setup(setup, proxy);
            backends = Backends.of(setup, proxy);
            uniqueIdFormat = setup.uniqueIdFormat(proxy).orElse(null);
            uniqueIdHeader = setup.uniqueIdHeader(proxy).orElse(null);
            if (uniqueIdFormat != null) {
                description.add("unique-id-format " + uniqueIdFormat
                        + (uniqueIdHeader == null ? "" : ", unique-id-header " + uniqueIdHeader));
            }
        } else if (s.config() != null) {
            var config = reader.readSpoeConf(s.config(), s.engine());
            checkAgentBackends(s, List.of(config.useBackend()));
            List<String> servers = s.agents().get(config.useBackend());
            if (servers == null) {
                throw new IllegalArgumentException("engine '" + config.engineName() + "' uses backend '"
                        + config.useBackend() + "': give --agent " + config.useBackend() + "=HOST:PORT");
            }
            SpoeEngine.Builder b = SpoeEngine.builder().config(config).eventLoopGroup(r.group).failurePolicy(policy);
            servers.forEach(b::server);
            r.engines.add(b.build());
            description.add("engine " + config.engineName() + " -> agents " + servers);
        } else {
            SpoaAgent agent = ExampleAgent.start("127.0.0.1:0");
            r.extras.add(agent);
            var config = reader.parseSpoeConf(DEFAULT_CONF, defaultConf(), "demo");
            r.engines.add(SpoeEngine.builder().config(config).server(agent.endpoint()).eventLoopGroup(r.group)
                    .failurePolicy(policy).build());
            description.add("engine demo (embedded " + DEFAULT_CONF + ") -> example agent " + agent.endpoint());
        }
        Upstream upstream = s.backend();
        if (upstream == null && !backends.isEmpty()) {
            backends.servers().forEach((name, servers) -> description.add("backend " + name + " " + servers));
        } else if (upstream == null) {
            EchoBackend echo = EchoBackend.start(r.group, "127.0.0.1", SpoeHttpOptions.DEFAULT_REQUEST_HEADER_PREFIX);
            r.extras.add(echo);
            upstream = echo.upstream();
            description.add("backend " + upstream + " (built-in echo)");
        } else {
            description.add("backend " + upstream);
        }
        r.engines.forEach(rules::engine);
        s.rules().forEach(rules::rule);
        HttpRules built = rules.build();
        List<ConfigWarning> warnings = new ArrayList<>(built.warnings());
        if (s.haproxyCfg() == null) {
            r.engines.forEach(e -> warnings.addAll(e.config().warnings()));
        }
        for (ConfigWarning w : warnings) {
            out.println("warning: " + w);
        }
        if (s.strict() && !warnings.isEmpty()) {
            throw new IllegalArgumentException("--strict: " + warnings.size()
                    + " configuration line(s) would not be applied (warnings above)");
        }
        AccessLogWriter accessLog = null;
        if (s.accessLog()) {
            accessLog = AccessLogWriter.start(out, AccessLogWriter.DEFAULT_CAPACITY);
            r.extras.add(accessLog);
        } else {
            description.add("access log off");
        }
        SpoeHttpOptions.Builder options = SpoeHttpOptions.builder().rules(built)
                .uniqueIdFormat(uniqueIdFormat).uniqueIdHeader(uniqueIdHeader).accessLog(accessLog);
        if (!s.variableHeaders()) {
            options.requestHeaderPrefix(null);
            description.add("no variable headers");
        }
        if (s.metrics() != null) {
            MetricsEndpoint metrics = MetricsEndpoint.start(s.metrics(), r.engines);
            r.extras.add(metrics);
            description.add("metrics " + metrics.url());
        }
        preconnect(r.engines, description);
        Listener.Resolved listening = s.listener().resolve(s, loaded, description);
        r.gateway = Gateway.start(r.group, listening.address(), options.build(), upstream,
                upstream == null ? backends : null, listening.limits(), listening.ssl());
        InetSocketAddress bound = r.gateway.address();
        String url = (listening.ssl() == null ? "http://" : "https://") + bound.getAddress().getHostAddress() + ":"
                + bound.getPort();
        out.println("spoe4j gateway listening on " + url);
        description.add(Channels.threads(s.threads()) + " " + Channels.kind(r.group) + " event loop thread(s)");
        description.forEach(d -> out.println("  " + d));
        out.println("try: curl -i " + url + "/hello?name=spoe");
        out.flush();
    }

    /** An {@code --agent} for a backend no engine uses is a typo, not something to ignore. */
    private static void checkAgentBackends(Settings s, List<String> used) {
        for (String name : s.agents().keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("--agent " + name + "=...: no SPOE engine uses backend '" + name
                        + "'; the configuration's agent backends: " + String.join(", ", new TreeSet<>(used)));
            }
        }
    }

    /**
     * Connects every engine to its agents before listening, so the first requests do not pay the
     * connect and the HELLO (bounded wait; an unreachable agent is only reported, requests retry).
     */
    private static void preconnect(List<SpoeEngine> engines, List<String> description) {
        List<CompletableFuture<Void>> all = engines.stream()
                .map(e -> e.connect().toCompletableFuture()).toList();
        for (int i = 0; i < engines.size(); i++) {
            String outcome;
            try {
                all.get(i).get(PRECONNECT_WAIT_SECONDS, TimeUnit.SECONDS);
                outcome = "connected";
            } catch (ExecutionException ex) {
                outcome = "not connected yet (" + ex.getCause().getMessage() + "); requests will retry";
            } catch (TimeoutException ex) {
                outcome = "still connecting after " + PRECONNECT_WAIT_SECONDS + " s; requests will retry";
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            description.add("engine " + engines.get(i).name() + " agents: " + outcome);
        }
    }

    static String defaultConf() {
        try (InputStream in = GatewayCommand.class.getResourceAsStream(DEFAULT_CONF)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_CONF + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

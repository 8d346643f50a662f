package io.spoe4j.config.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.ExpressionException;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.config.BackendConfig;
import io.spoe4j.config.ConfigError;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.HttpActionRule;
import io.spoe4j.config.HttpProxyConfig;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.Origin;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.ServerConfig;
import io.spoe4j.config.SpoeConfigException;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.config.UniqueIdFormat;
import io.spoe4j.config.UseBackendRule;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.ProxyState.HttpNote;
import io.spoe4j.config.internal.ProxyState.ServerLine;
import io.spoe4j.config.internal.Tokenizer.Word;
import io.spoe4j.options.Balance;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a {@code haproxy.cfg}: agent backends, {@code filter spoe} lines (loading their
 * {@code spoe.conf}), the rules spoe4j applies ({@code send-spoe-group}, the variable and HTTP
 * actions, {@code use_backend}/{@code default_backend}; see {@link RuleParser}) in file order,
 * {@code unique-id-format} / {@code unique-id-header}, and the HTTP settings of {@code mode http}
 * sections ({@link HttpSections}). Everything else is skipped with a warning naming file, line and
 * column, so an existing HAProxy setup can be loaded whole and nothing is silently ignored.
 */
public final class HaproxyCfgParser {
    private static final Set<String> PROXY_SECTIONS = Set.of("defaults", "frontend", "backend", "listen");
    private static final Set<String> OTHER_SECTIONS = Set.of("global", "userlist", "peers", "resolvers", "mailers",
            "program", "http-errors", "ring", "cache", "crt-store", "traces", "log-forward", "acme", "namespace_list");

    private final ParseContext ctx;
    private final String text;
    private final Path baseDirectory;
    private final SpoeConfigReader reader;
    /** {@code tune.bufsize} of the global section, or 0 when not set. */
    private int tuneBufsize;
    /** {@code maxconn} of the global section, or 0 when not set. */
    private int globalMaxconn;
    private final List<BackendState> backends = new ArrayList<>();
    private final List<FilterLine> filterLines = new ArrayList<>();
    private final List<ProxyRule> rules = new ArrayList<>();
    private final Map<String, String> nonAgentBackends = new LinkedHashMap<>();
    private final List<UniqueIdFormat> uniqueIdFormats = new ArrayList<>();
    private final List<HttpProxyConfig> httpProxies = new ArrayList<>();
    /** Every frontend, backend and listen section by name, for the use_backend checks. */
    private final Map<String, ProxyState> proxies = new LinkedHashMap<>();

    private ProxyState defaults = new ProxyState("defaults", "defaults", null, true);
    private ProxyState proxy;
    private String ignoredSection;

    private record BackendState(ProxyState proxy, List<ServerConfig> servers) {
    }

    private record FilterLine(String proxy, String engine, String config, Origin origin, boolean backendOnly) {
    }

    private void warnFrontendEvents(EngineConfig engine, FilterLine f) {
        for (MessageConfig m : engine.messages()) {
            SpoeEvent ev = m.event().orElseThrow();
            if (ev == SpoeEvent.ON_CLIENT_SESSION || ev == SpoeEvent.ON_FRONTEND_TCP_REQUEST
                    || ev == SpoeEvent.ON_FRONTEND_HTTP_REQUEST) {
                ctx.warnings.add(new ConfigWarning(m.origin(), "SPOE message '" + m.name() + "': frontend event '"
                        + ev.keyword() + "' used on a backend proxy at " + f.origin() + " (HAProxy ignores it)."));
            }
        }
    }

    private final ServerOptionParser serverOptions;
    private final HttpReplyParser replies;
    private final RuleParser ruleParser;
    private final HttpSections http;
    private final LimitParser limits;

    public HaproxyCfgParser(String file, String text, Path baseDirectory, SpoeConfigReader reader,
            AclCompiler compiler, UnaryOperator<String> env) {
        this.ctx = new ParseContext(file, compiler, env);
        this.text = text;
        this.baseDirectory = baseDirectory;
        this.reader = reader;
        this.serverOptions = new ServerOptionParser(ctx);
        this.replies = new HttpReplyParser(ctx, baseDirectory, () -> tuneBufsize > 0 ? tuneBufsize : reader.tuneBufsize());
        this.ruleParser = new RuleParser(ctx, new HttpActionParser(ctx, replies));
        this.http = new HttpSections(ctx, serverOptions);
        this.limits = new LimitParser(ctx, baseDirectory);
    }

    /** @throws SpoeConfigException with every error found, in this file and in the spoe.conf files it names */
    public SpoeSetup parse() {
        List<Tokenizer.Line> lines = Tokenizer.lines(text);
        List<List<Word>> words = ctx.tokenize(lines, sectionNames(lines));
        ConditionalBlocks blocks = new ConditionalBlocks(ctx, ctx.env);
        for (int i = 0; i < lines.size(); i++) {
            if (words.get(i).isEmpty()) {
                continue;
            }
            try {
                if (blocks.handle(lines.get(i).number(), words.get(i)) || !blocks.active()) {
                    continue;
                }
                line(lines.get(i).number(), words.get(i));
            } catch (LineFailed e) {
                // recorded; keep going to report every error
            }
        }
        blocks.finish();
        finishProxy();
        http.checkBackends(rules, proxies);
        ctx.sortByLine();
        SpoeSetup.Builder setup = SpoeSetup.builder();
        Set<String> used = new HashSet<>();
        List<SpoeFilter> filters = new ArrayList<>();
        for (FilterLine f : filterLines) {
            Path path;
            try {
                path = baseDirectory == null ? Path.of(f.config()) : baseDirectory.resolve(f.config());
            } catch (InvalidPathException e) {
                ctx.errors.add(new ConfigError(f.origin(), "'spoe' : invalid config file name '" + f.config() + "' ("
                        + e.getReason() + ")", ctx.lineText(f.origin())));
                continue;
            }
            try {
                EngineConfig engine = (tuneBufsize > 0 ? reader.withTuneBufsize(tuneBufsize) : reader)
                        .withEnvironment(ctx.env).readSpoeConf(path, f.engine());
                used.add(engine.useBackend());
                if (f.backendOnly()) {
                    warnFrontendEvents(engine, f);
                }
                filters.add(new SpoeFilter(f.proxy(), f.config(), engine, f.origin()));
            } catch (SpoeConfigException e) {
                ctx.errors.add(new ConfigError(f.origin(), "Error(s) found in configuration file " + path + ":",
                        ctx.lineText(f.origin())));
                ctx.errors.addAll(e.errors());
            }
        }
        for (BackendState b : backends) {
            buildBackend(b, used.contains(b.proxy().name), setup);
        }
        nonAgentBackends.forEach(setup::nonAgentBackend);
        filters.forEach(setup::filter);
        rules.forEach(setup::rule);
        uniqueIdFormats.forEach(setup::uniqueIdFormat);
        for (HttpProxyConfig hp : httpProxies) {
            setup.httpProxy(globalMaxconn == 0 ? hp : HttpSections.withGlobalMaxconn(hp, globalMaxconn));
        }
        ctx.warnings.forEach(setup::warning);
        if (!ctx.errors.isEmpty()) {
            throw new SpoeConfigException(ctx.errors);
        }
        try {
            return setup.build();
        } catch (SpoeConfigException e) {
            ctx.addAll(e);
            throw new SpoeConfigException(ctx.errors);
        }
    }

    private List<String> sectionNames(List<Tokenizer.Line> lines) {
        List<String> names = new ArrayList<>(lines.size());
        String current = null;
        for (Tokenizer.Line l : lines) {
            String t = l.text().strip();
            int sp = 0;
            while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
                sp++;
            }
            String first = t.substring(0, sp);
            if (PROXY_SECTIONS.contains(first) || OTHER_SECTIONS.contains(first)) {
                current = first;
            }
            names.add(current);
        }
        return names;
    }

    private void line(int n, List<Word> w) throws LineFailed {
        if (ctx.directive(n, w)) {
            return;
        }
        String kw = w.get(0).text();
        if (PROXY_SECTIONS.contains(kw)) {
            finishProxy();
            ignoredSection = null;
            startProxy(n, w);
            return;
        }
        if (OTHER_SECTIONS.contains(kw)) {
            finishProxy();
            ignoredSection = kw;
            if (!kw.equals("global")) {
                ctx.warn(n, w.get(0), "section '" + kw + "' is not used by spoe4j; ignored.");
            }
            return;
        }
        if (ignoredSection != null) {
            if (ignoredSection.equals("global")) {
                if (kw.equals("tune.bufsize")) {
                    tuneBufsize(n, w);
                } else if (kw.equals("maxconn")) {
                    globalMaxconn = limits.globalMaxconn(n, w);
                } else if (!((kw.equals("setenv") || kw.equals("presetenv")) && w.size() == 3
                        || kw.equals("unsetenv") && w.size() > 1)) {
                    // setenv, presetenv and unsetenv were applied while tokenizing (ParseContext.environmentLine)
                    ctx.warn(n, w.get(0), "global keyword '" + kw + "' is not applied by spoe4j" + (kw.equals("lua-load")
                            || kw.equals("lua-load-per-thread") ? " (lua.NAME actions run the Java action registered"
                            + " under NAME)" : "") + "; ignored.");
                }
            }
            return;
        }
        if (proxy == null) {
            throw ctx.fail(n, w.get(0), "unknown keyword '" + kw + "' out of section.");
        }
        proxyKeyword(n, w);
    }

    private void tuneBufsize(int n, List<Word> w) throws LineFailed {
        if (w.size() != 2) {
            throw ctx.fail(n, w.get(0), "'tune.bufsize' expects an integer argument.");
        }
        try {
            int value = Integer.parseInt(w.get(1).text());
            AgentSection.checkTuneBufsize(value);
            tuneBufsize = value;
        } catch (NumberFormatException e) {
            throw ctx.fail(n, w.get(1), "'tune.bufsize' expects an integer argument (got '" + w.get(1).text() + "').");
        } catch (IllegalArgumentException e) {
            throw ctx.fail(n, w.get(1), e.getMessage());
        }
    }

    private void startProxy(int n, List<Word> w) throws LineFailed {
        String kind = w.get(0).text();
        if (kind.equals("defaults")) {
            proxy = new ProxyState("defaults", w.size() > 1 ? w.get(1).text() : "defaults", ctx.origin(n, w.get(0)),
                    w.size() < 2);
            return;
        }
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'" + kind + "' expects <name> as an argument.");
        }
        proxy = new ProxyState(kind, w.get(1).text(), ctx.origin(n, w.get(1)), false);
        proxy.inherit(defaults);
        proxies.put(proxy.name, proxy);
        if (w.size() > 2) {
            ctx.warn(n, w.get(2), "extra arguments of '" + kind + "' are ignored by spoe4j.");
        }
    }

    private void finishProxy() {
        if (proxy == null) {
            return;
        }
        if (proxy.kind.equals("defaults")) {
            defaults = proxy;
        } else {
            finishSection(proxy);
        }
        if (!proxy.kind.equals("defaults") && !proxy.kind.equals("backend") && proxy.uniqueIdFormat != null) {
            uniqueIdFormats.add(new UniqueIdFormat(proxy.name, proxy.uniqueIdFormat,
                    Optional.ofNullable(proxy.uniqueIdHeader), proxy.uniqueIdOrigin));
        }
        proxy = null;
    }

    private void proxyKeyword(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        switch (kw) {
            case "mode" -> {
                if (w.size() < 2) {
                    throw ctx.fail(n, w.get(0), "'mode' expects one of 'tcp', 'http', 'spop'.");
                }
                proxy.mode = w.get(1).text();
            }
            case "balance" -> {
                if (w.size() < 2) {
                    throw ctx.fail(n, w.get(0), "'balance' expects an algorithm.");
                }
                proxy.balance = w.get(1);
                proxy.balanceLine = n;
            }
            case "option", "no" -> option(n, w);
            case "timeout" -> limits.timeout(proxy, n, w);
            case "maxconn" -> limits.maxconn(proxy, n, w);
            case "retries" -> limits.retries(proxy, n, w);
            case "bind" -> limits.bind(proxy, n, w);
            case "server" -> server(n, w);
            case "default-server" -> {
                serverOptions.parse(n, w, 1, proxy.defaultServer);
                HttpSections.noteDefaultServer(proxy, n, w);
            }
            case "filter" -> filter(n, w);
            case "acl" -> acl(n, w);
            case "tcp-request", "tcp-response", "http-request", "http-response", "http-after-response", "use_backend",
                    "default_backend" -> rule(n, w);
            case "errorfile" -> errorfile(n, w);
            case "unique-id-format", "unique-id-header" -> uniqueId(n, w);
            default -> ctx.warn(n, w.get(0), "keyword '" + kw + "' in " + proxy.kind + " '" + proxy.name
                    + "' is not used by spoe4j; ignored.");
        }
    }

    private void option(int n, List<Word> w) throws LineFailed {
        boolean negated = w.get(0).text().equals("no");
        int i = negated ? 1 : 0;
        if (w.size() > i + 1 && w.get(i).text().equals("option") && w.get(i + 1).text().equals("spop-check")) {
            if (!proxy.kind.equals("backend")) {
                // HAProxy refuses it in defaults and in any section with a frontend side (frontend, listen)
                throw ctx.fail(n, w.get(i + 1), "'option spop-check' not allowed in '" + proxy.kind + "' section.");
            }
            proxy.spopCheck = !negated;
            return;
        }
        if (w.size() > i + 1 && w.get(i).text().equals("option") && w.get(i + 1).text().equals("forwardfor")) {
            proxy.forwardFor = negated ? null : forwardFor(n, w.subList(i + 2, w.size()));
            return;
        }
        ctx.warn(n, w.get(0), "'" + String.join(" ", ParseContext.texts(w.subList(0, Math.min(w.size(), i + 2))))
                + "' is not used by spoe4j; ignored.");
    }

    /** The arguments of {@code option forwardfor}: {@code except NET}, {@code header NAME}, {@code if-none}, in any order. */
    private io.spoe4j.config.HttpProxyConfig.ForwardFor forwardFor(int n, List<Word> args) throws LineFailed {
        Optional<String> header = Optional.empty();
        Optional<io.spoe4j.acl.Condition> except = Optional.empty();
        boolean ifNone = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).text();
            if (a.equals("if-none")) {
                ifNone = true;
            } else if ((a.equals("header") || a.equals("except")) && i + 1 < args.size()) {
                Word value = args.get(++i);
                if (a.equals("header")) {
                    header = Optional.of(value.text());
                } else {
                    except = Optional.of(ctx.conditionWithPrefix(n, List.of(new Word("if", value.column()),
                            new Word("{", value.column()), new Word("src", value.column()), value,
                            new Word("}", value.column())), Map.of(), "'option forwardfor' : invalid network '"
                            + value.text() + "': "));
                }
            } else {
                throw ctx.fail(n, args.get(i), "'option forwardfor' " + (a.equals("header") || a.equals("except")
                        ? "'" + a + "' requires an argument." : "only supports optional values: 'header', 'if-none'"
                        + " and 'except'."));
            }
        }
        return new io.spoe4j.config.HttpProxyConfig.ForwardFor(header, ifNone, except);
    }

    private void server(int n, List<Word> w) throws LineFailed {
        if (proxy.kind.equals("frontend") || proxy.kind.equals("defaults")) {
            throw ctx.fail(n, w.get(0), "'server' not allowed in " + proxy.kind + " section.");
        }
        if (w.size() < 3) {
            throw ctx.fail(n, w.get(0), "'server' expects <name> and <addr>[:<port>] as arguments.");
        }
        ServerOptions defaultsNow = new ServerOptions();
        defaultsNow.copyFrom(proxy.defaultServer);
        proxy.servers.add(new ServerLine(n, w, defaultsNow));
    }

    /** A frontend, backend or listen section is complete: its servers, HTTP settings and inherited default_backend. */
    private void finishSection(ProxyState p) {
        if (p.isHttp()) {
            httpProxies.add(http.build(p, 0));
        } else {
            if (p.firstHttpRule != null) {
                ctx.warn(p.firstHttpRuleLine, p.firstHttpRule, "'http-*' rules of " + p.kind + " '" + p.name
                        + "' require 'mode http' (HAProxy ignores them in 'mode " + p.mode + "'); spoe4j applies them.");
            }
            List<ServerConfig> servers = new ArrayList<>();
            for (ServerLine s : p.servers) {
                try {
                    servers.add(agentServer(s));
                } catch (LineFailed e) {
                    // recorded
                }
            }
            if (p.backendCapable()) {
                backends.add(new BackendState(p, servers));
            }
        }
        if (p.isHttp() && p.backendCapable()) {
            backends.add(new BackendState(p, List.of()));
        }
        if (!p.kind.equals("backend") && p.defaultBackend != null
                && rules.stream().noneMatch(r -> r instanceof UseBackendRule u && u.isDefault() && u.proxy().equals(p.name))) {
            UseBackendRule d = p.defaultBackend;
            rules.add(new UseBackendRule(p.name, d.name(), true, d.condition(), d.origin()));
        }
    }

    private ServerConfig agentServer(ServerLine s) throws LineFailed {
        int n = s.line();
        List<Word> w = s.words();
        ServerConfig.Builder b;
        try {
            b = ServerConfig.builder(w.get(1).text(), w.get(2).text()).origin(ctx.origin(n, w.get(1)));
        } catch (IllegalArgumentException e) {
            throw ctx.fail(n, w.get(2), "server '" + w.get(1).text() + "' : " + e.getMessage());
        }
        ServerOptions opts = new ServerOptions();
        opts.copyFrom(s.defaults());
        serverOptions.parse(n, w, 3, opts);
        opts.applyTo(b);
        return b.build();
    }

    /** {@code errorfile <code> <file>}, HAProxy's checks and messages. */
    private void errorfile(int n, List<Word> w) throws LineFailed {
        if (w.size() < 3 || w.get(1).text().isEmpty() || w.get(2).text().isEmpty()) {
            throw ctx.fail(n, w.get(0), "errorfile : expects <status_code> and <file> as arguments.");
        }
        long status = Errorfiles.atol(w.get(1).text());
        if (!Errorfiles.handled((int) status)) {
            throw ctx.fail(n, w.get(1), "errorfile : status code '" + status + "' not handled.");
        }
        proxy.errorfiles.put((int) status, replies.errorfile(n, w.get(2), "errorfile : "));
    }

    private void filter(int n, List<Word> w) throws LineFailed {
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'filter' expects a filter name.");
        }
        if (!w.get(1).text().equals("spoe")) {
            ctx.warn(n, w.get(1), "filter '" + w.get(1).text() + "' is not used by spoe4j; ignored.");
            return;
        }
        if (proxy.kind.equals("defaults")) {
            throw ctx.fail(n, w.get(0), "'filter' not allowed in defaults section.");
        }
        String engine = null;
        String config = null;
        for (int i = 2; i < w.size(); i++) {
            String k = w.get(i).text();
            if (k.equals("engine") || k.equals("config")) {
                if (i + 1 >= w.size() || w.get(i + 1).text().isEmpty()) {
                    throw ctx.fail(n, w.get(i), "'spoe' : '" + k + "' option without value");
                }
                if (k.equals("engine")) {
                    engine = w.get(++i).text();
                } else {
                    config = w.get(++i).text();
                }
            } else {
                throw ctx.fail(n, w.get(i), "'spoe' : unknown keyword '" + k + "' (expected engine, config)");
            }
        }
        if (config == null) {
            throw ctx.fail(n, w.get(1), "'spoe' : missing config file");
        }
        filterLines.add(new FilterLine(proxy.name, engine, config, ctx.origin(n, w.get(1)),
                proxy.kind.equals("backend")));
    }

    /** {@code unique-id-format FORMAT} and {@code unique-id-header NAME}, with HAProxy's messages. */
    private void uniqueId(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        if (w.size() < 2 || w.get(1).text().isEmpty()) {
            throw ctx.fail(n, w.get(0), kw + " expects an argument.");
        }
        if (kw.equals("unique-id-format") && w.size() > 2) {
            throw ctx.fail(n, w.get(2), kw + " expects only one argument, don't forget to escape spaces!");
        }
        if (proxy.kind.equals("backend")) {
            ctx.warn(n, w.get(0), "'" + kw + "' ignored because backend '" + proxy.name
                    + "' has no frontend capability.");
            return;
        }
        if (kw.equals("unique-id-header")) {
            proxy.uniqueIdHeader = w.get(1).text();
            return;
        }
        try {
            LogFormat.parse(w.get(1).text(), ctx.compiler);
        } catch (ExpressionException e) {
            ctx.error(n, w.get(1).column() + Math.max(0, e.offset()), "failed to parse unique-id : " + e.reason());
            throw new LineFailed();
        }
        proxy.uniqueIdFormat = w.get(1).text();
        proxy.uniqueIdOrigin = ctx.origin(n, w.get(1));
    }

    private void acl(int n, List<Word> w) throws LineFailed {
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'acl' expects an ACL name.");
        }
        String name = w.get(1).text();
        Acl acl = ctx.acl(n, name, w.subList(2, w.size()));
        proxy.acls.merge(name, acl, Acl::or);
    }

    /** A rule line, parsed by {@link RuleParser}; a {@code default_backend} replaces the section's previous one. */
    private void rule(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        if (kw.startsWith("http-") && proxy.firstHttpRule == null) {
            proxy.firstHttpRule = w.get(0);
            proxy.firstHttpRuleLine = n;
        }
        if (kw.equals("tcp-request") && proxy.sawHttpRequest) {
            ctx.warn(n, w.get(0), "a 'tcp-request' rule placed after an 'http-request' rule will still be processed before.");
        }
        proxy.sawHttpRequest |= kw.equals("http-request");
        if (proxy.endedRuleSets.contains(kw)) {
            ctx.warn(n, w.get(0), "previous '" + kw + "' action is final and has no condition attached, further entries"
                    + " are NOOP.");
        }
        ProxyRule r = ruleParser.parse(n, w, new RuleParser.Scope(proxy.kind, proxy.name, proxy.anonymous, proxy.acls));
        if (r == null) {
            return;
        }
        if (r instanceof HttpActionRule a && a.action().isFinal() && a.condition().isEmpty() && kw.startsWith("http-")) {
            proxy.endedRuleSets.add(kw);
        }
        if (r instanceof UseBackendRule u && u.isDefault()) {
            if (proxy.kind.equals("defaults")) {
                proxy.defaultBackend = u;
                return;
            }
            rules.removeIf(x -> x instanceof UseBackendRule d && d.isDefault() && d.proxy().equals(proxy.name));
        }
        rules.add(r);
    }

    private void buildBackend(BackendState state, boolean used, SpoeSetup.Builder setup) {
        ProxyState p = state.proxy();
        if (!p.mode.equals("tcp") && !p.mode.equals("spop")) {
            setup.nonAgentBackend(p.name, p.mode);
            return;
        }
        List<String> problems = new ArrayList<>();
        BackendConfig.Builder b = BackendConfig.builder(p.name).mode(p.mode).origin(p.origin).spopCheck(p.spopCheck)
                .connectTimeout(p.connect).serverTimeout(p.server);
        if (p.balance != null) {
            switch (p.balance.text()) {
                case "roundrobin" -> b.balance(Balance.ROUNDROBIN);
                case "leastconn" -> b.balance(Balance.LEASTCONN);
                default -> {
                    String msg = "unsupported balance algorithm '" + p.balance.text()
                            + "' for an agent backend (expected roundrobin, leastconn)";
                    if (used) {
                        ctx.error(p.balanceLine, p.balance.column(), msg);
                    }
                    problems.add(msg);
                }
            }
        }
        state.servers().forEach(b::server);
        try {
            BackendConfig built = b.build();
            if (problems.isEmpty()) {
                setup.backend(built);
            }
        } catch (SpoeConfigException e) {
            if (used) {
                ctx.addAll(e);
            } else {
                problems.add(e.errors().get(0).message());
            }
        }
        if (!used && !problems.isEmpty()) {
            ctx.warnings.add(new ConfigWarning(p.origin, "backend '" + p.name
                    + "' is not usable as an agent backend and no SPOE agent uses it: " + problems.get(0)));
        }
    }
}

package io.spoe4j.config.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.ExpressionException;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.config.AgentOptions;
import io.spoe4j.config.Balance;
import io.spoe4j.config.BackendConfig;
import io.spoe4j.config.ConfigError;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.Origin;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.config.ServerConfig;
import io.spoe4j.config.SpoeConfigException;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.config.UniqueIdFormat;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
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
 * Reads the SPOE-relevant parts of a {@code haproxy.cfg}: agent backends, {@code filter spoe}
 * lines (loading their {@code spoe.conf}), {@code send-spoe-group} and {@code set-var}/{@code unset-var}
 * rules (in file order), and {@code unique-id-format} / {@code unique-id-header}. Everything else is
 * skipped with a warning, so an existing HAProxy setup can be loaded whole.
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
    private final List<BackendState> backends = new ArrayList<>();
    private final List<FilterLine> filterLines = new ArrayList<>();
    private final List<ProxyRule> rules = new ArrayList<>();
    private final Map<String, String> nonAgentBackends = new LinkedHashMap<>();
    private final List<UniqueIdFormat> uniqueIdFormats = new ArrayList<>();

    private ProxyState defaults = new ProxyState("defaults", "defaults", null);
    private ProxyState proxy;
    private String ignoredSection;

    /** Settings of a proxy section; {@code defaults} sections are copied into the proxies that follow. */
    private static final class ProxyState {
        final String kind;
        final String name;
        final Origin origin;
        String mode = "tcp";
        Word balance;
        int balanceLine;
        boolean spopCheck;
        Duration connect;
        Duration server;
        final ServerOptions defaultServer = new ServerOptions();
        final List<ServerLine> servers = new ArrayList<>();
        final Map<String, Acl> acls = new LinkedHashMap<>();
        final List<ConfigError> buildErrors = new ArrayList<>();
        String uniqueIdFormat;
        Origin uniqueIdOrigin;
        String uniqueIdHeader;

        ProxyState(String kind, String name, Origin origin) {
            this.kind = kind;
            this.name = name;
            this.origin = origin;
        }

        void inherit(ProxyState d) {
            mode = d.mode;
            balance = d.balance;
            balanceLine = d.balanceLine;
            spopCheck = d.spopCheck;
            connect = d.connect;
            server = d.server;
            defaultServer.copyFrom(d.defaultServer);
            uniqueIdFormat = d.uniqueIdFormat;
            uniqueIdOrigin = d.uniqueIdOrigin;
            uniqueIdHeader = d.uniqueIdHeader;
        }
    }

    private record BackendState(ProxyState proxy) {
    }

    private record ServerLine(ServerConfig server) {
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

    public HaproxyCfgParser(String file, String text, Path baseDirectory, SpoeConfigReader reader,
            AclCompiler compiler, UnaryOperator<String> env) {
        this.ctx = new ParseContext(file, compiler, env);
        this.text = text;
        this.baseDirectory = baseDirectory;
        this.reader = reader;
        this.serverOptions = new ServerOptionParser(ctx);
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
                        .readSpoeConf(path, f.engine());
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
            if (ignoredSection.equals("global") && kw.equals("tune.bufsize")) {
                tuneBufsize(n, w);
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
            AgentOptions.builder().tuneBufsize(value);
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
            ProxyState d = new ProxyState("defaults", w.size() > 1 ? w.get(1).text() : "defaults", ctx.origin(n, w.get(0)));
            proxy = d;
            return;
        }
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'" + kind + "' expects <name> as an argument.");
        }
        proxy = new ProxyState(kind, w.get(1).text(), ctx.origin(n, w.get(1)));
        proxy.inherit(defaults);
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
        } else if (proxy.kind.equals("backend") || proxy.kind.equals("listen")) {
            backends.add(new BackendState(proxy));
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
            case "timeout" -> timeout(n, w);
            case "server" -> server(n, w);
            case "default-server" -> serverOptions.parse(n, w, 1, proxy.defaultServer);
            case "filter" -> filter(n, w);
            case "acl" -> acl(n, w);
            case "tcp-request", "tcp-response" -> rule(n, w, 2, kw.equals("tcp-request")
                    ? RuleDirection.TCP_REQUEST_CONTENT : RuleDirection.TCP_RESPONSE_CONTENT);
            case "http-request" -> rule(n, w, 1, RuleDirection.HTTP_REQUEST);
            case "http-response" -> rule(n, w, 1, RuleDirection.HTTP_RESPONSE);
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
        ctx.warn(n, w.get(0), "'" + String.join(" ", ParseContext.texts(w.subList(0, Math.min(w.size(), i + 2))))
                + "' is not used by spoe4j; ignored.");
    }

    private void timeout(int n, List<Word> w) throws LineFailed {
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'timeout' expects a timeout name and a value.");
        }
        String which = w.get(1).text();
        if (!which.equals("connect") && !which.equals("server")) {
            ctx.warn(n, w.get(1), "'timeout " + which + "' is not used by spoe4j; ignored.");
            return;
        }
        if (w.size() < 3) {
            throw ctx.fail(n, w.get(1), "'timeout " + which + "' expects an integer value (in milliseconds).");
        }
        ctx.maxArgs(n, w, 3);
        Duration d = ctx.time(n, w.get(2), "'timeout " + which + "'");
        if (which.equals("connect")) {
            proxy.connect = d;
        } else {
            proxy.server = d;
        }
    }

    private void server(int n, List<Word> w) throws LineFailed {
        if (proxy.kind.equals("frontend") || proxy.kind.equals("defaults")) {
            throw ctx.fail(n, w.get(0), "'server' not allowed in " + proxy.kind + " section.");
        }
        if (w.size() < 3) {
            throw ctx.fail(n, w.get(0), "'server' expects <name> and <addr>[:<port>] as arguments.");
        }
        ServerConfig.Builder b;
        try {
            b = ServerConfig.builder(w.get(1).text(), w.get(2).text()).origin(ctx.origin(n, w.get(1)));
        } catch (IllegalArgumentException e) {
            throw ctx.fail(n, w.get(2), "server '" + w.get(1).text() + "' : " + e.getMessage());
        }
        ServerOptions opts = new ServerOptions();
        opts.copyFrom(proxy.defaultServer);
        serverOptions.parse(n, w, 3, opts);
        opts.applyTo(b);
        proxy.servers.add(new ServerLine(b.build()));
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

    /** {@code skip} words of rule-set keyword, then the action; {@code send-spoe-group}, {@code set-var} and {@code unset-var} are kept. */
    private void rule(int n, List<Word> w, int skip, RuleDirection direction) throws LineFailed {
        if (skip == 2 && (w.size() < 2 || !w.get(1).text().equals("content"))) {
            ctx.warn(n, w.get(0), "'" + w.get(0).text() + (w.size() > 1 ? " " + w.get(1).text() : "")
                    + "' rules are not used by spoe4j; ignored.");
            return;
        }
        if (w.size() > skip && (w.get(skip).text().startsWith("set-var(") || w.get(skip).text().startsWith("unset-var("))) {
            setVar(n, w, skip, direction);
            return;
        }
        if (w.size() <= skip || !w.get(skip).text().equals("send-spoe-group")) {
            ctx.warn(n, w.get(0), "'" + direction.keyword() + (w.size() > skip ? " " + w.get(skip).text() : "")
                    + "' rule is not used by spoe4j; ignored.");
            return;
        }
        if (proxy.kind.equals("defaults")) {
            throw ctx.fail(n, w.get(0), "'send-spoe-group' rules are not allowed in defaults section.");
        }
        int a = skip + 1;
        if (w.size() < a + 2 || w.get(a).text().equals("if") || w.get(a).text().equals("unless")
                || w.get(a + 1).text().equals("if") || w.get(a + 1).text().equals("unless")) {
            throw ctx.fail(n, w.get(skip), "'send-spoe-group' expects 2 arguments: <engine-id> <group-id>");
        }
        Optional<Condition> cond = Optional.empty();
        if (w.size() > a + 2) {
            Word c = w.get(a + 2);
            if (!c.text().equals("if") && !c.text().equals("unless")) {
                throw ctx.fail(n, c, "'send-spoe-group' expects 'if' or 'unless' after <group-id>, found '"
                        + c.text() + "'.");
            }
            cond = Optional.of(ctx.condition(n, w.subList(a + 2, w.size()), proxy.acls, "a 'send-spoe-group'"));
        }
        rules.add(new SendSpoeGroupRule(proxy.name, direction, w.get(a).text(), w.get(a + 1).text(), cond,
                ctx.origin(n, w.get(skip))));
    }

    private static final Set<String> VAR_SCOPES = Set.of("proc", "sess", "txn", "req", "res");

    /** {@code set-var(<scope>.<name>) <expr> [if|unless COND]} or {@code unset-var(<scope>.<name>) [if|unless COND]}. */
    private void setVar(int n, List<Word> w, int skip, RuleDirection direction) throws LineFailed {
        Word action = w.get(skip);
        boolean unset = action.text().startsWith("unset-var(");
        String kw = unset ? "unset-var" : "set-var";
        String what = "'" + direction.keyword() + " " + kw + "'";
        if (proxy.kind.equals("defaults")) {
            throw ctx.fail(n, w.get(0), what + " rules are not allowed in defaults section.");
        }
        String t = action.text();
        if (!t.endsWith(")")) {
            throw ctx.fail(n, action, what + ": missing ')' after the variable name in '" + t + "'.");
        }
        String variable = t.substring(kw.length() + 1, t.length() - 1);
        int column = kw.length() + 1;
        int comma = variable.indexOf(',');
        if (comma >= 0) {
            ctx.error(n, action.column() + column + comma, what + ": set-var conditions ('"
                    + variable.substring(comma + 1) + "') are not supported by spoe4j.");
            throw new LineFailed();
        }
        int dot = variable.indexOf('.');
        String scope = dot < 0 ? variable : variable.substring(0, dot);
        if (!VAR_SCOPES.contains(scope)) {
            ctx.error(n, action.column() + column, what + ": invalid variable name '" + variable
                    + "'. Only 'proc', 'sess', 'txn', 'req' and 'res' scopes are available.");
            throw new LineFailed();
        }
        String name = variable.substring(dot + 1);
        if (name.isEmpty()) {
            ctx.error(n, action.column() + column, what + ": missing variable name after '" + scope + ".'.");
            throw new LineFailed();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.'))) {
                ctx.error(n, action.column() + column + dot + 1 + i, what + ": invalid character '" + c
                        + "' in variable name '" + variable + "' (expected letters, digits, '_' or '.').");
                throw new LineFailed();
            }
        }
        int next = skip + 1;
        Optional<SampleExpression> expr = Optional.empty();
        if (!unset) {
            if (w.size() <= next || w.get(next).text().equals("if") || w.get(next).text().equals("unless")) {
                throw ctx.fail(n, action, what + ": expects a sample expression after '" + t + "'.");
            }
            expr = Optional.of(ctx.sample(n, w.get(next), 0, w.get(next).text(), what));
            next++;
        }
        Optional<Condition> cond = Optional.empty();
        if (w.size() > next) {
            Word c = w.get(next);
            if (!c.text().equals("if") && !c.text().equals("unless")) {
                throw ctx.fail(n, c, what + " expects 'if' or 'unless' after " + (unset ? "the variable" : "the expression")
                        + ", found '" + c.text() + "'.");
            }
            cond = Optional.of(ctx.condition(n, w.subList(next, w.size()), proxy.acls, "a " + what));
        }
        rules.add(new SetVarRule(proxy.name, direction, variable, expr, cond, ctx.origin(n, action)));
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
        p.servers.forEach(s -> b.server(s.server()));
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

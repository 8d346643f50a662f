package io.spoe4j.config.internal;

import io.spoe4j.config.HttpProxyConfig;
import io.spoe4j.config.HttpProxyConfig.HttpServer;
import io.spoe4j.config.Origin;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.UseBackendRule;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.ProxyState.HttpNote;
import io.spoe4j.config.internal.ProxyState.ServerLine;
import io.spoe4j.config.internal.Tokenizer.Word;
import io.spoe4j.options.Balance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import io.spoe4j.config.ProxyLimits;
import java.util.Set;

/**
 * The HTTP side of a haproxy.cfg: an {@link HttpProxyConfig} per {@code mode http} section (its
 * {@code server} lines as {@link HttpServer}s, {@code balance}, {@code timeout tarpit},
 * {@code errorfile}s), warnings for what spoe4j does not apply to HTTP traffic, and the check of
 * {@code use_backend}/{@code default_backend} targets with HAProxy's messages.
 */
final class HttpSections {
    /** Server options spoe4j applies to agent servers but not to HTTP servers. */
    static final Set<String> AGENT_ONLY_OPTIONS = Set.of("check", "no-check", "inter", "rise", "fall", "weight",
            "maxconn", "disabled", "enabled");

    private final ParseContext ctx;
    private final ServerOptionParser serverOptions;

    HttpSections(ParseContext ctx, ServerOptionParser serverOptions) {
        this.ctx = ctx;
        this.serverOptions = serverOptions;
    }

    /** Warnings about the options of a {@code default-server} line that HTTP servers do not use. */
    static void noteDefaultServer(ProxyState p, int n, List<Word> w) {
        for (int i = 1; i < w.size(); i++) {
            if (AGENT_ONLY_OPTIONS.contains(w.get(i).text())) {
                p.httpNotes.add(new HttpNote(n, w.get(i), "server option '" + w.get(i).text()
                        + "' is not applied by spoe4j to HTTP servers; ignored."));
            }
        }
    }

    /** The settings of a {@code mode http} frontend, backend or listen section, with its warnings. */
    HttpProxyConfig build(ProxyState p, int globalMaxconn) {
        for (HttpNote note : p.httpNotes) {
            ctx.warn(note.line(), note.word(), note.message());
        }
        List<HttpServer> servers = new ArrayList<>();
        for (ServerLine s : p.servers) {
            try {
                HttpServer server = server(s);
                if (server != null) {
                    servers.add(server);
                }
            } catch (LineFailed e) {
                // recorded
            }
        }
        Balance balance = Balance.ROUNDROBIN;
        if (p.balance != null && p.backendCapable()) {
            switch (p.balance.text()) {
                case "roundrobin" -> balance = Balance.ROUNDROBIN;
                case "leastconn" -> balance = Balance.LEASTCONN;
                default -> ctx.warn(p.balanceLine, p.balance, "balance '" + p.balance.text() + "' of " + p.kind + " '"
                        + p.name + "' is not applied by spoe4j to HTTP servers; roundrobin is used.");
            }
        }
        return new HttpProxyConfig(p.name, p.kind, Optional.ofNullable(p.tarpit != null ? p.tarpit : p.connect),
                p.errorfiles, servers, balance, p.origin, Optional.ofNullable(p.forwardFor), limits(p, globalMaxconn));
    }

    /** The section's timeouts, maxconn, retries and bind lines; {@code 0} timeouts are unset, as in HAProxy. */
    static ProxyLimits limits(ProxyState p, int globalMaxconn) {
        return new ProxyLimits(set(p.client), set(p.server), set(p.connect), set(p.httpRequest), set(p.httpKeepAlive),
                set(p.tarpit), p.maxconn == null ? OptionalInt.empty() : OptionalInt.of(p.maxconn),
                globalMaxconn > 0 ? OptionalInt.of(globalMaxconn) : OptionalInt.empty(),
                p.retries == null ? OptionalInt.empty() : OptionalInt.of(p.retries), p.binds);
    }

    /** {@code hp} with the global section's {@code maxconn} (which may come after the proxy sections). */
    static HttpProxyConfig withGlobalMaxconn(HttpProxyConfig hp, int globalMaxconn) {
        ProxyLimits l = hp.limits();
        return new HttpProxyConfig(hp.name(), hp.kind(), hp.tarpitTimeout(), hp.errorfiles(), hp.servers(), hp.balance(),
                hp.origin(), hp.forwardFor(), new ProxyLimits(l.client(), l.server(), l.connect(), l.httpRequest(), l.httpKeepAlive(),
                        l.tarpit(), l.maxconn(), OptionalInt.of(globalMaxconn), l.retries(), l.binds()));
    }

    private static Optional<java.time.Duration> set(java.time.Duration d) {
        return d == null || d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** {@code server NAME ADDR[:PORT] [options]} of an HTTP section; null when it cannot be applied (warned). */
    private HttpServer server(ServerLine s) throws LineFailed {
        int n = s.line();
        List<Word> w = s.words();
        ServerOptions opts = new ServerOptions();
        opts.copyFrom(s.defaults());
        serverOptions.parse(n, w, 3, opts);
        for (int i = 3; i < w.size(); i++) {
            if (AGENT_ONLY_OPTIONS.contains(w.get(i).text())) {
                ctx.warn(n, w.get(i), "server option '" + w.get(i).text()
                        + "' is not applied by spoe4j to HTTP servers; ignored.");
            }
        }
        String name = w.get(1).text();
        Word addrWord = w.get(2);
        String addr = addrWord.text();
        if (addr.startsWith("ipv4@") || addr.startsWith("ipv6@")) {
            addr = addr.substring(5);
        }
        if (addr.startsWith("/") || addr.indexOf('@') >= 0 || addr.startsWith("unix:")) {
            ctx.warn(n, addrWord, "server '" + name + "': address '" + addrWord.text()
                    + "' is not a TCP address; HTTP servers on it are not applied by spoe4j; ignored.");
            return null;
        }
        String host;
        String port = "";
        if (addr.startsWith("[")) {
            int close = addr.indexOf(']');
            String rest = close < 0 ? "" : addr.substring(close + 1);
            if (close < 0 || !rest.isEmpty() && !rest.startsWith(":")) {
                throw ctx.fail(n, addrWord, "server '" + name + "' : invalid address: '" + addrWord.text() + "'");
            }
            host = addr.substring(1, close);
            port = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int colon = addr.lastIndexOf(':');
            boolean v6 = colon >= 0 && addr.indexOf(':') != colon;
            host = colon < 0 || v6 ? addr : addr.substring(0, colon);
            port = colon < 0 || v6 ? "" : addr.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw ctx.fail(n, addrWord, "server '" + name + "' : missing address in '" + addrWord.text() + "'");
        }
        if (port.startsWith("+") || port.startsWith("-")) {
            ctx.warn(n, addrWord, "server '" + name + "': port offsets ('" + port
                    + "') are not applied by spoe4j to HTTP servers; ignored.");
            return null;
        }
        int p = port.isEmpty() ? 0 : port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1;
        if (p < 0 || p > 65535) {
            throw ctx.fail(n, addrWord, "server '" + name + "' : invalid port '" + port + "' in '" + addrWord.text() + "'");
        }
        return new HttpServer(name, host, p, Boolean.TRUE.equals(opts.ssl), ctx.origin(n, w.get(1)));
    }

    /**
     * Checks every {@code use_backend}/{@code default_backend} with a constant name: the backend
     * must exist, and an HTTP frontend cannot use a TCP backend (HAProxy's messages).
     */
    void checkBackends(List<ProxyRule> rules, Map<String, ProxyState> proxies) {
        for (ProxyRule r : rules) {
            if (!(r instanceof UseBackendRule u)) {
                continue;
            }
            String text = u.name().text();
            if (u.isDefault()) {
                text = text.replace("%%", "%");
            } else if (text.indexOf('%') >= 0) {
                continue; // evaluated per request
            }
            String kw = u.isDefault() ? "default_backend" : "use_backend";
            Origin o = u.origin();
            ProxyState target = proxies.get(text);
            if (target == null || !target.backendCapable()) {
                ctx.error(o.line(), o.column(), "Proxy '" + u.proxy() + "': unable to find required " + kw + ": '"
                        + text + "'.");
                continue;
            }
            ProxyState frontend = proxies.get(u.proxy());
            if (frontend != null && frontend.isHttp() && !target.isHttp()) {
                ctx.error(o.line(), o.column(), "http " + frontend.kind + " '" + frontend.name + "' (" + frontend.origin
                        + ") tries to use incompatible " + target.mode + " backend '" + target.name + "' ("
                        + target.origin + ") " + (u.isDefault() ? "as its default backend" : "in a 'use_backend' rule")
                        + " (see 'mode').");
            }
        }
    }
}

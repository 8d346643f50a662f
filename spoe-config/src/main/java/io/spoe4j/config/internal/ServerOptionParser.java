package io.spoe4j.config.internal;

import io.spoe4j.config.ServerConfig;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Parses the options of {@code server} and {@code default-server} lines. */
final class ServerOptionParser {
    /** Server keywords spoe4j does not use, with the number of values each takes, so they can be skipped. */
    private static final Map<String, Integer> IGNORED = Map.ofEntries(
            Map.entry("port", 1), Map.entry("addr", 1), Map.entry("cookie", 1), Map.entry("slowstart", 1),
            Map.entry("downinter", 1), Map.entry("fastinter", 1), Map.entry("on-error", 1),
            Map.entry("on-marked-down", 1), Map.entry("on-marked-up", 1), Map.entry("error-limit", 1),
            Map.entry("observe", 1), Map.entry("maxqueue", 1), Map.entry("minconn", 1), Map.entry("verify", 1),
            Map.entry("ca-file", 1), Map.entry("crt", 1), Map.entry("sni", 1), Map.entry("alpn", 1),
            Map.entry("proto", 1), Map.entry("resolvers", 1), Map.entry("resolve-prefer", 1),
            Map.entry("resolve-opts", 1), Map.entry("resolve-net", 1), Map.entry("init-addr", 1),
            Map.entry("agent-port", 1), Map.entry("agent-inter", 1), Map.entry("agent-addr", 1),
            Map.entry("agent-send", 1), Map.entry("id", 1), Map.entry("source", 1), Map.entry("pool-max-conn", 1),
            Map.entry("pool-low-conn", 1), Map.entry("pool-purge-delay", 1), Map.entry("track", 1),
            Map.entry("namespace", 1), Map.entry("max-reuse", 1), Map.entry("check-proto", 1),
            Map.entry("check-sni", 1), Map.entry("check-alpn", 1), Map.entry("ws", 1), Map.entry("log-proto", 1),
            Map.entry("redir", 1), Map.entry("ciphers", 1), Map.entry("ciphersuites", 1),
            Map.entry("ssl-min-ver", 1), Map.entry("ssl-max-ver", 1), Map.entry("verifyhost", 1),
            Map.entry("crl-file", 1), Map.entry("hash-key", 1), Map.entry("shard", 1), Map.entry("guid", 1),
            Map.entry("init-state", 1), Map.entry("socks4", 1), Map.entry("proxy-v2-options", 1),
            Map.entry("set-proxy-v2-tlv-fmt", 1), Map.entry("curves", 1), Map.entry("sigalgs", 1),
            Map.entry("client-sigalgs", 1), Map.entry("npn", 1), Map.entry("tcp-ut", 1), Map.entry("usesrc", 1),
            Map.entry("check-ssl", 0), Map.entry("no-check-ssl", 0), Map.entry("send-proxy", 0),
            Map.entry("send-proxy-v2", 0), Map.entry("send-proxy-v2-ssl", 0), Map.entry("send-proxy-v2-ssl-cn", 0),
            Map.entry("no-send-proxy", 0), Map.entry("backup", 0), Map.entry("no-backup", 0),
            Map.entry("agent-check", 0), Map.entry("no-agent-check", 0), Map.entry("tfo", 0),
            Map.entry("no-verifyhost", 0), Map.entry("no-tls-tickets", 0), Map.entry("tls-tickets", 0),
            Map.entry("allow-0rtt", 0), Map.entry("strict-maxconn", 0), Map.entry("check-send-proxy", 0),
            Map.entry("check-via-socks4", 0), Map.entry("non-stick", 0), Map.entry("stick", 0),
            Map.entry("force-sslv3", 0), Map.entry("force-tlsv10", 0), Map.entry("force-tlsv11", 0),
            Map.entry("force-tlsv12", 0), Map.entry("force-tlsv13", 0), Map.entry("no-sslv3", 0),
            Map.entry("no-tlsv10", 0), Map.entry("no-tlsv11", 0), Map.entry("no-tlsv12", 0),
            Map.entry("no-tlsv13", 0), Map.entry("ssl-reuse", 0), Map.entry("no-ssl-reuse", 0));

    private final ParseContext ctx;

    ServerOptionParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    void parse(int n, List<Word> w, int start, ServerOptions o) throws LineFailed {
        for (int i = start; i < w.size(); i++) {
            Word k = w.get(i);
            switch (k.text()) {
                case "check" -> o.check = true;
                case "no-check" -> o.check = false;
                case "ssl" -> o.ssl = true;
                case "no-ssl" -> o.ssl = false;
                case "disabled" -> o.disabled = true;
                case "enabled" -> o.disabled = false;
                case "inter" -> {
                    Word v = value(n, w, i++);
                    Duration d = ctx.time(n, v, "'inter'");
                    validate(n, v, b -> b.inter(d));
                    o.inter = d;
                }
                case "rise", "fall", "weight", "maxconn" -> {
                    Word v = value(n, w, i++);
                    int x = ctx.integer(n, v, "'" + k.text() + "'");
                    switch (k.text()) {
                        case "rise" -> {
                            validate(n, v, b -> b.rise(x));
                            o.rise = x;
                        }
                        case "fall" -> {
                            validate(n, v, b -> b.fall(x));
                            o.fall = x;
                        }
                        case "weight" -> {
                            validate(n, v, b -> b.weight(x));
                            o.weight = x;
                        }
                        default -> {
                            validate(n, v, b -> b.maxconn(x));
                            o.maxconn = x;
                        }
                    }
                }
                default -> {
                    Integer skip = IGNORED.get(k.text());
                    ctx.warn(n, k, "server option '" + k.text() + "' is not used by spoe4j; ignored.");
                    if (skip != null) {
                        i += skip;
                    }
                }
            }
        }
    }

    private Word value(int n, List<Word> w, int i) throws LineFailed {
        if (i + 1 >= w.size()) {
            throw ctx.fail(n, w.get(i), "'" + w.get(i).text() + "' expects a value.");
        }
        return w.get(i + 1);
    }

    private interface Setter {
        void apply(ServerConfig.Builder b);
    }

    /** Runs the value through the builder's own check so the rule lives in one place. */
    private void validate(int n, Word v, Setter setter) throws LineFailed {
        try {
            setter.apply(ServerConfig.builder("validate", "127.0.0.1:1"));
        } catch (IllegalArgumentException e) {
            throw ctx.fail(n, v, e.getMessage());
        }
    }
}

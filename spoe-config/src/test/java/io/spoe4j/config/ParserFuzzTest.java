package io.spoe4j.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Mutated and random configurations either parse to a model or fail with {@link SpoeConfigException}, nothing else. */
class ParserFuzzTest {
    private static final List<String> SEEDS = List.of("coraza.conf", "crowdsec.conf", "mirror.conf", "auth.conf",
            "datadog.conf", "modsecurity.conf", "capture-spoe.conf");
    private static final String[] TOKENS = {"spoe-agent", "spoe-message", "spoe-group", "messages", "groups", "args",
        "acl", "event", "if", "unless", "{", "}", "!", "||", "option", "no", "timeout", "processing", "hello",
        "use-backend", "var-prefix", "set-on-error", "max-frame-size", "[x]", "[", "]", "\"", "'", "\\", "#", "$",
        "${X}", "\"${A-b}\"", "\"${L[*]}\"", "\\x4", "src", "req.hdr(host),lower", "str(a=b)", "x=", "=", "on-client-session",
        "on-http-response", "res.hdrs", "10ms", "99999999999", "-1", "256", "\t", " ", "\n", "\\\n", "log", "global",
        "register-var-names", "maxconnrate", "a-b", "é", "\u0000", "frontend", "backend", "server", "filter", "spoe",
        "engine", "config", "send-spoe-group", "http-request", "mode", "spop", "balance", "check", "inter", "weight",
        ".if", ".elif", ".else", ".endif", ".warning", ".alert", "defined(BACKEND)", "streq(a,b)", "&&", "(", ")",
        "feature(X)", "deny", "deny_status", "return", "status", "content-type", "string", "lf-string", "file",
        "lf-file", "errorfile", "hdr", "redirect", "location", "prefix", "scheme", "code", "302", "set-cookie",
        "set-header", "del-header", "-m", "reg", "replace-header", "(.*)", "\\1", "set-path", "%[path]", "%[",
        "%{+Q}", "%%", "set-status", "reason", "wait-for-body", "time", "at-least", "100k", "lua.f", "use_backend",
        "default_backend", "tcp-request", "content", "reject", "http-after-response", "set-var-fmt(txn.x)"};
    private static final List<String> RULES = List.of(
            "http-request deny deny_status 403 hdr waf-block \"request\" if { var(txn.coraza.action) -m str deny }",
            "http-request redirect code 302 location %[var(txn.coraza.data)] if { var(txn.coraza.action) -m str redirect }",
            "http-request return status 429 content-type text/plain lf-string \"id=%[var(txn.a)]\" hdr x %[path]",
            "http-request replace-header Cookie (.*)secret=[^;]*(.*) \\1\\2 if { path_beg /x }",
            "http-response set-status 401 reason \"Nope\"", "http-request del-header ^x-.* -m reg",
            "http-request wait-for-body time 20s at-least 100k", "use_backend be_%[req.hdr(host)] if ! { ssl_fc }",
            "http-request lua.crowdsec_handle if { var(txn.crowdsec.remediation) -m found }",
            "tcp-request content reject if { src 10.0.0.0/8 }", "http-after-response set-var-fmt(txn.x) %[status]");

    private static String mutate(String text, Random r) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int pos = sb.length() == 0 ? 0 : r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> sb.insert(pos, TOKENS[r.nextInt(TOKENS.length)]);
                case 1 -> sb.delete(pos, Math.min(sb.length(), pos + 1 + r.nextInt(12)));
                case 2 -> sb.insert(pos, (char) (32 + r.nextInt(95)));
                default -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(pos, TOKENS[r.nextInt(TOKENS.length)].charAt(0));
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String soup(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(60);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS[r.nextInt(TOKENS.length)]).append(r.nextInt(3) == 0 ? "\n" : " ");
        }
        return sb.toString();
    }

    private static void check(Runnable parse, String input) {
        try {
            parse.run();
        } catch (SpoeConfigException e) {
            assertTrue(!e.errors().isEmpty());
            for (ConfigError err : e.errors()) {
                assertNotNull(err.format());
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("unexpected " + e + " for input:\n" + input, e);
        }
    }

    @Test
    void spoeConfMutations() {
        Random r = new Random(0x5B0E4A1L);
        for (String seed : SEEDS) {
            String text = Configs.resource("agents/" + seed);
            for (int i = 0; i < 400; i++) {
                String input = mutate(text, r);
                String engine = r.nextBoolean() ? null : seed.substring(0, seed.indexOf('.'));
                check(() -> assertNotNull(Configs.READER.parseSpoeConf("fuzz.conf", input, engine)), input);
            }
        }
    }

    @Test
    void spoeConfTokenSoup() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            String input = soup(r);
            check(() -> assertNotNull(Configs.parse(input)), input);
        }
    }

    @Test
    void ruleMutations() {
        Random r = new Random(14);
        for (int i = 0; i < 3000; i++) {
            String input = mutate(RULES.get(r.nextInt(RULES.size())), r).replace("\n", " ");
            check(() -> assertNotNull(Configs.READER.parseRule(input)), input);
        }
    }

    @Test
    void haproxyCfgRuleMutations(@TempDir Path dir) throws Exception {
        Random r = new Random(15);
        for (int i = 0; i < 600; i++) {
            StringBuilder cfg = new StringBuilder("frontend fe\n    mode http\n");
            for (int k = 0; k < 4; k++) {
                cfg.append("    ").append(mutate(RULES.get(r.nextInt(RULES.size())), r)).append('\n');
            }
            cfg.append("backend be\n    mode http\n    server s 127.0.0.1:1\n");
            String input = cfg.toString();
            check(() -> assertNotNull(Configs.READER.parseHaproxyCfg("haproxy.cfg", input, dir)), input);
        }
    }

    @Test
    void haproxyCfgMutations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), Configs.resource("agents/capture-spoe.conf"));
        String cfg = Configs.resource("agents/capture-haproxy.cfg");
        Random r = new Random(7);
        for (int i = 0; i < 1500; i++) {
            String input = i % 3 == 0 ? soup(r) : mutate(cfg, r);
            check(() -> assertNotNull(Configs.READER.parseHaproxyCfg("haproxy.cfg", input, dir)), input);
        }
    }
}

package io.spoe4j.config;

import static io.spoe4j.config.Configs.errors;
import static io.spoe4j.config.Configs.fails;
import static io.spoe4j.config.Configs.readCfg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What HAProxy 2.6.12 refuses in the HTTP actions, refused with its message (the text after
 * {@code parsing [file:line] :} in {@code haproxy -c}) and the column of the offending word.
 */
class HttpActionErrorsTest {
    @TempDir
    Path dir;

    private static final String REQ_LIST = "'wait-for-handshake', 'ot-group', 'set-log-level', 'set-nice', 'use-service',"
            + " 'sc-inc-gpc(*)', 'sc-inc-gpc0(*)', 'sc-inc-gpc1(*)', 'sc-set-gpt(*)', 'sc-set-gpt0(*)', 'send-spoe-group',"
            + " 'do-resolve(*)', 'cache-use', 'add-acl(*)', 'add-header', 'allow', 'auth', 'capture', 'del-acl(*)',"
            + " 'del-header', 'del-map(*)', 'deny', 'disable-l7-retry', 'early-hint', 'normalize-uri', 'redirect', 'reject',"
            + " 'replace-header', 'replace-path', 'replace-pathq', 'replace-uri', 'replace-value', 'return', 'set-header',"
            + " 'set-map(*)', 'set-method', 'set-path', 'set-pathq', 'set-query', 'set-uri', 'strict-mode', 'tarpit',"
            + " 'track-sc(*)', 'set-timeout', 'wait-for-body', 'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)', 'set-dst',"
            + " 'set-dst-port', 'set-mark', 'set-src', 'set-src-port', 'set-tos', 'silent-drop', 'set-priority-class',"
            + " 'set-priority-offset', ";
    private static final String RES_LIST = "'ot-group', 'set-log-level', 'set-nice', 'sc-inc-gpc(*)', 'sc-inc-gpc0(*)',"
            + " 'sc-inc-gpc1(*)', 'sc-set-gpt(*)', 'sc-set-gpt0(*)', 'send-spoe-group', 'cache-store', 'add-acl(*)',"
            + " 'add-header', 'allow', 'capture', 'del-acl(*)', 'del-header', 'del-map(*)', 'deny', 'redirect',"
            + " 'replace-header', 'replace-value', 'return', 'set-header', 'set-map(*)', 'set-status', 'strict-mode',"
            + " 'track-sc(*)', 'wait-for-body', 'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)', 'set-mark', 'set-tos',"
            + " 'silent-drop', ";
    private static final String TCP_LIST = "'accept', 'reject', 'capture', 'expect-proxy', 'expect-netscaler-cip',"
            + " 'track-sc0' ... 'track-sc2', 'ot-group', 'set-log-level', 'set-nice', 'switch-mode', 'use-service',"
            + " 'sc-inc-gpc(*)', 'sc-inc-gpc0(*)', 'sc-inc-gpc1(*)', 'sc-set-gpt(*)', 'sc-set-gpt0(*)', 'send-spoe-group',"
            + " 'do-resolve(*)', 'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)', 'set-src', 'set-src-port', 'set-dst',"
            + " 'set-dst-port', 'set-mark', 'set-tos', 'silent-drop', 'set-priority-class', 'set-priority-offset'";

    /** A rule line, the text its error points at (the n-th occurrence), and HAProxy's message. */
    private record Case(String line, String at, int occurrence, String message) {
        Case(String line, String at, String message) {
            this(line, at, 1, message);
        }

        int column() {
            String l = "    " + line;
            int i = -1;
            for (int k = 0; k < occurrence; k++) {
                i = l.indexOf(at, i + 1);
            }
            if (i < 0) {
                throw new IllegalArgumentException("'" + at + "' not in '" + line + "'");
            }
            return i + 1;
        }
    }

    private static String p(String rule) {
        return "error detected in frontend 'fe' while parsing '" + rule + "' rule : ";
    }

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("e403.http"), "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 3\r\n\r\nno\n");
        Files.writeString(dir.resolve("garbage.http"), "garbage\r\n\r\n");
        Files.writeString(dir.resolve("bad-cl.http"), "HTTP/1.1 403 Forbidden\r\nContent-Length: 5\r\n\r\nno\n");
        Files.writeString(dir.resolve("chunked.http"), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        Files.writeString(dir.resolve("v2.http"), "HTTP/2 403 x\r\n\r\n");
        Files.writeString(dir.resolve("b204.http"), "HTTP/1.1 204 No\r\n\r\nbody");
        Files.writeString(dir.resolve("big.txt"), "x".repeat(16385));
    }

    private void check(List<Case> cases) {
        StringBuilder cfg = new StringBuilder("frontend fe\n    mode http\n");
        for (Case c : cases) {
            cfg.append("    ").append(c.line()).append('\n');
        }
        cfg.append("backend be\n    mode http\n    server s1 127.0.0.1:8080\nbackend tb\n    mode tcp\n"
                + "    server s1 127.0.0.1:8081\n");
        SpoeConfigException e = fails(() -> readCfg(dir, cfg.toString()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            expected.add((i + 3) + ":" + cases.get(i).column() + ":" + cases.get(i).message());
        }
        List<String> actual = errors(e);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "case " + cases.get(i).line());
        }
        assertEquals(expected.size(), actual.size(), actual.toString());
    }

    @Test
    void unknownActionsListWhatTheRuleSetTakesAndSuggestTheNearest() {
        check(List.of(
                new Case("http-request set-status 200", "set-status", "'http-request' expects " + REQ_LIST
                        + "but got 'set-status'. Did you mean 'set-dst' maybe ?"),
                new Case("http-request", "http-request", "'http-request' expects " + REQ_LIST
                        + "but got '' (missing argument)."),
                new Case("http-request sethdr X y", "sethdr", "'http-request' expects " + REQ_LIST
                        + "but got 'sethdr'. Did you mean 'set-header' maybe ?"),
                new Case("http-response set-method GET", "set-method", "'http-response' expects " + RES_LIST
                        + "but got 'set-method'. Did you mean 'set-map' maybe ?"),
                new Case("http-response tarpit", "tarpit", "'http-response' expects " + RES_LIST
                        + "but got 'tarpit'. Did you mean 'set-var' maybe ?"),
                new Case("http-after-response deny", "deny", "'http-after-response' expects 'ot-group', 'add-header',"
                        + " 'allow', 'capture', 'del-header', 'replace-header', 'replace-value', 'set-header', 'set-status',"
                        + " 'strict-mode', 'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)', but got 'deny'."),
                new Case("http-after-response lua.foo", "lua.foo", "'http-after-response' expects 'ot-group',"
                        + " 'add-header', 'allow', 'capture', 'del-header', 'replace-header', 'replace-value', 'set-header',"
                        + " 'set-status', 'strict-mode', 'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)', but got 'lua.foo'."),
                new Case("tcp-request content foo", "foo", "'tcp-request content' expects " + TCP_LIST
                        + " in frontend 'fe' (got 'foo')."),
                new Case("tcp-request content rejct", "rejct", "'tcp-request content' expects " + TCP_LIST
                        + " in frontend 'fe' (got 'rejct'). Did you mean 'reject' maybe ?"),
                new Case("tcp-request foo", "foo", "'tcp-request' expects 'inspect-delay', 'connection', or 'content'"
                        + " in frontend 'fe' (got 'foo')")));
    }

    @Test
    void replies() {
        check(List.of(
                new Case("http-request deny deny_status 99", "99", p("http-request deny") + "Unexpected status code '99'."),
                new Case("http-request deny deny_status 600 hdr x y", "600", p("http-request deny")
                        + "Unexpected status code '600'."),
                new Case("http-request deny deny_status abc", "abc", p("http-request deny") + "Unexpected status code '0'."),
                new Case("http-request deny deny_status", "deny_status", p("http-request deny")
                        + "'status' expects <status_code> as argument."),
                new Case("http-request deny deny_status 418", "418", p("http-request deny")
                        + "status code '418' not handled by default with 'default-errorfiles' argument."),
                new Case("http-request tarpit deny_status 418 if { path /x }", "418", p("http-request tarpit")
                        + "status code '418' not handled by default with 'default-errorfiles' argument."),
                new Case("http-request deny junk", "junk", "'http-request deny' expects either 'if' or 'unless' followed"
                        + " by a condition but found 'junk'."),
                new Case("http-request return deny_status 403", "deny_status", "'http-request return' expects either 'if'"
                        + " or 'unless' followed by a condition but found 'deny_status'."),
                new Case("http-request deny string x", "string", p("http-request deny")
                        + "a content type must be defined when non-empty payload is configured."),
                new Case("http-request return status 99", "99", p("http-request return") + "Unexpected status code '99'."),
                new Case("http-request return status 204 content-type text/plain string x", "204", p("http-request return")
                        + "No body expected for 204 responses."),
                new Case("http-request return lf-string %[path]", "lf-string", p("http-request return")
                        + "a content type must be defined with a log-format payload."),
                new Case("http-request return content-type text/plain string ''", "string", p("http-request return")
                        + "'string' expects <str> as argument."),
                new Case("http-request return hdr x", "hdr", p("http-request return")
                        + "'hdr' expects <name> and <value> as arguments."),
                new Case("http-request return string x string y", "string", 2, p("http-request return")
                        + "unexpected 'string' argument, 'string' already defined."),
                new Case("http-request return content-type", "content-type", p("http-request return")
                        + "'content-type' expects <ctype> as argument."),
                new Case("http-request return content-type a/b file nosuch.txt", "nosuch.txt", p("http-request return")
                        + "error opening file 'nosuch.txt'."),
                new Case("http-request return content-type a/b file big.txt", "big.txt", p("http-request return")
                        + "file 'big.txt' exceeds the buffer size (16385 > 16384)."),
                new Case("http-request return content-type a/b lf-string %[nosuch]", "nosuch", p("http-request return")
                        + "in '%[nosuch]': unknown fetch 'nosuch'."),
                new Case("http-request return hdr x %[res.hdr(y)]", "res.hdr", p("http-request return") + "sample fetch"
                        + " <res.hdr(y)> may not be reliably used here because it needs the response, which is not"
                        + " available here."),
                new Case("http-request deny errorfile nosuch.http", "nosuch.http", p("http-request deny")
                        + "error opening file 'nosuch.http'."),
                new Case("http-request deny errorfile garbage.http", "garbage.http", p("http-request deny")
                        + "'garbage.http': unable to parse headers (error offset: 0)."),
                new Case("http-request deny errorfile bad-cl.http", "bad-cl.http", p("http-request deny")
                        + "'bad-cl.http': payload size does not match the announced content-length (3 != 5)."),
                new Case("http-request deny errorfile chunked.http", "chunked.http", p("http-request deny")
                        + "'chunked.http': chunk-encoded payload not supported."),
                new Case("http-request deny errorfile v2.http", "v2.http", p("http-request deny")
                        + "'v2.http': invalid http version (HTTP/2)."),
                new Case("http-request deny errorfile b204.http", "b204.http", p("http-request deny")
                        + "'b204.http': message payload not expected."),
                new Case("http-request return status 418 default-errorfiles", "418", p("http-request return")
                        + "status code '418' not handled by default with 'default-errorfiles' argument.")));
    }

    @Test
    void redirectsHeadersAndTheOthers() {
        check(List.of(
                new Case("http-request redirect", "redirect", p("http-request redirect")
                        + "redirection type expected ('prefix', 'location', or 'scheme')."),
                new Case("http-request redirect location", "location", p("http-request redirect")
                        + "missing argument for 'location'."),
                new Case("http-request redirect foo /x", "foo", p("http-request redirect") + "expects 'code', 'prefix',"
                        + " 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query', 'ignore-empty' or"
                        + " 'append-slash' (was 'foo')."),
                new Case("http-request redirect code 304 location /x", "304", p("http-request redirect")
                        + "'code': unsupported HTTP code '304' (must be one of 301, 302, 303, 307 or 308)."),
                new Case("http-request redirect location /x code abc", "abc", p("http-request redirect")
                        + "'code': unsupported HTTP code 'abc' (must be one of 301, 302, 303, 307 or 308)."),
                new Case("http-request redirect location /x set-cookie", "set-cookie", p("http-request redirect")
                        + "missing argument for 'set-cookie'."),
                new Case("http-request redirect location %[res.hdr(x)]", "res.hdr", p("http-request redirect")
                        + "sample fetch <res.hdr(x)> may not be reliably used here because it needs the response, which is"
                        + " not available here."),
                new Case("http-request set-header X", "set-header", p("http-request set-header")
                        + "expects exactly 2 arguments."),
                new Case("http-request set-header X y z", "z", "'http-request set-header' expects either 'if' or 'unless'"
                        + " followed by a condition but found 'z'."),
                new Case("http-request add-header X \"a %[nosuch]\"", "nosuch", p("http-request add-header")
                        + "in '%[nosuch]': unknown fetch 'nosuch'."),
                new Case("http-request del-header", "del-header", p("http-request del-header")
                        + "expects at least 1 argument."),
                new Case("http-request del-header X -m", "-m", p("http-request del-header")
                        + "-m flag expects exactly 1 argument."),
                new Case("http-request del-header X -m foo", "foo", p("http-request del-header")
                        + "-m with unsupported matching method 'foo'."),
                new Case("http-request del-header X -m beg junk", "junk", "'http-request del-header' expects either 'if'"
                        + " or 'unless' followed by a condition but found 'junk'."),
                new Case("http-request replace-header X a(", "replace-header", p("http-request replace-header")
                        + "expects exactly 3 arguments."),
                new Case("http-request replace-value X a( b", " b", p("http-request replace-value")
                        + "regex 'a(' is invalid (error=Unclosed group, erroffset=2)."),
                new Case("http-request set-path", "set-path", p("http-request set-path")
                        + "expects exactly 1 argument <format>."),
                new Case("http-request set-path /a /b", "/b", p("http-request set-path")
                        + "expects exactly 1 argument <format>."),
                new Case("http-response set-status", "set-status", p("http-response set-status")
                        + "expects 1 argument: <status>; or 3 arguments: <status> reason <fmt>."),
                new Case("http-response set-status 1000", "1000", p("http-response set-status")
                        + "expects an integer status code between 100 and 999."),
                new Case("http-response set-status 404 reason", "reason", "'http-response set-status' expects either 'if'"
                        + " or 'unless' followed by a condition but found 'reason'."),
                new Case("http-request wait-for-body", "wait-for-body", p("http-request wait-for-body")
                        + "expects time <time> [ at-least <bytes> ]."),
                new Case("http-request wait-for-body at-least 10", "wait-for-body", p("http-request wait-for-body")
                        + "expects time <time> [ at-least <bytes> ]."),
                new Case("http-request wait-for-body time", "time", p("http-request wait-for-body")
                        + "missing argument for 'time'."),
                new Case("http-request wait-for-body time abc", "abc", p("http-request wait-for-body")
                        + "unexpected character 'a'."),
                new Case("http-request wait-for-body time 30d", "30d", p("http-request wait-for-body")
                        + "time overflow (maximum value is 2147483647 ms or ~24.8 days)."),
                new Case("http-request wait-for-body time 20s at-least 1kb", "b", 2, p("http-request wait-for-body")
                        + "unexpected character 'b'."),
                new Case("http-request wait-for-body time 1s at-least 4G", "G", p("http-request wait-for-body")
                        + "unexpected character 'G'."),
                new Case("http-request set-var-fmt(txn.x) %[path] %[path]", "%[path]", 2, "'http-request"
                        + " set-var-fmt(txn.x)' expects either 'if' or 'unless' followed by a condition but found '%[path]'."),
                new Case("http-request set-var-fmt(txn.x) %[res.hdr(x)]", "res.hdr", p("http-request set-var-fmt(txn.x)")
                        + "sample fetch <res.hdr(x)> may not be reliably used here because it needs the response, which is"
                        + " not available here."),
                new Case("http-request silent-drop junk", "junk", "'http-request silent-drop' expects either 'if' or"
                        + " 'unless' followed by a condition but found 'junk'."),
                new Case("tcp-request content reject junk", "junk", "'tcp-request content reject' only accepts 'if' or"
                        + " 'unless', in frontend 'fe' (got 'junk')"),
                new Case("http-request lua.f a if nosuch", "nosuch", "error detected while parsing an 'http-request lua.f'"
                        + " condition : unknown ACL 'nosuch'.")));
    }

    @Test
    void backendSwitchingAndErrorfiles() {
        check(List.of(
                new Case("use_backend", "use_backend", "'use_backend' expects a backend name."),
                new Case("use_backend be junk", "junk", "unexpected keyword 'junk' after switching rule, only 'if' and"
                        + " 'unless' are allowed."),
                new Case("use_backend %[res.hdr(x)]", "res.hdr", "failed to parse use_backend rule '%[res.hdr(x)]' :"
                        + " sample fetch <res.hdr(x)> may not be reliably used here because it needs the response, which is"
                        + " not available here."),
                new Case("use_backend nosuch if { path /x }", "nosuch", "Proxy 'fe': unable to find required use_backend:"
                        + " 'nosuch'."),
                new Case("use_backend tb", "tb", "http frontend 'fe' (" + dir.resolve("haproxy.cfg") + ":1) tries to use"
                        + " incompatible tcp backend 'tb' (" + dir.resolve("haproxy.cfg") + ":19) in a 'use_backend' rule"
                        + " (see 'mode')."),
                new Case("default_backend", "default_backend", "'default_backend' expects a backend name."),
                new Case("default_backend be extra", "extra", "'default_backend' cannot handle unexpected argument 'extra'."),
                new Case("errorfile 403", "errorfile", "errorfile : expects <status_code> and <file> as arguments."),
                new Case("errorfile 418 e403.http", "418", "errorfile : status code '418' not handled."),
                new Case("errorfile abc e403.http", "abc", "errorfile : status code '0' not handled."),
                new Case("errorfile 403 garbage.http", "garbage.http", "errorfile : 'garbage.http': unable to parse headers"
                        + " (error offset: 0)."),
                new Case("errorfile 503 nosuch.http", "nosuch.http", "errorfile : error opening file 'nosuch.http'."),
                new Case("default_backend nope", "nope", "Proxy 'fe': unable to find required default_backend: 'nope'.")));
    }

    @Test
    void rulesInDefaultsAndBackends() {
        SpoeConfigException e = fails(() -> readCfg(dir, """
                defaults
                    mode http
                    http-request deny
                    use_backend be
                    tcp-request content reject
                    http-after-response set-header a b
                """));
        assertEquals(List.of("3:5:'http-request' not allowed in anonymous 'defaults' section.",
                "4:5:'use_backend' not allowed in 'defaults' section.",
                "5:5:tcp-request content is not allowed in anonymous 'defaults' sections",
                "6:5:'http-after-response' not allowed in anonymous 'defaults' section."), errors(e));
        SpoeSetup s = readCfg(dir, """
                defaults
                    mode http
                    default_backend be
                frontend fe
                    bind :80
                frontend own
                    default_backend other
                backend be
                    use_backend other
                    default_backend other
                    server s 127.0.0.1:1
                backend other
                """);
        UseBackendRule inherited = (UseBackendRule) s.proxyRules("fe").get(0);
        assertEquals("be", inherited.name().text());
        assertEquals(3, inherited.origin().line(), "default_backend of defaults, inherited");
        assertEquals(List.of("other"), s.proxyRules("own").stream().map(r -> ((UseBackendRule) r).name().text()).toList());
        assertEquals(List.of(), s.proxyRules("be"));
        List<String> w = s.warnings().stream().map(ConfigWarning::toString).toList();
        assertTrue(w.contains(dir.resolve("haproxy.cfg") + ":9:5: 'use_backend' ignored because backend 'be' has no"
                + " frontend capability."), w.toString());
        assertTrue(w.contains(dir.resolve("haproxy.cfg") + ":10:5: 'default_backend' ignored because backend 'be' has"
                + " no frontend capability."), w.toString());
    }

    @Test
    void columnsPointInsideQuotedFormats() {
        SpoeConfigException e = fails(() -> readCfg(dir, "frontend fe\n    mode http\n"
                + "    http-request set-header X \"id-%[nosuch]\"\n"));
        assertEquals(3, e.errors().get(0).origin().line());
        assertEquals("    http-request set-header X \"id-%[nosuch]\"".indexOf("nosuch") + 1,
                e.errors().get(0).origin().column());
        assertTrue(e.getMessage().endsWith("\n    http-request set-header X \"id-%[nosuch]\"\n"
                + " ".repeat(e.errors().get(0).origin().column() - 1) + "^"), e.getMessage());
    }
}

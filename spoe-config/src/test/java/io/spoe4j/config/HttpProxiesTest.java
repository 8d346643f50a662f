package io.spoe4j.config;

import io.spoe4j.options.Balance;
import static io.spoe4j.config.Configs.readCfg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.config.HttpProxyConfig.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP settings of mode http sections, and the warnings for everything spoe4j does not apply. */
class HttpProxiesTest {
    @TempDir
    Path dir;

    private static final String E403 = "HTTP/1.1 403 Forbidden\r\ncontent-type: text/html\r\ncontent-length: 5\r\n\r\nnope\n";
    private static final String E503 = "HTTP/1.0 503 Service Unavailable\r\n\r\nlater\n";

    private String at(int line, int column, String message) {
        return dir.resolve("haproxy.cfg") + ":" + line + ":" + column + ": " + message;
    }

    @Test
    void errorfilesTarpitServersAndBalance() throws Exception {
        Files.createDirectories(dir.resolve("errors"));
        Files.writeString(dir.resolve("errors/403.http"), E403);
        Files.writeString(dir.resolve("errors/503.http"), E503);
        Files.writeString(dir.resolve("errors/other503.http"), E503.replace("later", "other"));
        Files.writeString(dir.resolve("empty.http"), "");
        SpoeSetup s = readCfg(dir, """
                defaults
                    mode http
                    timeout connect 4s
                    errorfile 403 errors/403.http
                    errorfile 503 errors/503.http
                frontend fe
                    bind :80
                    timeout tarpit 2s
                    errorfile 503 errors/other503.http
                    errorfile 408 empty.http
                    http-request tarpit if { path /slow }
                    default_backend app
                backend app
                    balance leastconn
                    server a 10.0.0.1:8080
                    server b app.internal ssl
                    server c [2001:db8::1]:443 ssl
                    server d ipv4@10.0.0.2:81
                listen both
                    bind :81
                    timeout connect 3s
                    server only 127.0.0.1:9000
                backend agents
                    mode tcp
                    server agent 127.0.0.1:12345
                """);
        assertEquals(List.of("fe", "app", "both"), s.httpProxies().stream().map(HttpProxyConfig::name).toList(),
                "mode http sections only");
        HttpProxyConfig fe = s.httpProxy("fe").orElseThrow();
        assertEquals("frontend", fe.kind());
        assertEquals(Optional.of(Duration.ofSeconds(2)), fe.tarpitTimeout());
        assertArrayEquals(E403.getBytes(StandardCharsets.UTF_8), fe.errorfiles().get(403), "from defaults");
        assertArrayEquals(E503.replace("later", "other").getBytes(StandardCharsets.UTF_8), fe.errorfiles().get(503),
                "the frontend's own");
        assertEquals(0, fe.errorfiles().get(408).length, "an empty errorfile: nothing is sent");
        assertEquals(List.of(), fe.servers());
        assertTrue(fe.isFrontend());
        HttpProxyConfig app = s.httpProxy("app").orElseThrow();
        assertEquals(Optional.of(Duration.ofSeconds(4)), app.tarpitTimeout(), "timeout connect when no timeout tarpit");
        assertEquals(Balance.LEASTCONN, app.balance());
        String cfg = dir.resolve("haproxy.cfg").toString();
        assertEquals(List.of(new HttpServer("a", "10.0.0.1", 8080, false, new Origin(cfg, 15, 12)),
                new HttpServer("b", "app.internal", 0, true, new Origin(cfg, 16, 12)),
                new HttpServer("c", "2001:db8::1", 443, true, new Origin(cfg, 17, 12)),
                new HttpServer("d", "10.0.0.2", 81, false, new Origin(cfg, 18, 12))), app.servers());
        assertEquals(2, app.errorfiles().size());
        HttpProxyConfig both = s.httpProxy("both").orElseThrow();
        assertTrue(both.isFrontend() && both.isBackend());
        assertEquals(Optional.of(Duration.ofSeconds(3)), both.tarpitTimeout());
        assertEquals(1, s.backends().size(), "the agent backend still is one");
        assertEquals("agents", s.backends().get(0).name());
    }

    @Test
    void everythingNotAppliedWarnsWithFileLineAndColumn() throws Exception {
        SpoeSetup s = readCfg(dir, """
                global
                    maxconn 100
                    lua-load /etc/haproxy/x.lua
                defaults
                    mode http
                    log global
                    option httplog
                    timeout client 5s
                frontend fe
                    bind :80
                    maxconn 50
                    http-request set-log-level silent
                    http-request capture req.hdr(host) len 20
                    http-request cache-use c
                    http-request track-sc0 src
                    http-request sc-inc-gpc0(0)
                    http-request early-hint link </x.css>
                    http-response cache-store c
                    http-after-response capture res.hdr(x) len 10
                    tcp-request inspect-delay 5s
                    tcp-request connection accept
                    tcp-request content track-sc1 src
                    tcp-request content lua.f
                    http-request deny if { res.hdr(x) -m found }
                    tcp-request content accept
                    http-request return status 200 content-type text/plain hdr content-length 3 string abc
                    http-request deny hdr x y default-errorfiles
                    http-request deny content-type text/plain
                    default_backend be
                backend be
                    balance source
                    timeout server 10s
                    default-server check inter 3s
                    server s1 127.0.0.1:8080 weight 10 cookie a maxconn 5
                    server s2 unix@/run/app.sock
                frontend tcpfe
                    mode tcp
                    bind :81
                    http-request set-header a b
                    default_backend be
                userlist admins
                    user admin password x
                """);
        List<String> w = s.warnings().stream().map(ConfigWarning::toString).toList();
        for (String expected : List.of(
                at(3, 5, "global keyword 'lua-load' is not applied by spoe4j (lua.NAME actions run the Java action"
                        + " registered under NAME); ignored."),
                at(6, 5, "keyword 'log' in defaults 'defaults' is not used by spoe4j; ignored."),
                at(7, 5, "'option httplog' is not used by spoe4j; ignored."),
                at(12, 18, "'http-request set-log-level' rule is not applied by spoe4j; ignored."),
                at(13, 18, "'http-request capture' rule is not applied by spoe4j; ignored."),
                at(14, 18, "'http-request cache-use' rule is not applied by spoe4j; ignored."),
                at(15, 18, "'http-request track-sc0' rule is not applied by spoe4j; ignored."),
                at(16, 18, "'http-request sc-inc-gpc0(0)' rule is not applied by spoe4j; ignored."),
                at(17, 18, "'http-request early-hint' rule is not applied by spoe4j; ignored."),
                at(18, 19, "'http-response cache-store' rule is not applied by spoe4j; ignored."),
                at(19, 25, "'http-after-response capture' rule is not applied by spoe4j; ignored."),
                at(20, 5, "'tcp-request inspect-delay' rules are not applied by spoe4j; ignored."),
                at(21, 5, "'tcp-request connection' rules are not applied by spoe4j; ignored."),
                at(22, 25, "'tcp-request content track-sc1' rule is not applied by spoe4j; ignored."),
                at(23, 25, "'tcp-request content lua.f' rule is not applied by spoe4j; ignored."),
                at(24, 23, "the condition of this 'http-request deny' rule reads response data, which http-request rules"
                        + " do not have: it never matches."),
                at(25, 5, "a 'tcp-request' rule placed after an 'http-request' rule will still be processed before."),
                at(26, 64, "header 'content-length' always ignored by the http reply."),
                at(27, 5, "previous 'http-request' action is final and has no condition attached, further entries are"
                        + " NOOP."),
                at(27, 23, "hdr parameters ignored by the http reply when used with an errorfile."),
                at(28, 18, "content-type 'text/plain' ignored by the http reply because neither errorfile nor payload"
                        + " defined."),
                at(31, 13, "balance 'source' of backend 'be' is not applied by spoe4j to HTTP servers; roundrobin is used."),
                at(33, 20, "server option 'check' is not applied by spoe4j to HTTP servers; ignored."),
                at(33, 26, "server option 'inter' is not applied by spoe4j to HTTP servers; ignored."),
                at(34, 30, "server option 'weight' is not applied by spoe4j to HTTP servers; ignored."),
                at(34, 40, "server option 'cookie' is not used by spoe4j; ignored."),
                at(34, 49, "server option 'maxconn' is not applied by spoe4j to HTTP servers; ignored."),
                at(35, 15, "server 's2': address 'unix@/run/app.sock' is not a TCP address; HTTP servers on it are not"
                        + " applied by spoe4j; ignored."),
                at(39, 5, "'http-*' rules of frontend 'tcpfe' require 'mode http' (HAProxy ignores them in 'mode tcp');"
                        + " spoe4j applies them."),
                at(41, 1, "section 'userlist' is not used by spoe4j; ignored."))) {
            assertTrue(w.contains(expected), expected + " not in\n" + String.join("\n", w));
        }
        for (ConfigWarning warning : s.warnings()) {
            assertTrue(warning.origin().line() > 0 && warning.origin().column() > 0, warning.toString());
        }
        assertEquals(List.of("HttpActionRule deny", "HttpActionRule accept", "HttpActionRule return",
                "HttpActionRule deny", "HttpActionRule deny", "UseBackendRule"), s.proxyRules("fe").stream()
                .map(r -> r.getClass().getSimpleName() + (r instanceof HttpActionRule a ? " " + a.action().keyword() : ""))
                .toList(), "what spoe4j applies of fe");
        assertEquals(List.of(), s.httpProxy("be").orElseThrow().servers().stream().filter(x -> x.name().equals("s2"))
                .toList());
    }
}

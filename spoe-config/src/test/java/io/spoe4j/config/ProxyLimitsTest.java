package io.spoe4j.config;

import static io.spoe4j.config.Configs.errors;
import static io.spoe4j.config.Configs.fails;
import static io.spoe4j.config.Configs.readCfg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, maxconn, retries and bind lines of mode http sections, with HAProxy's fallbacks. */
class ProxyLimitsTest {
    @TempDir
    Path dir;

    @Test
    void timeoutsInheritFromDefaultsAndFallBackAsHaproxyDoes() throws Exception {
        SpoeSetup s = readCfg(dir, """
                global
                    maxconn 500
                defaults
                    mode http
                    timeout client 30s
                    timeout server 20s
                    timeout connect 2s
                    timeout http-request 5s
                    retries 2
                frontend fe
                    bind 127.0.0.1:8080
                    maxconn 100
                    timeout http-keep-alive 1s
                    default_backend be
                frontend fe2
                    timeout http-request 0
                    default_backend be
                backend be
                    timeout server 3s
                    server s1 127.0.0.1:9000
                """);
        ProxyLimits fe = s.httpProxy("fe").orElseThrow().limits();
        assertEquals(Optional.of(Duration.ofSeconds(30)), fe.client());
        assertEquals(Optional.of(Duration.ofSeconds(5)), fe.httpRequestTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(1)), fe.keepAliveTimeout());
        assertEquals(OptionalInt.of(100), fe.maxconn());
        assertEquals(OptionalInt.of(500), fe.globalMaxconn());
        assertEquals(OptionalInt.of(100), fe.effectiveMaxconn());
        assertEquals(2, fe.effectiveRetries());
        assertEquals(List.of(new BindConfig("127.0.0.1", 8080, false, Optional.empty(), List.of(),
                new Origin(dir.resolve("haproxy.cfg").toString(), 11, 10))), fe.binds());
        ProxyLimits fe2 = s.httpProxy("fe2").orElseThrow().limits();
        assertEquals(Optional.empty(), fe2.httpRequest(), "0 is unset");
        assertEquals(Optional.of(Duration.ofSeconds(30)), fe2.httpRequestTimeout(), "falls back to timeout client");
        assertEquals(Optional.of(Duration.ofSeconds(30)), fe2.keepAliveTimeout(), "then http-request, then client");
        assertEquals(OptionalInt.of(500), fe2.effectiveMaxconn(), "global maxconn");
        ProxyLimits be = s.httpProxy("be").orElseThrow().limits();
        assertEquals(Optional.of(Duration.ofSeconds(3)), be.server());
        assertEquals(Optional.of(Duration.ofSeconds(2)), be.connect());
        List<String> w = s.warnings().stream().map(ConfigWarning::message).toList();
        assertTrue(w.stream().noneMatch(x -> x.contains("timeout") || x.contains("maxconn") || x.contains("bind")), w.toString());
    }

    @Test
    void noLimitsMeansUnsetAndThreeRetries() throws Exception {
        SpoeSetup s = readCfg(dir, "frontend fe\n    mode http\n    timeout queue 5s\n    default_backend be\n"
                + "backend be\n    mode http\n    server s 127.0.0.1:1\n");
        ProxyLimits l = s.httpProxy("fe").orElseThrow().limits();
        assertEquals(Optional.empty(), l.keepAliveTimeout());
        assertEquals(OptionalInt.empty(), l.effectiveMaxconn());
        assertEquals(ProxyLimits.DEFAULT_RETRIES, l.effectiveRetries());
        assertTrue(s.warnings().stream().anyMatch(x -> x.message().equals("'timeout queue' is not used by spoe4j; ignored.")));
    }

    @Test
    void sslBindWithCrtAndAlpn() throws Exception {
        Files.writeString(dir.resolve("site.pem"), "not checked here");
        SpoeSetup s = readCfg(dir, "frontend fe\n    mode http\n    bind :8443 ssl crt site.pem alpn h2,http/1.1 accept-proxy\n"
                + "    default_backend be\nbackend be\n    mode http\n    server s 127.0.0.1:1\n");
        BindConfig b = s.httpProxy("fe").orElseThrow().limits().firstBind().orElseThrow();
        assertEquals("", b.host());
        assertEquals(8443, b.port());
        assertTrue(b.ssl());
        assertEquals(Optional.of(dir.resolve("site.pem").toString()), b.crt());
        assertEquals(List.of("h2", "http/1.1"), b.alpn());
        assertTrue(s.warnings().stream().anyMatch(x -> x.message().equals(
                "bind option 'accept-proxy' is not applied by spoe4j; ignored.")), s.warnings().toString());
    }

    @Test
    void refusalsNameTheLine() {
        List<String> e = errors(fails(() -> readCfg(dir, """
                global
                    maxconn many
                frontend fe
                    mode http
                    bind :8443 ssl
                    bind :8444 ssl crt missing.pem
                    bind :http
                    maxconn 0
                    timeout http-request 5x
                    default_backend be
                backend be
                    mode http
                    retries x
                    server s 127.0.0.1:1
                """)));
        assertEquals(List.of(
                "2:13:'maxconn' expects a positive integer argument.",
                "5:10:Proxy 'fe': no SSL certificate specified for bind ':8443' (use 'crt').",
                "6:24:'bind :8444' : unable to stat SSL certificate from file 'missing.pem' : No such file or"
                        + " directory.",
                "7:10:'bind' : invalid port 'http' in ':http'",
                "8:13:'maxconn' expects a positive integer argument.",
                "9:27:unexpected character 'x' in argument to 'timeout http-request' (expected a time unit: us,"
                        + " ms, s, m, h, d).",
                "13:5:'retries' expects an integer argument."), e);
    }
}

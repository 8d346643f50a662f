package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.cli.gateway.SelfSignedCertificates;
import io.spoe4j.testkit.SpoaAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spoe4j gateway}'s listener: --timeout-*, --maxconn, --tls-*, and a haproxy.cfg's timeouts and bind line. */
class GatewayListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private GatewayCommand.Running running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop(out);
        }
    }

    @Test
    void flagsAreParsedAndCheckedAtOnce(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Listener l = GatewayCommand.parse(new String[] {"--timeout-client", "30s", "--timeout-http-request=5s",
                "--timeout-http-keep-alive", "1s", "--timeout-server", "20s", "--timeout-connect", "500ms",
                "--maxconn", "100", "--tls-cert", cert.toString(), "--alpn", "http/1.1"}).listener();
        assertEquals(new Listener(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(20), Duration.ofMillis(500), 100, cert.toFile(), null, List.of("http/1.1"), false), l);
        for (String[] bad : List.of(new String[] {"--timeout-client", "soon"}, new String[] {"--maxconn", "0"},
                new String[] {"--tls-key", cert.toString()}, new String[] {"--tls-cert", dir.resolve("none").toString()})) {
            assertThrows(IllegalArgumentException.class, () -> GatewayCommand.parse(bad), String.join(" ", bad));
        }
    }

    @Test
    void haproxyCfgTimeoutsAndTlsBindLineApply(@TempDir Path dir) throws Exception {
        SelfSignedCertificates certs = SelfSignedCertificates.create(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("spoe.conf"), """
                [ex]
                spoe-agent ex-agent
                    messages req
                    option var-prefix ex
                    timeout hello 5s
                    timeout idle 30s
                    timeout processing 5s
                    use-backend agents
                spoe-message req
                    args path=path
                    event on-frontend-http-request
                """);
        Files.writeString(dir.resolve("haproxy.cfg"), """
                defaults
                    mode http
                    timeout client 30s
                    timeout http-request 400ms
                    timeout server 7s
                frontend www
                    bind 127.0.0.1:%d ssl crt gw.pem alpn h2,http/1.1
                    maxconn 50
                    filter spoe engine ex config spoe.conf
                    default_backend app
                backend app
                    server s1 192.0.2.20:80
                backend agents
                    mode spop
                    server a1 192.0.2.10:12345
                """.formatted(port));
        io.netty.channel.nio.NioEventLoopGroup upstreamGroup = new io.netty.channel.nio.NioEventLoopGroup(1);
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                io.spoe4j.cli.gateway.EchoBackend echo = io.spoe4j.cli.gateway.EchoBackend.start(upstreamGroup,
                        "127.0.0.1", "x-spoe-")) {
            running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--haproxy-cfg",
                    dir.resolve("haproxy.cfg").toString(), "--agent", "agents=" + agent.endpoint(),
                    "--backend", echo.upstream().toString()}), out);
            assertEquals(port, running.gateway.address().getPort(), "the bind line's address");
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("limits: timeout http-request 400ms, http-keep-alive 400ms, client 30s, server 7s,"
                    + " connect 5s (retries 3), maxconn 50; TLS ("), text);
            assertTrue(text.contains("spoe4j gateway listening on https://127.0.0.1:" + port), text);
            HttpClient h2 = HttpClient.newBuilder().sslContext(certs.clientContext).connectTimeout(WAIT).build();
            HttpResponse<String> r = h2.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/tls"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertTrue(r.body().contains("GET /tls"), r.body());
        } finally {
            upstreamGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).await(WAIT.toMillis());
        }
    }
}

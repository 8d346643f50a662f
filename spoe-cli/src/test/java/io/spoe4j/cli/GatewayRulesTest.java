package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioEventLoopGroup;
import io.spoe4j.cli.gateway.EchoBackend;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.SpoaAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spoe4j gateway --haproxy-cfg}: HTTP actions on SPOE variables, use_backend routing, loud configuration. */
class GatewayRulesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(WAIT).build();
    private final NioEventLoopGroup upstreamGroup = new NioEventLoopGroup(1);
    private SpoaAgent agent;
    private EchoBackend blue;
    private EchoBackend green;
    private GatewayCommand.Running running;

    @BeforeEach
    void start() {
        agent = ExampleAgent.start("127.0.0.1:0");
        blue = EchoBackend.start(upstreamGroup, "127.0.0.1", "x-spoe-");
        green = EchoBackend.start(upstreamGroup, "127.0.0.1", "x-spoe-");
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop(out);
        }
        blue.close();
        green.close();
        agent.close();
        upstreamGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
    }

    private Path write(Path dir, String extra) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), """
                [demo]
                spoe-agent demo-agent
                    messages check-client-ip
                    option var-prefix demo
                    timeout processing 5s
                    use-backend agents
                spoe-message check-client-ip
                    args ip=src
                    event on-frontend-http-request
                """);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                frontend fe
                    mode http
                    filter spoe engine demo config %s
                    http-request deny deny_status 403 hdr waf-block request if { path_beg /admin } { var(sess.demo.ip_score) -m found }
                    http-request redirect code 301 location https://example.com%%[path] if { path_beg /old }
                    http-request return status 200 content-type text/plain lf-string "score=%%[var(sess.demo.ip_score)]" if { path /score }
                    http-request set-header x-score %%[var(sess.demo.ip_score)]
                    use_backend green if { path_beg /green }
                    default_backend blue
                %s
                backend blue
                    mode http
                    http-request set-header x-which blue
                    server b1 127.0.0.1:%d
                backend green
                    mode http
                    http-request set-header x-which green
                    server g1 127.0.0.1:%d
                backend agents
                    mode spop
                    server a1 %s
                """.formatted(dir.resolve("spoe.conf"), extra, blue.upstream().port(), green.upstream().port(),
                agent.endpoint()));
        return cfg;
    }

    private HttpResponse<String> get(String path) throws Exception {
        var a = running.gateway.address();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path)).timeout(WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void actionsOnVariablesAndRoutingToTheChosenBackend(@TempDir Path dir) throws Exception {
        Path cfg = write(dir, "");
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                "--haproxy-cfg", cfg.toString()}), out);
        assertFalse(output().contains("warning:"), output());
        long score = ExampleAgent.ipScore(new byte[] {127, 0, 0, 1});

        HttpResponse<String> denied = get("/admin/x");
        assertEquals(403, denied.statusCode());
        assertEquals(Optional.of("request"), denied.headers().firstValue("waf-block"));
        HttpResponse<String> moved = get("/old/page");
        assertEquals(301, moved.statusCode());
        assertEquals(Optional.of("https://example.com/old/page"), moved.headers().firstValue("location"));
        HttpResponse<String> answered = get("/score");
        assertEquals("score=" + score, answered.body());

        HttpResponse<String> toBlue = get("/x");
        assertEquals(200, toBlue.statusCode());
        assertTrue(toBlue.body().contains("x-which: blue"), toBlue.body());
        assertTrue(toBlue.body().contains("x-score: " + score), toBlue.body());
        HttpResponse<String> toGreen = get("/green/x");
        assertTrue(toGreen.body().contains("x-which: green"), toGreen.body());
        assertTrue(output().contains("backend blue [http://127.0.0.1:" + blue.upstream().port()), output());
    }

    @Test
    void everyLineNotAppliedIsAWarningWithItsPositionAndStrictRefusesToStart(@TempDir Path dir) throws Exception {
        Path cfg = write(dir, "    option httplog\n    http-request capture req.hdr(host) len 20");
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                "--haproxy-cfg", cfg.toString()}), out);
        assertTrue(output().contains("warning: " + cfg + ":10:5: 'option httplog'"), output());
        assertTrue(output().contains("warning: " + cfg + ":11:"), output());
        running.stop(out);
        running = null;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayCommand.start(
                GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0", "--haproxy-cfg", cfg.toString(),
                        "--strict"}), out));
        assertTrue(e.getMessage().contains("--strict: 2 configuration line(s)"), e.getMessage());
    }

    private String output() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }
}

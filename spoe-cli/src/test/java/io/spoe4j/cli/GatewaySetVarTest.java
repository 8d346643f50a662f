package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioEventLoopGroup;
import io.spoe4j.cli.gateway.EchoBackend;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.RecordedNotify;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spoe4j gateway --haproxy-cfg} applies the frontend's set-var rules before its send-spoe-group rules. */
class GatewaySetVarTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private GatewayCommand.Running running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop(out);
        }
    }

    @Test
    void setVarRulesFeedTheMessagesOfLaterGroups(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), """
                [oidc]
                spoe-agent oidc-agent
                    groups auth
                    option var-prefix oidc
                    timeout hello 5s
                    timeout idle 30s
                    timeout processing 5s
                    use-backend agents
                spoe-message try-auth
                    args client=var(req.oidc_client_id) path=var(txn.path)
                spoe-group auth
                    messages try-auth
                """);
        Files.writeString(dir.resolve("haproxy.cfg"), """
                frontend www
                    mode http
                    bind :80
                    filter spoe engine oidc config %s
                    http-request set-var(req.oidc_client_id) str(myclient)
                    http-request set-var(txn.path) path if { path_beg /api }
                    http-request send-spoe-group oidc auth
                    default_backend app
                backend app
                    mode http
                    server s1 192.0.2.20:80
                backend agents
                    mode spop
                    server a1 192.0.2.10:12345
                """.formatted(dir.resolve("spoe.conf")));
        NioEventLoopGroup upstreamGroup = new NioEventLoopGroup(1);
        try (SpoaAgent agent = SpoaAgent.builder().build().start();
                EchoBackend upstream = EchoBackend.start(upstreamGroup, "127.0.0.1", "x-spoe-")) {
            running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                    "--haproxy-cfg", dir.resolve("haproxy.cfg").toString(), "--agent", "agents=" + agent.endpoint(),
                    "--backend", upstream.upstream().toString()}), out);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
            String base = "http://127.0.0.1:" + running.gateway.address().getPort();
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/x")).timeout(WAIT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, api.statusCode(), api.body());
            RecordedNotify n = agent.takeNotify(WAIT);
            assertNotNull(n, "no NOTIFY within " + WAIT);
            assertEquals(TypedValue.string("myclient"), n.arg("try-auth", "client"));
            assertEquals(TypedValue.string("/api/x"), n.arg("try-auth", "path"));
            assertTrue(api.body().contains("x-spoe-req-oidc_client_id: myclient"), api.body());

            http.send(HttpRequest.newBuilder(URI.create(base + "/web")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            RecordedNotify web = agent.takeNotify(WAIT);
            assertNotNull(web, "no NOTIFY within " + WAIT);
            assertEquals(TypedValue.NULL, web.arg("try-auth", "path"), "the condition did not hold");
        } finally {
            upstreamGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT.toMillis());
        }
    }
}

package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.netty.channel.nio.NioEventLoopGroup;
import io.spoe4j.client.internal.connection.Transport;
import io.spoe4j.cli.gateway.EchoBackend;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.RecordedDisconnect;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** {@code spoe4j gateway} in-process: argument checks and the embedded default. */
class GatewayCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    private GatewayCommand.Running running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop(out);
        }
    }

    private String output() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String url() {
        var a = running.gateway.address();
        return "http://127.0.0.1:" + a.getPort();
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheProblem() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Spoe4j.run(new String[] {"gateway", "--bogus"}, out, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        assertEquals(Command.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument '--bogus'"), err::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayCommand.parse(new String[] {"--backend", "ftp://x"}));
        assertTrue(e.getMessage().contains("http://"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GatewayCommand.parse(new String[] {"--agent", "x"}));
        assertThrows(IllegalArgumentException.class, () -> GatewayCommand.parse(new String[] {"--rule", "drop"}));
    }

    @Test
    void threadsAndNoAccessLogAreAppliedAndPrinted() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> GatewayCommand.parse(new String[] {"--threads", "0"}));
        assertEquals(0, GatewayCommand.parse(new String[0]).threads(), "0: one loop per CPU");
        assertTrue(GatewayCommand.parse(new String[0]).accessLog());
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                "--threads", "3", "--no-access-log"}), out);
        assertTrue(output().contains("access log off"), output());
        assertTrue(output().contains("  3 " + Transport.resolve("auto") + " event loop thread(s)"), output());
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url() + "/hi")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        running.stop(out);
        running = null;
        assertFalse(output().contains("\"GET /hi HTTP/1.1\""), output());
    }

    @Test
    void transportIsValidatedAppliedAndPrinted() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayCommand.parse(new String[] {"--transport", "kqueue"}));
        assertEquals("--transport must be one of auto, io_uring, epoll, nio, got 'kqueue'", e.getMessage());
        assertEquals("auto", GatewayCommand.parse(new String[0]).transport());
        for (String transport : List.of("nio", "epoll")) {
            running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                    "--threads", "1", "--transport", transport, "--no-access-log"}), out);
            assertTrue(output().contains("  1 " + transport + " event loop thread(s)"), output());
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url() + "/hi?name=" + transport))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            running.stop(out);
            running = null;
            outBytes.reset();
        }
    }

    @Test
    void anAgentForABackendTheConfigDoesNotUseIsAnErrorNamingTheBackendsItUses(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("spoe.conf");
        Files.writeString(conf, GatewayCommand.defaultConf());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Spoe4j.run(new String[] {"gateway", "--listen", "127.0.0.1:0", "--config", conf.toString(),
                "--engine", "demo", "--agent", "demo-agnets=127.0.0.1:1"}, out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Command.FAILED, code, output());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("spoe4j gateway: --agent demo-agnets=...: no SPOE"
                + " engine uses backend 'demo-agnets'; the configuration's agent backends: demo-agents"), err::toString);

        Files.writeString(dir.resolve("haproxy.cfg"), """
                frontend www
                    mode http
                    bind :80
                    filter spoe engine demo config %s
                backend demo-agents
                    mode tcp
                    server a1 192.0.2.10:12345
                """.formatted(conf));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewayCommand.start(
                GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0", "--haproxy-cfg",
                        dir.resolve("haproxy.cfg").toString(), "--agent", "agnets=127.0.0.1:1"}), out));
        assertTrue(e.getMessage().contains("no SPOE engine uses backend 'agnets'; the configuration's agent backends:"
                + " demo-agents"), e::getMessage);
    }

    @Test
    void embeddedDefaultAppliesRulesAndLogsEachRequest() throws Exception {
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                "--rule", "deny deny_status 403 if { var(txn.demo.path) -m beg /admin }"}), out);
        assertTrue(output().contains("spoe4j gateway listening on " + url()), output());
        assertTrue(output().contains("engine demo agents: connected"), "pre-connected at start-up: " + output());

        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url() + "/hi")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("x-spoe-txn-demo-path: /hi"), ok.body());
        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create(url() + "/admin"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, denied.statusCode(), denied.body());

        running.stop(out);
        running = null;
        String log = output();
        assertTrue(log.contains("\"GET /hi HTTP/1.1\" 200"), log);
        assertTrue(log.contains("\"GET /admin HTTP/1.1\" 403"), log);
        assertTrue(log.contains("spoe4j gateway stopped\n") || log.contains("spoe4j gateway stopped\r\n"), log);
    }

    @Test
    void noVariableHeadersLeavesTheRequestAsTheRulesLeftIt() throws Exception {
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                "--no-variable-headers", "--rule", "set-header x-path %[var(txn.demo.path)]"}), out);
        assertTrue(output().contains("no variable headers"), output());
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url() + "/hi")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("x-path: /hi"), "the agent answered and a rule forwarded its variable: " + ok.body());
        assertFalse(ok.body().contains("x-spoe-txn-demo-path"), "no variable header: " + ok.body());
    }

    @Test
    void haproxyCfgSetupRunsEventsAndGroupRulesAgainstARealUpstreamAndDisconnectsOnStop(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), """
                [iprep]
                spoe-agent iprep-agent
                    messages check-client-ip
                    groups echo-grp
                    option var-prefix iprep
                    timeout hello 5s
                    timeout idle 30s
                    timeout processing 5s
                    use-backend agents
                spoe-message check-client-ip
                    args ip=src
                    event on-frontend-http-request
                spoe-message echo
                    args path=path
                spoe-group echo-grp
                    messages echo
                """);
        Files.writeString(dir.resolve("haproxy.cfg"), """
                frontend www
                    mode http
                    bind :80
                    filter spoe engine iprep config %s
                    http-request send-spoe-group iprep echo-grp if { path_beg /api }
                    default_backend app
                backend app
                    mode http
                    server s1 192.0.2.20:80
                backend agents
                    mode spop
                    server a1 192.0.2.10:12345
                """.formatted(dir.resolve("spoe.conf")));
        NioEventLoopGroup upstreamGroup = new NioEventLoopGroup(1);
        try (SpoaAgent agent = ExampleAgent.start("127.0.0.1:0");
                EchoBackend upstream = EchoBackend.start(upstreamGroup, "127.0.0.1", "x-spoe-")) {
            running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                    "--haproxy-cfg", dir.resolve("haproxy.cfg").toString(), "--agent", "agents=" + agent.endpoint(),
                    "--backend", upstream.upstream().toString()}), out);
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/x")).timeout(WAIT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            long score = ExampleAgent.ipScore(new byte[] {127, 0, 0, 1});
            assertTrue(api.body().contains("x-spoe-sess-iprep-ip_score: " + score), api.body());
            assertTrue(api.body().contains("x-spoe-txn-iprep-path: /api/x"), api.body());
            HttpResponse<String> web = http.send(HttpRequest.newBuilder(URI.create(url() + "/web")).timeout(WAIT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(web.body().contains("x-spoe-sess-iprep-ip_score: " + score), web.body());
            assertTrue(!web.body().contains("x-spoe-txn-iprep-path"), web.body());

            running.stop(out);
            running = null;
            RecordedDisconnect bye = agent.takeDisconnect(WAIT);
            assertEquals(0, bye.statusCode(), bye.toString());
            assertTrue(output().contains("GROUP:echo-grp"), output());
        } finally {
            upstreamGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT.toMillis());
        }
    }

    @Test
    void spoeConfWithAnAgentDownAndFailClosedRejectsRequests(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("spoe.conf");
        Files.writeString(conf, GatewayCommand.defaultConf());
        String down;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = "127.0.0.1:" + s.getLocalPort();
        }
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0", "--config",
                conf.toString(), "--engine", "demo", "--agent", "demo-agents=" + down, "--fail-closed"}), out);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/x")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, r.statusCode(), r.body());
    }

    @Test
    void shutdownLetsAnInFlightRequestFinishThenDisconnectsFromTheAgent(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("spoe.conf");
        Files.writeString(conf, GatewayCommand.defaultConf());
        try (SpoaAgent agent = ExampleAgent.start("127.0.0.1:0")) {
            agent.dispatcher(n -> ExampleAgent.dispatcher().dispatch(n).delay(Duration.ofMillis(300)));
            running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0", "--config",
                    conf.toString(), "--engine", "demo", "--agent", "demo-agents=" + agent.endpoint()}), out);
            var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(url() + "/slow")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            agent.takeNotify(WAIT);
            agent.takeNotify(WAIT);
            GatewayCommand.Running stopping = running;
            running = null;
            Thread stopper = new Thread(() -> stopping.stop(out), "test-stop");
            stopper.start();
            HttpResponse<String> r = pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("x-spoe-txn-demo-path: /slow"), r.body());
            stopper.join(WAIT.toMillis());
            assertEquals(0, agent.takeDisconnect(WAIT).statusCode());
            assertTrue(output().contains("spoe4j gateway stopped"), output());
        }
    }

    @Test
    void aListenAddressInUseFailsWithAMessageAndReleasesEverything() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(WAIT, () -> Spoe4j.run(
                    new String[] {"gateway", "--listen", "127.0.0.1:" + taken.getLocalPort()}, out,
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertEquals(Command.FAILED, code, err::toString);
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("spoe4j gateway: "), err::toString);
        }
    }

    @Test
    void haproxyCfgUniqueIdFormatAndHeaderOfTheFrontendAreApplied(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), """
                [ids]
                spoe-agent ids-agent
                    messages with-id
                    option var-prefix ids
                    timeout hello 5s
                    timeout idle 30s
                    timeout processing 5s
                    use-backend agents
                spoe-message with-id
                    args id=unique-id
                    event on-frontend-http-request
                """);
        Files.writeString(dir.resolve("haproxy.cfg"), """
                defaults
                    mode http
                    unique-id-format %%[uuid()]
                frontend www
                    bind :80
                    unique-id-header X-Request-Id
                    filter spoe engine ids config %s
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
            assertTrue(output().contains("unique-id-format %[uuid()], unique-id-header X-Request-Id"), output());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/id")).timeout(WAIT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            var sent = agent.takeNotify(WAIT).messages().get(0).args().get(0).value();
            assertTrue(sent instanceof io.spoe4j.codec.TypedValue.Str, sent.toString());
            String id = ((io.spoe4j.codec.TypedValue.Str) sent).asString();
            assertTrue(id.matches("[0-9a-f-]{36}"), id);
            assertTrue(r.body().contains("X-Request-Id: " + id), r.body());
        } finally {
            upstreamGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT.toMillis());
        }
    }
}

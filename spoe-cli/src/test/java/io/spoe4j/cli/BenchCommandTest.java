package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioEventLoopGroup;
import io.spoe4j.cli.bench.BenchGateway;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.netty.SpoeHttpOptions;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code spoe4j bench} in-process against the testkit's agents: counts only, never timings. */
class BenchCommandTest {
    /** Generous so that a loaded machine cannot turn answers into timeouts. */
    private static final String TIMEOUT = "30s";
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private SpoaAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        return Spoe4j.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static long jsonLong(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), field + " missing in " + json);
        return Long.parseLong(m.group(1));
    }

    private int notifies() {
        int n = 0;
        while (agent.pollNotify() != null) {
            n++;
        }
        return n;
    }

    @Test
    void pipelinedRunSendsExactlyTheRequestedCountOnOneConnection() {
        agent = ExampleAgent.start("127.0.0.1:0");
        assertEquals(0, run("bench", agent.endpoint(), "--message", "echo", "method=str:GET", "path=str:/x",
                "--requests", "200", "--concurrency", "16", "--timeout", TIMEOUT), err());
        String text = out();
        assertTrue(text.contains("requests:    200 in "), text);
        assertTrue(text.contains("(ok 200, errors 0)"), text);
        assertTrue(text.contains("errors:      none"), text);
        assertTrue(text.contains("connections: 1 opened, 1 handshaken, 0 failed to open"), text);
        assertTrue(text.contains("p50 ") && text.contains("p99.9 ") && text.contains("max "), text);
        assertEquals(200, notifies());
    }

    @Test
    void jsonReportsCountsAndConnectionsWithoutPipelining() {
        agent = ExampleAgent.start("127.0.0.1:0");
        assertEquals(0, run("bench", agent.endpoint(), "--message", "check-client-ip", "ip=ipv4:192.0.2.1",
                "--requests", "200", "--pipelining", "off", "--connections", "4", "--concurrency", "4", "--json",
                "--timeout", TIMEOUT), err());
        String json = out().strip();
        assertEquals(1, json.lines().count(), json);
        assertEquals(200, jsonLong(json, "requests"));
        assertEquals(200, jsonLong(json, "ok"));
        assertEquals(0, jsonLong(json, "errors"));
        long opened = jsonLong(json, "connections_opened");
        assertTrue(opened >= 1 && opened <= 4, json);
        assertTrue(json.contains("\"pipelining\":false") && json.contains("\"errors_by_status\":{}"), json);
        assertTrue(json.contains("\"coordinated_omission_corrected\":false") && json.contains("\"service_time_us\":null"),
                json);
        assertEquals(200, notifies());
    }

    @Test
    void rateModeIsCorrectedForCoordinatedOmission() {
        agent = ExampleAgent.start("127.0.0.1:0");
        assertEquals(0, run("bench", agent.endpoint(), "--message", "echo", "--requests", "200", "--rate", "2000/s",
                "--json", "--timeout", TIMEOUT), err());
        String json = out();
        assertEquals(200, jsonLong(json, "requests"));
        assertEquals(200, jsonLong(json, "ok"));
        assertTrue(json.contains("\"rate\":2000") && json.contains("\"coordinated_omission_corrected\":true"), json);
        assertTrue(json.contains("\"service_time_us\":{\"p50\":"), json);
        assertEquals(200, notifies());
    }

    @Test
    void errorsAreCountedByKindAndDoNotFailTheRun() {
        agent = SpoaAgent.builder().build().start();
        agent.dispatcher((RecordedNotify n) -> switch (n.messages().get(0).name()) {
            case "stall" -> Response.fault(Fault.stall());
            case "bye" -> Response.fault(Fault.disconnect(42, "overloaded"));
            default -> Response.empty();
        });
        assertEquals(0, run("bench", agent.endpoint(), "--message", "stall", "--requests", "3", "--concurrency", "3",
                "--timeout", "200ms"), err());
        assertTrue(out().contains("(ok 0, errors 3)"), out());
        assertTrue(out().contains("error 1 (timeout): 3"), out());
        assertEquals(0, run("bench", agent.endpoint(), "--message", "bye", "--requests", "1", "--json", "--timeout",
                TIMEOUT), err());
        assertTrue(out().contains("\"errors_by_status\":{\"status 42 ("), out());
        assertEquals(1, jsonLong(out(), "errors"));
    }

    @Test
    void anAgentThatDoesNotRecordStillAnswersEveryRequest() {
        agent = SpoaAgent.builder().recordNotifies(false).build().start();
        assertEquals(0, run("bench", agent.endpoint(), "--message", "m", "--requests", "50", "--json", "--timeout",
                TIMEOUT), err());
        assertEquals(50, jsonLong(out(), "ok"));
        assertEquals(null, agent.pollNotify());
    }

    @Test
    void failsWhenNothingCanConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(1, run("bench", "127.0.0.1:" + port, "--message", "echo", "--requests", "5", "--timeout", "2s"));
        assertTrue(err().contains("no connection could be established"), err());
        assertTrue(out().contains("0 handshaken"), out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("bench"));
        assertTrue(err().contains("missing ADDRESS"), err());
        assertEquals(2, run("bench", "127.0.0.1:1"));
        assertTrue(err().contains("missing --message"), err());
        assertEquals(2, run("bench", "127.0.0.1:1", "stray", "--message", "m"));
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "x=float:1"));
        assertTrue(err().contains("unknown type 'float'"), err());
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "--rate", "fast"));
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "--rate", "0"));
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "--pipelining", "maybe"));
        assertTrue(err().contains("--pipelining must be on or off"), err());
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "--connections", "0"));
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "--requests", "-3"));
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "--duration", "soon"));
        assertEquals(2, run("bench", "127.0.0.1:1", "--message", "m", "--bogus"));
        assertEquals(2, run("bench", "gateway", "--agent", "127.0.0.1:1"));
        assertTrue(err().contains("need --config"), err());
        assertEquals(2, run("bench", "gateway", "--config", "x.conf"));
        assertEquals(2, run("bench", "gateway", "--listen", "unix:/tmp/x"));
        assertEquals(0, run("bench", "--help"));
        assertTrue(out().contains("--concurrency") && out().contains("bench gateway"), out());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("bench"), out());
    }

    @Test
    void benchGatewayAnswersDirectlyAfterSpoeAndWithout() throws Exception {
        agent = ExampleAgent.start("127.0.0.1:0");
        String conf = String.join("\n",
                "[bench]",
                "spoe-agent bench-agent",
                "    messages echo",
                "    option var-prefix demo",
                "    option set-process-time process_time",
                "    timeout hello 30s",
                "    timeout processing 30s",
                "    use-backend agents",
                "spoe-message echo",
                "    args method=method path=path",
                "    event on-frontend-http-request",
                "");
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        SpoeEngine engine = SpoeEngine.builder()
                .config(SpoeConfigReader.standard().parseSpoeConf("bench.conf", conf, "bench"))
                .server(agent.endpoint()).eventLoopGroup(group).failurePolicy(FailurePolicy.FAIL_OPEN).build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (BenchGateway withSpoe = BenchGateway.start(group, new InetSocketAddress("127.0.0.1", 0),
                SpoeHttpOptions.builder().engine(engine).accessLog(null).build(), 200,
                List.of("txn.demo.path", "txn.demo.process_time"));
                BenchGateway plain = BenchGateway.start(group, new InetSocketAddress("127.0.0.1", 0), null, 503,
                        List.of("txn.demo.path"))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(withSpoe, "/some/path")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(BenchGateway.BODY, r.body());
            assertEquals("/some/path", r.headers().firstValue("x-spoe-var-txn-demo-path").orElse(null), r.toString());
            assertTrue(r.headers().firstValue("x-spoe-var-txn-demo-process_time").orElse("").matches("\\d+"),
                    r.headers().toString());
            HttpResponse<String> p = http.send(HttpRequest.newBuilder(uri(plain, "/other")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, p.statusCode());
            assertTrue(p.headers().firstValue("x-spoe-var-txn-demo-path").isEmpty(), p.headers().toString());
        } finally {
            engine.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(10));
        assertEquals("echo", n.messages().get(0).name());
        assertEquals(null, agent.pollNotify());
    }

    private static URI uri(BenchGateway g, String path) {
        return URI.create("http://127.0.0.1:" + g.address().getPort() + path);
    }
}

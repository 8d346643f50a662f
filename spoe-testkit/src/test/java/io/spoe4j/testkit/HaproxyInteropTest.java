package io.spoe4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.codec.Frame;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.codec.TypedValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's HAProxy 2.6 against the testkit's example agent: HAProxy must apply the variables the
 * agent sets and pass its health check.
 */
class HaproxyInteropTest {
    /** Set to 1 to skip (explicitly) when HAProxy is not installed; otherwise a missing HAProxy fails. */
    private static final String SKIP_ENV = "SPOE4J_SKIP_HAPROXY";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    @TempDir
    Path dir;

    private SpoaAgent agent;
    private HaproxyProcess haproxy;

    @AfterEach
    void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private static String spoeConf() {
        return String.join("\n",
                "[iprep]",
                "spoe-agent iprep-agent",
                "    messages check-client-ip echo",
                "    option var-prefix iprep",
                "    timeout hello 2s",
                "    timeout idle 30s",
                "    timeout processing 5s",
                "    use-backend agents",
                "spoe-message check-client-ip",
                "    args ip=src",
                "    event on-client-session",
                "spoe-message echo",
                "    args path=path method=method",
                "    event on-frontend-http-request",
                "");
    }

    private String haproxyCfg(int frontendPort, String agentServer) {
        return String.join("\n",
                "global",
                "    nbthread 1",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 10s",
                "    timeout server 10s",
                "frontend fe",
                "    bind 127.0.0.1:" + frontendPort,
                "    filter spoe engine iprep config " + dir.resolve("spoe.conf"),
                "    http-request return status 200 content-type text/plain"
                        + " hdr x-score \"%[var(sess.iprep.ip_score)]\""
                        + " hdr x-path \"%[var(txn.iprep.path)]\""
                        + " hdr x-method \"%[var(txn.iprep.method)]\""
                        + " hdr x-up \"%[nbsrv(agents)]\" string ok",
                "backend agents",
                "    mode tcp",
                "    option spop-check",
                "    server a1 " + agentServer + " check inter 500ms fall 1 rise 1",
                "");
    }

    private HttpResponse<String> startAndRequest(String agentServer) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), spoeConf(), StandardCharsets.UTF_8);
        if (HaproxyProcess.findBinary().isEmpty() && "1".equals(System.getenv(SKIP_ENV))) {
            Assumptions.abort("haproxy not installed and " + SKIP_ENV + "=1: HAProxy interop test skipped");
        }
        int port = HaproxyProcess.freePort();
        haproxy = HaproxyProcess.start(dir, haproxyCfg(port, agentServer), port);
        // Two health checks seen means HAProxy has processed the result of the first.
        RecordedHello first = takeHealthCheck();
        takeHealthCheck();
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/p?q=1"))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> "HAProxy output:\n" + haproxy.output());
        assertTrue(first.healthcheck());
        return response;
    }

    private RecordedHello takeHealthCheck() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            RecordedHello h = agent.takeHello(WAIT);
            if (h.healthcheck()) {
                return h;
            }
        }
        return fail("no health-check HELLO from HAProxy within " + WAIT + "; HAProxy output:\n" + haproxy.output());
    }

    @Test
    void haproxyAppliesTheVariablesTheExampleAgentSets() throws Exception {
        agent = ExampleAgent.start("127.0.0.1:0");
        HttpResponse<String> response = startAndRequest(agent.endpoint());

        String expectedScore = Long.toString(ExampleAgent.ipScore(LOOPBACK));
        assertEquals(expectedScore, response.headers().firstValue("x-score").orElse(null),
                () -> "sess.iprep.ip_score; HAProxy output:\n" + haproxy.output());
        assertEquals("/p", response.headers().firstValue("x-path").orElse(null));
        assertEquals("GET", response.headers().firstValue("x-method").orElse(null));
        assertEquals("1", response.headers().firstValue("x-up").orElse(null), "health check passed: server up");

        RecordedNotify session = takeNotifyWith("check-client-ip");
        assertEquals(TypedValue.ipv4(LOOPBACK), session.arg("check-client-ip", "ip"));
        RecordedNotify request = takeNotifyWith("echo");
        assertEquals(TypedValue.string("/p"), request.arg("echo", "path"));
        assertEquals(TypedValue.string("GET"), request.arg("echo", "method"));
        assertEquals(session.streamId(), request.streamId(), "one HAProxy stream, two events");

        RecordedHello hc = agent.takeHello(WAIT);
        while (hc.healthcheck()) {
            hc = agent.takeHello(WAIT);
        }
        assertEquals("2.0", hc.hello().supportedVersions());
        assertTrue(AgentHelloSpec.hasWord(hc.hello().capabilities(), "pipelining"), hc.hello().capabilities());
        assertTrue(hc.hello().engineId() != null);
    }

    private RecordedNotify takeNotifyWith(String message) {
        RecordedNotify n = agent.takeNotify(WAIT);
        if (n.message(message) == null) {
            RecordedNotify other = agent.takeNotify(WAIT);
            return other.message(message) != null ? other : fail("no NOTIFY with " + message + ": " + n + ", " + other);
        }
        return n;
    }

    @Test
    void haproxyReachesTheAgentOverAUnixSocket() throws Exception {
        Path socket = dir.resolve("agent.sock");
        agent = ExampleAgent.start("unix:" + socket);
        HttpResponse<String> response = startAndRequest("unix@" + socket);
        assertEquals(Long.toString(ExampleAgent.ipScore(LOOPBACK)), response.headers().firstValue("x-score").orElse(null),
                () -> "HAProxy output:\n" + haproxy.output());
        assertEquals("/p", response.headers().firstValue("x-path").orElse(null));
    }

    @Test
    void haproxyMarksARefusingAgentDown() throws Exception {
        // The control for the health-check assertion above: a refusal must fail HAProxy's check.
        agent = ExampleAgent.builder().hello(AgentHelloSpec.refusing(SpopStatus.RESOURCE_ERROR)).build().start();
        HttpResponse<String> response = startAndRequest(agent.endpoint());
        assertEquals("0", response.headers().firstValue("x-up").orElse(null), () -> "HAProxy output:\n" + haproxy.output());
        assertEquals("", response.headers().firstValue("x-score").orElse(""));
        assertTrue(agent.takeHello(WAIT).answer() instanceof Frame.AgentDisconnect);
    }
}

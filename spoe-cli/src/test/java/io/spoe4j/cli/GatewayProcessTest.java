package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.testkit.ExampleAgent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code spoe4j gateway} started as a separate process, as a user runs it (same main class and
 * classpath as the shaded jar), with its embedded default; talked to over HTTP, then stopped with SIGTERM.
 */
class GatewayProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LISTENING = "spoe4j gateway listening on ";
    private static final String EOF = "<end of output>";
    private Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private String awaitLine(String containing) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                fail("no output line containing '" + containing + "' within " + WAIT + "; saw " + seen);
            }
            seen.add(line);
            if (line.equals(EOF)) {
                fail("the gateway's output ended before a line containing '" + containing + "'; saw " + seen);
            }
            if (line.contains(containing)) {
                return line;
            }
        }
    }

    @Test
    void embeddedDefaultServesEchoesVariablesAndStopsCleanlyOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The command turns Netty's leak detector off unless asked: this run asks, and fails on a report.
        ProcessBuilder pb = new ProcessBuilder(java, "-Dio.netty.leakDetection.level=paranoid", "-cp",
                System.getProperty("java.class.path"), "io.spoe4j.cli.Spoe4j", "gateway", "--listen", "127.0.0.1:0")
                .redirectErrorStream(true);
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
                lines.add(EOF);
            } catch (IOException e) {
                lines.add("<read error: " + e + ">");
            }
        }, "gateway-stdout");
        reader.setDaemon(true);
        reader.start();

        String url = awaitLine(LISTENING).substring(LISTENING.length()).trim();
        assertTrue(awaitLine("try: curl").contains(url), seen::toString);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/hello?name=spoe"))
                .header("User-Agent", "process-test").timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());

        String access = awaitLine("\"GET /hello?name=spoe HTTP/1.1\" ");
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body() + "\naccess log: " + access;
        assertTrue(body.contains("x-spoe-txn-demo-method: GET"), body);
        assertTrue(body.contains("x-spoe-txn-demo-path: /hello"), body);
        assertTrue(body.contains("x-spoe-txn-demo-query: name=spoe"), body);
        assertTrue(body.contains("x-spoe-txn-demo-user_agent: process-test"), body);
        long score = ExampleAgent.ipScore(new byte[] {127, 0, 0, 1});
        assertTrue(body.contains("x-spoe-sess-demo-ip_score: " + score), body);
        assertTrue(access.contains("EVENT:on-frontend-http-request"), access);
        assertTrue(access.contains("EVENT:on-client-session"), access);

        // SIGTERM; unlike Process.destroy(), the handle's destroy keeps our end of stdout open.
        assertTrue(process.toHandle().destroy(), "SIGTERM not sent");
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "gateway did not exit within " + WAIT);
        awaitLine("spoe4j gateway stopped");
        assertTrue(seen.stream().noneMatch(l -> l.contains("did not finish") || l.contains("did not close")),
                seen::toString);
        for (String l = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS); !EOF.equals(l);
                l = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            if (l == null) {
                fail("the exited gateway's output did not end within " + WAIT + "; saw " + seen);
            }
            seen.add(l);
        }
        assertTrue(seen.stream().noneMatch(l -> l.contains("LEAK:")), "a leak report: " + seen);
    }
}

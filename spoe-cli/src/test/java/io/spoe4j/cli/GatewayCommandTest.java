package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.AfterEach;
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
    void embeddedDefaultAppliesRulesAndLogsEachRequest() throws Exception {
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                "--rule", "deny deny_status 403 if { var(txn.demo.path) -m beg /admin }"}), out);
        assertTrue(output().contains("spoe4j gateway listening on " + url()), output());

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
}

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code spoe4j gateway --metrics}: Prometheus text at /metrics, growing with traffic. */
class GatewayMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern METRICS_URL = Pattern.compile("metrics (http://\\S+/metrics)");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
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

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in " + text);
        return m.group(1);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static double sum(String text, String prefix) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    void metricsGrowWithTraffic() throws Exception {
        running = GatewayCommand.start(GatewayCommand.parse(new String[] {"--listen", "127.0.0.1:0",
                "--metrics", "127.0.0.1:0"}), out);
        String output = outBytes.toString(StandardCharsets.UTF_8);
        String metrics = find(METRICS_URL, output);
        String gateway = find(LISTENING, output);
        String processed = "spoe4j_exchanges_total{code=\"0\",engine=\"demo\",kind=\"event\","
                + "name=\"on-frontend-http-request\",outcome=\"processed\",reason=\"none\"}";

        HttpResponse<String> before = get(metrics);
        assertEquals(200, before.statusCode());
        assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals(0, value(before.body(), processed), before.body());
        assertTrue(before.body().contains("jvm_memory_used_bytes"), "JVM meters too");
        assertTrue(sum(before.body(), "spoe4j_connections_opened_total{engine=\"demo\"") >= 1,
                "the pre-connection at start-up is counted: " + before.body());

        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(gateway + "/hi?i=" + i).statusCode());
        }
        String after = get(metrics).body();
        assertEquals(3, value(after, processed), after);
        assertTrue(after.contains("spoe4j_exchange_processing_seconds_count{engine=\"demo\",kind=\"event\","
                + "name=\"on-frontend-http-request\",outcome=\"processed\"} 3"), after);
        assertTrue(after.contains("spoe4j_connections{engine=\"demo\""), after);
        assertEquals(404, get(metrics.replace("/metrics", "/other")).statusCode());
    }

    @Test
    void metricsNeedsHostAndPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayCommand.parse(new String[] {"--metrics", "unix:/tmp/x"}));
        assertTrue(e.getMessage().startsWith("--metrics"), e.getMessage());
    }
}

package io.spoe4j.client.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.EngineConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SpoeEngine.Builder#build()} logs each configuration warning once, at WARN, with file:line:col.
 * The test binding (slf4j-simple) prints to whatever {@link System#err} is when it logs.
 */
class EngineWarningsLogTest {
    static final String CONF = """
            spoe-agent quiet
                messages m
                use-backend agents
            spoe-message m
                args path=path
                event on-frontend-http-request
            """;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private List<String> stderrOf(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return Arrays.stream(buf.toString(StandardCharsets.UTF_8).split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    @Test
    void everyWarningIsLoggedOnceWithFileLineAndColumn() {
        EngineConfig config = EngineHarness.parse(CONF, null);
        assertEquals(1, config.warnings().size(), config.warnings()::toString);
        String warning = config.warnings().get(0).toString();
        assertTrue(warning.startsWith("spoe.conf:1:"), warning);

        List<String> lines = stderrOf(() -> h.track(SpoeEngine.builder().config(config).server("127.0.0.1:9")
                .threads(1).build()));

        List<String> logged = lines.stream().filter(l -> l.contains(warning)).toList();
        assertEquals(1, logged.size(), lines::toString);
        assertTrue(logged.get(0).contains("WARN io.spoe4j.client.SpoeEngine - SPOE engine 'quiet': " + warning),
                logged::toString);
    }

    @Test
    void aConfigurationWithoutWarningsLogsNothing() {
        EngineConfig config = EngineHarness.parse(OneCallTest.CONF, null);
        assertTrue(config.warnings().isEmpty(), config.warnings()::toString);
        List<String> lines = stderrOf(() -> h.track(SpoeEngine.builder().config(config).server("127.0.0.1:9")
                .threads(1).build()));
        assertFalse(lines.stream().anyMatch(l -> l.contains("WARN")), lines::toString);
    }
}

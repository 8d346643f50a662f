package io.spoe4j.client;

import io.spoe4j.options.PoolOptions;
import io.spoe4j.options.AgentOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static void rejects(String option, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(option), ex.getMessage());
    }

    @Test
    void defaultsMatchHaproxy() {
        AgentOptions a = AgentOptions.defaults();
        assertEquals(16380, a.maxFrameSize());
        assertEquals(20, a.maxWaitingFrames());
        assertEquals("pipelining", a.capabilities());
        assertTrue(a.engineId().matches("[0-9a-f-]{36}"));
        assertNotEquals(a.engineId(), AgentOptions.defaults().engineId(), "a fresh engine-id per engine");
        PoolOptions p = PoolOptions.defaults();
        assertEquals(Duration.ofSeconds(2), p.healthCheckInterval());
        assertEquals(2, p.rise());
        assertEquals(3, p.fall());
        assertEquals(0, p.maxConnRate());
        assertEquals("", AgentOptions.builder().pipelining(false).build().capabilities());
        assertEquals("pipelining,async", AgentOptions.builder().async(true).build().capabilities());
    }

    @Test
    void badValuesAreRejectedAtOnceNamingTheOption() {
        rejects("max-frame-size", () -> AgentOptions.builder().maxFrameSize(255));
        rejects("max-waiting-frames", () -> AgentOptions.builder().maxWaitingFrames(0));
        rejects("timeout hello", () -> AgentOptions.builder().helloTimeout(Duration.ZERO));
        rejects("timeout idle", () -> AgentOptions.builder().idleTimeout(Duration.ofMillis(-1)));
        rejects("timeout processing", () -> AgentOptions.builder().processingTimeout(Duration.ofMillis(-5)));
        rejects("engine-id", () -> AgentOptions.builder().engineId("0123ABCD-0000-4000-8000-00000000ABCD"));
        rejects("queue capacity", () -> PoolOptions.builder().queueCapacity(0));
        rejects("maxconnrate", () -> PoolOptions.builder().maxConnRate(-1));
        rejects("maxerrrate", () -> PoolOptions.builder().maxErrRate(-1));
        rejects("rise", () -> PoolOptions.builder().rise(0));
        rejects("fall", () -> PoolOptions.builder().fall(0));
        rejects("backoff max", () -> PoolOptions.builder().backoffBase(Duration.ofSeconds(2))
                .backoffMax(Duration.ofSeconds(1)).build());
        rejects("at least one agent server", () -> SpoeClient.builder().build());
        rejects("duplicate server", () -> SpoeClient.builder().server("127.0.0.1:1").server("127.0.0.1:1"));
        rejects("port", () -> SpoeClient.builder().server("127.0.0.1:x"));
        rejects("cannot resolve", () -> SpoeClient.builder().server("no-such-host.invalid:1").threads(1).build());
    }

    @Test
    void sendRejectsANonPositiveTimeout() {
        try (SpoeClient c = SpoeClient.builder().server("127.0.0.1:1").threads(1).build()) {
            assertThrows(IllegalArgumentException.class, () -> c.send(Await.msg("m", 1), Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> c.send(java.util.List.of(), Duration.ofSeconds(1)));
        }
    }
}

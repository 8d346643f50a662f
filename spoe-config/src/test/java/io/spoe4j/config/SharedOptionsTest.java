package io.spoe4j.config;

import static io.spoe4j.config.Configs.agent;
import static io.spoe4j.config.Configs.fails;
import static io.spoe4j.config.Configs.onlyError;
import static io.spoe4j.config.Configs.parse;
import static io.spoe4j.config.Configs.readCfg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.Balance;
import io.spoe4j.options.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config reader fills the client's own option builders: a value the builder refuses fails at
 * parse time with file, line and column, and the backend adds its settings exactly once.
 */
class SharedOptionsTest {
    @TempDir
    Path dir;

    @Test
    void maxWaitingFramesAboveTheBuilderLimitFailsAtParseTime() {
        ConfigError e = onlyError(agent("    max-waiting-frames 100000\n", ""));
        assertEquals("'max-waiting-frames' must not exceed 65536 (got 100000).", e.message());
        assertEquals(new Origin("spoe.conf", 5, 24), e.origin());
        assertEquals("""
                spoe.conf:5:24: 'max-waiting-frames' must not exceed 65536 (got 100000).
                    max-waiting-frames 100000
                                       ^""", e.format());
    }

    @Test
    void serverHealthCheckValuesAreCheckedByThePoolBuilder() {
        SpoeConfigException e = fails(() -> readCfg(dir, """
                backend agents
                    mode spop
                    option spop-check
                    server a 127.0.0.1:1 check rise 5000
                    server b 127.0.0.1:2 check fall 1001 maxconn 2000000
                """));
        assertEquals(java.util.List.of(
                "4:37:'rise' must not exceed 1000 (got 5000).",
                "5:37:'fall' must not exceed 1000 (got 1001)."), Configs.errors(e));
        assertTrue(e.getMessage().contains("haproxy.cfg:4:37"), e.getMessage());
    }

    @Test
    void serverMaxconnAboveThePoolLimitFailsAtParseTime() {
        SpoeConfigException e = fails(() -> readCfg(dir, """
                backend agents
                    server a 127.0.0.1:1 maxconn 2000000
                """));
        assertEquals(java.util.List.of("2:34:'maxconn' (max connections per server) must be in [1, 1048576] "
                + "(got 2000000)."), Configs.errors(e));
    }

    @Test
    void tuneBufsizeWhoseMaxFrameSizeTheBuilderRefusesFailsAtParseTime() {
        SpoeConfigException e = fails(() -> readCfg(dir, "global\n    tune.bufsize 2147483647\n"));
        assertEquals(java.util.List.of("2:18:'tune.bufsize' must not exceed 1073741824 (got 2147483647): "
                + "max-frame-size is tune.bufsize - 4."), Configs.errors(e));
    }

    @Test
    void aSectionStartsFromHaproxyDefaults() {
        EngineConfig e = parse("spoe-agent a\n    use-backend b\n    messages m\n"
                + "spoe-message m\n    args src\n    event on-client-session\n");
        AgentOptions a = e.agentOptions();
        assertEquals(AgentOptions.HAPROXY_ASYNC, a.async());
        assertEquals(AgentOptions.HAPROXY_SEND_FRAG_PAYLOAD, a.sendFragPayload());
        assertEquals(AgentOptions.HAPROXY_PROCESSING_TIMEOUT, a.processingTimeout());
        assertEquals(AgentOptions.DEFAULT_MAX_FRAME_SIZE, a.maxFrameSize());
        assertEquals(PoolOptions.defaults(), e.poolOptions());
        assertEquals(AgentOptions.HAPROXY_PROCESSING_TIMEOUT,
                parse(agent("    timeout processing 0\n", "")).agentOptions().processingTimeout(), "0 means unset");
    }

    @Test
    void backendAddsBalanceChecksMaxconnAndConnectTimeout() {
        SpoeSetup setup = readCfg(dir, """
                backend agents
                    mode spop
                    balance leastconn
                    option spop-check
                    timeout connect 300ms
                    server a 127.0.0.1:1 maxconn 7
                    server b 127.0.0.1:2 check inter 5s rise 4 fall 6 maxconn 9
                """);
        BackendConfig b = setup.backends().get(0);
        PoolOptions pool = b.poolOptions(PoolOptions.builder().maxConnRate(3).build());
        assertEquals(Balance.LEASTCONN, pool.balance());
        assertTrue(pool.healthCheck());
        assertEquals(Duration.ofSeconds(5), pool.healthCheckInterval());
        assertEquals(4, pool.rise());
        assertEquals(6, pool.fall());
        assertEquals(9, pool.maxConnectionsPerServer());
        assertEquals(3, pool.maxConnRate(), "the agent's own settings are kept");
        assertEquals(Duration.ofMillis(300), b.agentOptions(AgentOptions.haproxyDefaults()).connectTimeout());
    }
}

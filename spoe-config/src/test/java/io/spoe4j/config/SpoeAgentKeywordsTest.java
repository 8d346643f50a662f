package io.spoe4j.config;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.spoe4j.config.Configs.agent;
import static io.spoe4j.config.Configs.onlyError;
import static io.spoe4j.config.Configs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every spoe-agent keyword, its default and its errors. */
class SpoeAgentKeywordsTest {

    private static EngineConfig options(String lines) {
        return parse(agent(lines, ""));
    }

    @Test
    void defaults() {
        EngineConfig e = parse(agent("", ""));
        EngineOptions o = e.options();
        AgentOptions a = e.agentOptions();
        PoolOptions p = e.poolOptions();
        assertEquals("a", e.varPrefix());
        assertEquals("a", e.engineName());
        assertFalse(o.continueOnError());
        assertEquals(Optional.empty(), o.setOnError());
        assertEquals(Optional.empty(), o.setProcessTime());
        assertEquals(Optional.empty(), o.setTotalTime());
        assertFalse(o.forceSetVar());
        assertTrue(a.pipelining());
        assertTrue(a.async());
        assertTrue(a.sendFragPayload());
        assertFalse(o.dontlogNormal());
        assertEquals(List.of(), o.registerVarNames());
        assertEquals(0, p.maxConnRate());
        assertEquals(0, p.maxErrRate());
        assertEquals(16380, a.maxFrameSize());
        assertEquals(20, a.maxWaitingFrames());
        assertEquals(AgentOptions.DEFAULT_HELLO_TIMEOUT, a.helloTimeout());
        assertEquals(AgentOptions.DEFAULT_IDLE_TIMEOUT, a.idleTimeout());
        assertEquals(Duration.ofSeconds(1), a.processingTimeout());
        assertEquals(List.of(), e.logTargets());
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
    }

    @Test
    void valueOptions() {
        EngineConfig e = parse(agent("""
                    option var-prefix my.prefix_1
                    option set-on-error err
                    option set-process-time ptime
                    option set-total-time ttime
                """, ""));
        assertEquals("my.prefix_1", e.varPrefix());
        assertEquals(Optional.of("err"), e.options().setOnError());
        assertEquals(Optional.of("ptime"), e.options().setProcessTime());
        assertEquals(Optional.of("ttime"), e.options().setTotalTime());
        assertEquals("txn.my.prefix_1.err", e.variableName("txn", "err"));
    }

    @Test
    void flagOptionsAndNegations() {
        EngineConfig o = options("""
                    option continue-on-error
                    option force-set-var
                    option dontlog-normal
                    no option pipelining
                    no option async
                    no option send-frag-payload
                """);
        assertTrue(o.options().continueOnError());
        assertTrue(o.options().forceSetVar());
        assertTrue(o.options().dontlogNormal());
        assertFalse(o.agentOptions().pipelining());
        assertFalse(o.agentOptions().async());
        assertFalse(o.agentOptions().sendFragPayload());
        EngineConfig back = options("    no option pipelining\n    option pipelining\n    no option dontlog-normal\n");
        assertTrue(back.agentOptions().pipelining());
        assertFalse(back.options().dontlogNormal());
    }

    @Test
    void keywordsIgnoredByNewHaproxyAreKeptWithAWarning() {
        EngineConfig e = parse(agent("""
                    timeout hello 2s
                    timeout idle 1m
                    maxconnrate 10
                    maxerrrate 5
                    max-waiting-frames 7
                    option async
                    no option send-frag-payload
                    option spop-check
                """, ""));
        AgentOptions o = e.agentOptions();
        assertEquals(Duration.ofSeconds(2), o.helloTimeout());
        assertEquals(Duration.ofMinutes(1), o.idleTimeout());
        assertEquals(10, e.poolOptions().maxConnRate());
        assertEquals(5, e.poolOptions().maxErrRate());
        assertEquals(7, o.maxWaitingFrames());
        assertEquals(8, e.warnings().size(), e.warnings().toString());
        for (int i = 0; i < 7; i++) {
            assertTrue(e.warnings().get(i).message().contains("ignored by HAProxy 3.1+"), e.warnings().get(i).message());
            assertEquals(5 + i, e.warnings().get(i).origin().line());
        }
        assertTrue(e.warnings().get(7).message().contains("spop-check"));
    }

    @Test
    void limitsAndLists() {
        EngineConfig e = parse(agent("""
                    max-frame-size 256
                    register-var-names score label
                    register-var-names other
                    log global
                    log 127.0.0.1:514 local0 info
                """, ""));
        assertEquals(256, e.agentOptions().maxFrameSize());
        assertEquals(List.of("score", "label", "other"), e.options().registerVarNames());
        assertEquals(List.of("global", "127.0.0.1:514 local0 info"), e.logTargets());
        assertEquals(List.of(), parse(agent("    log global\n    no log\n", "")).logTargets());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10|10", "10ms|10", "2s|2000", "3m|180000", "1h|3600000", "1d|86400000", "1500us|1", "0|-1"})
    void timeUnits(String text, long millis) {
        Duration d = options("    timeout processing " + text + "\n").agentOptions().processingTimeout();
        assertEquals(millis < 0 ? AgentOptions.HAPROXY_PROCESSING_TIMEOUT : Duration.ofMillis(millis), d);
    }

    @Test
    void missingProcessingTimeoutAndNoMessagesWarn() {
        EngineConfig e = parse("spoe-agent a\n    use-backend b\n");
        assertEquals(2, e.warnings().size());
        assertTrue(e.warnings().get(0).message().startsWith("missing 'timeout processing' for SPOE agent 'a'"));
        assertTrue(e.warnings().get(1).message().startsWith("No message/group used by SPOE agent 'a'"));
        assertEquals(AgentOptions.HAPROXY_PROCESSING_TIMEOUT, e.agentOptions().processingTimeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "timeout procesing 10ms|5|13|unknown timeout 'procesing' (expected hello, idle, processing)",
        "timeout|5|5|'timeout' expects 'hello', 'idle' and 'processing'.",
        "timeout processing|5|13|'timeout processing' expects an integer value (in milliseconds).",
        "timeout processing abc|5|24|'timeout processing' expects an integer value (in milliseconds).",
        "timeout processing 10x|5|26|unexpected character 'x' in argument to 'timeout processing' (expected a time unit: us, ms, s, m, h, d).",
        "timeout processing 2147483648|5|24|timer overflow in argument '2147483648' to 'timeout processing' (maximum value is 2147483647 ms (~24.8 days)).",
        "timeout processing 25d|5|24|timer overflow in argument '25d' to 'timeout processing' (maximum value is 2147483647 ms (~24.8 days)).",
        "timeout processing 10us|5|24|timer underflow in argument '10us' to 'timeout processing' (minimum non-null value is 1 ms).",
        "timeout processing 1s 2s|5|27|'timeout' cannot handle unexpected argument '2s'.",
        "use-backend|5|5|'use-backend' expects a backend name.",
        "use-backend x y|5|19|'use-backend' cannot handle unexpected argument 'y'.",
        "messages|5|5|'messages' expects one or more message names.",
        "groups|5|5|'groups' expects one or more group names.",
        "register-var-names|5|5|'register-var-names' expects one or more variable names.",
        "maxconnrate|5|5|'maxconnrate' expects an integer argument.",
        "maxerrrate -1|5|16|'maxerrrate' expects a positive integer argument (got '-1').",
        "max-frame-size 255|5|20|'max-frame-size' expects a positive integer argument in the range [256, 16380] (got 255).",
        "max-frame-size 16381|5|20|'max-frame-size' expects a positive integer argument in the range [256, 16380] (got 16381).",
        "max-waiting-frames 0|5|24|'max-waiting-frames' expects a positive integer argument (got 0).",
        "log|5|5|'log' expects either 'global' or a log target.",
        "option|5|5|'option' expects an option name.",
        "option nosuch|5|12|option 'nosuch' is not supported.",
        "no option continue-on-error|5|15|negation is not supported for option 'continue-on-error'.",
        "no option var-prefix x|5|15|negation is not supported for option 'var-prefix'.",
        "option set-on-error|5|12|'option set-on-error' expects a value.",
        "option set-on-error bad-name|5|25|'option set-on-error' only supports [a-zA-Z0-9_.] chars (got 'bad-name').",
        "option var-prefix a-b|5|23|'option var-prefix' only supports [a-zA-Z0-9_.] chars.",
        "option pipelining extra|5|23|'option' cannot handle unexpected argument 'extra'.",
        "no something|5|5|'no' expects 'option' or 'log' in spoe-agent section.",
        "frobnicate 1|5|5|unknown keyword 'frobnicate' in spoe-agent section."})
    void errors(String line, int lineNo, int column, String message) {
        ConfigError e = onlyError(agent("    " + line + "\n", ""));
        assertEquals(message, e.message());
        assertEquals(new Origin("spoe.conf", lineNo, column), e.origin());
        assertEquals("    " + line, e.sourceLine());
    }

    @Test
    void errorFormatShowsTheLineAndACaret() {
        ConfigError e = onlyError(agent("\ttimeout procesing 10ms\n", ""));
        assertEquals("""
                spoe.conf:5:10: unknown timeout 'procesing' (expected hello, idle, processing)
                \ttimeout procesing 10ms
                \t        ^""", e.format());
    }

    @Test
    void agentNameWithDashNeedsAVarPrefix() {
        ConfigError e = onlyError("spoe-agent my-agent\n    use-backend b\n");
        assertEquals("Invalid variable prefix 'my-agent' for SPOE agent 'my-agent' declared at spoe.conf:1. "
                + "Use 'option var-prefix' to set it. Only [a-zA-Z0-9_.] chars are supported.", e.message());
        assertEquals("p", parse("spoe-agent my-agent\n    use-backend b\n    option var-prefix p\n").varPrefix());
    }

    @Test
    void missingBackend() {
        ConfigError e = onlyError("spoe-agent a\n    timeout processing 1s\n");
        assertEquals("No backend declared for SPOE agent 'a' declared at spoe.conf:1.", e.message());
        assertEquals(new Origin("spoe.conf", 1, 12), e.origin());
    }

    @Test
    void severalErrorsAreReportedTogether() {
        SpoeConfigException e = Configs.fails(() -> parse(agent("    timeout x 1\n    bogus\n    maxconnrate z\n", "")));
        assertEquals(List.of(5, 6, 7), e.errors().stream().map(err -> err.origin().line()).toList());
        assertTrue(e.getMessage().contains("unknown keyword 'bogus' in spoe-agent section."));
    }
}

package io.spoe4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global section's setenv, presetenv and unsetenv apply to the later lines and to the spoe.conf
 * files, as in HAProxy: Datadog's documented configuration names its spoe.conf and timeouts through
 * them (found by the actions conformance suite, which loads it unchanged).
 */
class SetenvTest {

    @Test
    void datadogsSetenvLinesReachTheFilterLineAndTheSpoeConf(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spoe.cfg"), """
                [datadog-aap-engine]
                spoe-agent datadog-aap-agent
                    option var-prefix dd
                    timeout hello 100ms
                    timeout idle "$DD_SPOA_TIMEOUT"
                    timeout processing "$DD_SPOA_PROCESSING_TIMEOUT"
                    use-backend spoa-backend
                    groups g
                spoe-group g
                    messages m
                spoe-message m
                    args path=path
                """);
        SpoeSetup s = SpoeConfigReader.builder().environment(java.util.Map.of("DD_SPOA_TIMEOUT", "9s")).build()
                .readHaproxyCfg(write(dir, """
                        global
                            presetenv DD_SPOA_TIMEOUT 1m
                            setenv DD_SPOA_SPOA_CONF_FILE %s
                            setenv DD_SPOA_PROCESSING_TIMEOUT 200ms
                            setenv GONE x
                            unsetenv GONE
                        frontend main
                            mode http
                            filter spoe engine datadog-aap-engine config "$DD_SPOA_SPOA_CONF_FILE"
                            http-request set-header x-gone "a$GONE"
                            http-request send-spoe-group datadog-aap-engine g
                        backend spoa-backend
                            mode tcp
                            server spoa1 127.0.0.1:3000
                        """.formatted(dir.resolve("spoe.cfg"))));
        EngineConfig engine = s.filters().get(0).engine();
        assertEquals(Duration.ofMillis(200), engine.agentOptions().processingTimeout());
        assertEquals(Duration.ofSeconds(9), engine.agentOptions().idleTimeout(), "presetenv keeps what the environment has");
        assertEquals(List.of(), s.warnings().stream().filter(w -> w.origin().file().endsWith("haproxy.cfg"))
                .map(ConfigWarning::toString).toList(), "the environment lines are applied");
        HttpActionRule header = (HttpActionRule) s.proxyRules("main").get(0);
        assertTrue(header.action().toString().contains("x-gone"), header.toString());
        assertEquals("a", ((HttpAction.SetHeader) header.action()).value().format(
                io.spoe4j.acl.SimpleRequestAttributes.builder().build()), "unsetenv: $GONE is empty again");
    }

    private static Path write(Path dir, String text) throws Exception {
        Path f = dir.resolve("haproxy.cfg");
        Files.writeString(f, text);
        return f;
    }
}

package io.spoe4j.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Helpers shared by the config tests. */
final class Configs {
    static final SpoeConfigReader READER = SpoeConfigReader.builder()
            .environment(Map.of("DD_SPOA_PROCESSING_TIMEOUT", "750ms", "BACKEND", "agents", "WORDS", "a  b c"))
            .build();

    private Configs() {
    }

    static String resource(String name) {
        try (InputStream in = Configs.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EngineConfig parse(String text) {
        return READER.parseSpoeConf("spoe.conf", text, null);
    }

    static EngineConfig parse(String text, String engine) {
        return READER.parseSpoeConf("spoe.conf", text, engine);
    }

    /** A minimal valid agent section followed by {@code rest}. */
    static String agent(String agentLines, String rest) {
        return "spoe-agent a\n    use-backend b\n    timeout processing 1s\n    messages m\n" + agentLines
                + "spoe-message m\n    args src\n    event on-client-session\n" + rest;
    }

    static SpoeConfigException fails(Executable e) {
        return assertThrows(SpoeConfigException.class, e);
    }

    static ConfigError onlyError(String text) {
        SpoeConfigException e = fails(() -> parse(text));
        if (e.errors().size() != 1) {
            throw new AssertionError("expected one error, got:\n" + e.getMessage());
        }
        return e.errors().get(0);
    }
}

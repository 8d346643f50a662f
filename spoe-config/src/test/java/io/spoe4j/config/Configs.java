package io.spoe4j.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** Writes {@code text} as {@code dir/haproxy.cfg} and reads it (relative files resolve against {@code dir}). */
    static SpoeSetup readCfg(Path dir, String text) {
        try {
            Path file = dir.resolve("haproxy.cfg");
            Files.writeString(file, text);
            return READER.readHaproxyCfg(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each error as {@code line:column:message}. */
    static List<String> errors(SpoeConfigException e) {
        return e.errors().stream().map(x -> x.origin().line() + ":" + x.origin().column() + ":" + x.message()).toList();
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

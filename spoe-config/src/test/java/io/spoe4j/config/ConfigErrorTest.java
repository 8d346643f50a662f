package io.spoe4j.config;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigErrorTest {
    @Test
    void formatsWithoutSourceLineOrPosition() {
        assertEquals("<java>: boom", new ConfigError(Origin.JAVA, "boom", null).format());
        assertEquals("f:3: boom", new ConfigError(new Origin("f", 3, 0), "boom", "").format());
    }

    @Test
    void caretIsClampedToTheLine() {
        assertEquals("f:1:99: m\nab\n  ^", new ConfigError(new Origin("f", 1, 99), "m", "ab").format());
    }

    @Test
    void exceptionJoinsAllErrorsAndNeedsOne() {
        SpoeConfigException e = new SpoeConfigException(List.of(new ConfigError(new Origin("f", 1, 1), "a", ""),
                new ConfigError(new Origin("f", 2, 1), "b", "")));
        assertEquals("f:1:1: a\nf:2:1: b", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpoeConfigException(List.of()));
    }

    @Test
    void warningsPrintTheirOrigin() {
        assertEquals("f:4:2: w", new ConfigWarning(new Origin("f", 4, 2), "w").toString());
        assertEquals("f:4: w", new ConfigWarning(new Origin("f", 4, 0), "w").toString());
        assertEquals("w", new ConfigWarning(Origin.JAVA, "w").toString());
    }
}

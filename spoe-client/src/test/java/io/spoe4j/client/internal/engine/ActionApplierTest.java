package io.spoe4j.client.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The name-length check counts UTF-8 bytes without encoding the name. */
class ActionApplierTest {
    @Test
    void utf8LengthMatchesTheEncodedLength() {
        for (String s : List.of("", "txn.vp.a", "é", "txn.vp.caf\u00e9", "\u20ac\u20ac", "\ud83d\ude00x",
                "a\u07ffb\u0800c\uffff", "x".repeat(63), "\u00e9".repeat(40))) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, ActionApplier.utf8Length(s), s);
        }
    }
}

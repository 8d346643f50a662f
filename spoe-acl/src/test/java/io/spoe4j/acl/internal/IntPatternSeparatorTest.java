package io.spoe4j.acl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.SimpleRequestAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HAProxy's pat_parse_int takes the first ':' or '-' as the range separator: "eq -3" is ":3"
 * (found by the conformance suite against HAProxy 2.6.12).
 */
class IntPatternSeparatorTest {

    private static boolean matches(String pattern, String value) {
        Condition c = AclCompiler.standard().condition(
                List.of("if", "{", "req.hdr_val(x-n)", "eq", pattern, "}"), Map.of());
        return c.test(SimpleRequestAttributes.builder().method("GET").uri("/").header("x-n", value).build());
    }

    @Test
    void leadingDashIsAnOpenLowerBound() {
        assertEquals(true, matches("-3", "0"));
        assertEquals(true, matches("-3", "-3"));
        assertEquals(true, matches("-3", "3"));
        assertEquals(false, matches("-3", "4"));
    }

    @Test
    void dashSeparatesARange() {
        assertEquals(true, matches("1-5", "5"));
        assertEquals(false, matches("1-5", "6"));
        assertEquals(true, matches("7-", "100"));
    }
}

package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.VariableHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Builder validation naming the bad option, and how variables print as header values. */
class OptionsTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private SpoeHandler.Builder builder() {
        SpoeEngine engine = h.engine("127.0.0.1:1", FailurePolicy.FAIL_OPEN, "1s");
        return SpoeHandler.builder(engine);
    }

    private static void assertNames(String option, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(option), e.getMessage());
    }

    @Test
    void badOptionsAreRejectedAtOnceWithTheirName() {
        SpoeHandler.Builder b = builder();
        assertNames("blockStatus", () -> b.blockStatus(42));
        assertNames("denyStatus", () -> b.denyStatus(600));
        assertNames("maxBodyBytes", () -> b.maxBodyBytes(0));
        assertNames("requestVariableHeaders", () -> b.requestVariableHeaders("X Bad"));
        assertNames("responseVariableHeaders", () -> b.responseVariableHeaders(""));
        assertThrows(NullPointerException.class, () -> b.build(null));
        assertThrows(io.spoe4j.config.SpoeConfigException.class, () -> b.rule("http-request deny if { nope }"));
    }

    @Test
    void variablesPrintLikeHaproxyAndControlCharactersBecomeSpaces() throws Exception {
        assertEquals("42", VariableHeaders.value(Sample.integer(42)));
        assertEquals("1", VariableHeaders.value(Sample.bool(true)));
        assertEquals("ok", VariableHeaders.value(Sample.str("ok")));
        assertEquals("0a0b", VariableHeaders.value(Sample.bin(new byte[] {10, 11})));
        assertEquals("192.0.2.1", VariableHeaders.value(new Sample.Ipv4(new byte[] {(byte) 192, 0, 2, 1})));
        assertEquals("a  Set-Cookie: x=1", VariableHeaders.value(Sample.str("a\r\nSet-Cookie: x=1")), "no header injection");
        assertEquals("a b", VariableHeaders.value(Sample.str("a\0b")));
        assertEquals("2001:db8::42", VariableHeaders.value(new Sample.Ipv6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42})));
        assertEquals("x-spoe-txn-coraza-action", VariableHeaders.name(VariableHeaders.DEFAULT_PREFIX, "txn.coraza.action"));
        assertEquals("78", VariableHeaders.value(Sample.bin("x".getBytes(StandardCharsets.UTF_8))));
    }
}

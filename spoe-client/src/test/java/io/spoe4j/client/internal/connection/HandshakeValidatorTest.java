package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.AgentHandshake;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.SpopCodecException;
import io.spoe4j.codec.SpopStatus;
import org.junit.jupiter.api.Test;

class HandshakeValidatorTest {

    private static SpopStatus statusOf(AgentHello hello) {
        return assertThrows(SpopCodecException.class,
                () -> HandshakeValidator.validate(hello, 16380, true, false, false)).status();
    }

    @Test
    void acceptsAValidHelloAndNegotiatesTheSmallerFrameSize() {
        AgentHandshake hs = HandshakeValidator.validate(new AgentHello("2.0", 1024, "pipelining,async"), 16380, true,
                false, false);
        assertEquals(1024, hs.maxFrameSize());
        assertTrue(hs.pipelining());
        assertFalse(hs.async(), "async not announced by us");
        assertEquals("2.0", hs.version());
    }

    @Test
    void capabilitiesInEffectNeedBothSides() {
        AgentHandshake hs = HandshakeValidator.validate(new AgentHello("2.0", 16380, ""), 16380, true, true, true);
        assertFalse(hs.pipelining());
        assertFalse(hs.async());
        assertFalse(hs.fragmentation());
        hs = HandshakeValidator.validate(new AgentHello("2.0", 16380, " fragmentation , async"), 16380, false, true, true);
        assertFalse(hs.pipelining());
        assertTrue(hs.async());
        assertTrue(hs.fragmentation());
    }

    @Test
    void missingKeysFollowTheDocumentedPolicy() {
        assertEquals(SpopStatus.NO_VERSION, statusOf(new AgentHello(null, 16380, "")));
        AgentHandshake hs = HandshakeValidator.validate(new AgentHello("2.0", -1, null), 4096, true, false, false);
        assertEquals(4096, hs.maxFrameSize(), "missing max-frame-size keeps the announced value");
        assertEquals("", hs.capabilities());
        assertFalse(hs.pipelining());
    }

    @Test
    void badVersionsAndSizesGetHaproxysStatuses() {
        assertEquals(SpopStatus.UNSUPPORTED_VERSION, statusOf(new AgentHello("2.1", 16380, "")));
        assertEquals(SpopStatus.UNSUPPORTED_VERSION, statusOf(new AgentHello("1.0", 16380, "")));
        assertEquals(SpopStatus.UNSUPPORTED_VERSION, statusOf(new AgentHello("two", 16380, "")));
        assertEquals(SpopStatus.BAD_MAX_FRAME_SIZE, statusOf(new AgentHello("2.0", 255, "")));
        assertEquals(SpopStatus.BAD_MAX_FRAME_SIZE, statusOf(new AgentHello("2.0", 16381, "")));
        HandshakeValidator.validate(new AgentHello(" 02.00 ", 256, ""), 16380, true, false, false);
    }

    @Test
    void versionParserMatchesHaproxy() {
        assertEquals(2000, HandshakeValidator.parseVersion("2.0"));
        assertEquals(2000, HandshakeValidator.parseVersion(" 2.0 "));
        assertEquals(2001, HandshakeValidator.parseVersion("2.1"));
        assertEquals(-1, HandshakeValidator.parseVersion("0.5"));
        assertEquals(-1, HandshakeValidator.parseVersion("2"));
        assertEquals(-1, HandshakeValidator.parseVersion("2.1000"));
        assertEquals(-1, HandshakeValidator.parseVersion("2.0x"));
        assertEquals(-1, HandshakeValidator.parseVersion(""));
    }

    @Test
    void capabilityWordsMatchLikeHaproxy() {
        assertTrue(HandshakeValidator.hasCapability("pipelining", "pipelining"));
        assertTrue(HandshakeValidator.hasCapability("async, pipelining", "pipelining"));
        assertTrue(HandshakeValidator.hasCapability("pipelining extra,async", "pipelining"));
        assertFalse(HandshakeValidator.hasCapability("pipeliningX", "pipelining"));
        assertFalse(HandshakeValidator.hasCapability("Pipelining", "pipelining"));
        assertFalse(HandshakeValidator.hasCapability("", "async"));
        assertFalse(HandshakeValidator.hasCapability("x,y", "async"));
    }
}

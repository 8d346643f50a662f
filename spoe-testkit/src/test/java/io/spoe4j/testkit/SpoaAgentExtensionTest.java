package io.spoe4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpoaAgentExtensionTest {
    private static final List<SpoaAgent> SEEN = new ArrayList<>();

    @RegisterExtension
    final SpoaAgentExtension spoa = new SpoaAgentExtension(
            SpoaAgent.builder().hello(AgentHelloSpec.standard().withCapabilities(Capability.PIPELINING)));

    @Test
    @Order(1)
    void startsAnAgentBeforeEachTestAndInjectsIt(SpoaAgent injected) throws Exception {
        assertSame(spoa.agent(), injected);
        assertTrue(injected.port() > 0);
        try (SpopTestClient c = SpopTestClient.connect(injected)) {
            c.send(SpopTestClient.hello("pipelining,async"));
            assertEquals("pipelining", c.read(Frame.AgentHello.class).capabilities());
        }
        SEEN.add(injected);
    }

    @Test
    @Order(2)
    void givesEachTestAFreshAgentAndClosesThePreviousOne() {
        assertEquals(1, SEEN.size());
        SpoaAgent previous = SEEN.get(0);
        assertTrue(previous != spoa.agent(), "a new agent per test");
        assertThrows(IllegalStateException.class, previous::start, "the previous agent was closed");
        assertEquals(0, spoa.agent().connectionCount());
    }

    @AfterAll
    static void clear() {
        SEEN.clear();
    }
}

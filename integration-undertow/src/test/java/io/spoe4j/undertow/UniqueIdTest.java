package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.Origin;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.config.UniqueIdFormat;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** unique-id-format / unique-id-header on Undertow: one id per exchange, read by messages and passed on. */
class UniqueIdTest {
    private static final String CONF = """
            spoe-agent uid
                messages m-id
                option var-prefix uid
                timeout processing 20s
                use-backend agents
            spoe-message m-id
                args rid=unique-id
                event on-frontend-http-request
            """;
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final Harness h = new Harness();
    private SpoaAgent agent;
    private SpoeEngine engine;

    @BeforeEach
    void setUp() {
        agent = h.agent();
        engine = h.track(SpoeEngine.builder().config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", CONF, null))
                .server(agent.endpoint()).threads(1).failurePolicy(FailurePolicy.FAIL_OPEN).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private String sentId() {
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        TypedValue v = n.arg("m-id", "rid");
        assertTrue(v instanceof TypedValue.Str, () -> "unique-id is sent as a string: " + v);
        return ((TypedValue.Str) v).asString();
    }

    @Test
    void eachExchangeGetsOneIdTheAgentAndTheNextHandlerSee() {
        URI base = h.server(SpoeHandler.builder(engine).uniqueIdFormat("%[uuid()]").uniqueIdHeader("X-Request-Id")
                .build(h.recorder()));
        assertEquals(200, h.get(base, "/one").statusCode());
        assertEquals(200, h.get(base, "/two").statusCode());
        String first = sentId();
        String second = sentId();
        Harness.Seen one = h.takeSeen();
        Harness.Seen two = h.takeSeen();
        assertTrue(first.matches(UUID), first);
        assertNotEquals(first, second, "a new id per exchange");
        assertEquals(first, one.headers().get("X-Request-Id"), "the id the agent saw is passed on");
        assertEquals(Sample.str(first), one.variables().get("txn.uid.rid"));
        assertEquals(second, two.headers().get("X-Request-Id"));
    }

    @Test
    void aHaproxyCfgProxyGivesItsFormatAndHeader() {
        SpoeSetup setup = SpoeSetup.builder().uniqueIdFormat(new UniqueIdFormat("fe", "%{+X}o %ci:%cp",
                Optional.of("X-Unique-ID"), Origin.JAVA)).build();
        URI base = h.server(SpoeHandler.builder(engine).setup(setup, "fe").build(h.recorder()));
        assertEquals(200, h.get(base, "/x").statusCode());
        String id = sentId();
        assertTrue(id.matches("7F000001:[0-9A-F]{4}"), id);
        assertEquals(id, h.takeSeen().headers().get("X-Unique-ID"));
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> SpoeHandler.builder(engine).uniqueIdFormat("%[nosuch]"));
        assertTrue(format.getMessage().startsWith("uniqueIdFormat: at offset 2 of '%[nosuch]': in '%[nosuch]': "
                + "unknown fetch 'nosuch'"), format.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpoeHandler.builder(engine).uniqueIdHeader("X Id"));
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> SpoeHandler.builder(engine).uniqueIdHeader("X-Id").build(h.recorder()));
        assertEquals("uniqueIdHeader: 'X-Id' needs a uniqueIdFormat to take the id from", alone.getMessage());
    }
}

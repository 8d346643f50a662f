package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.RecordedNotify;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** unique-id-format / unique-id-header: one id per transaction, read by messages and sent upstream. */
class UniqueIdTest {
    private static final String CONF = """
            [ex]
            spoe-agent ex-agent
                messages sess-id req-id
                option var-prefix ex
                timeout hello 5s
                timeout idle 30s
                timeout processing 5s
                use-backend agents
            spoe-message sess-id
                args sid=unique-id
                event on-client-session
            spoe-message req-id
                args rid=unique-id
                event on-frontend-http-request
            """;
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final GatewayHarness h = new GatewayHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static String arg(RecordedNotify n, String message, String arg) {
        assertEquals(message, n.messages().get(0).name(), n.toString());
        TypedValue v = n.messages().get(0).args().stream().filter(a -> a.name().equals(arg)).findFirst()
                .orElseThrow().value();
        assertTrue(v instanceof TypedValue.Str, () -> arg + " is sent as a string: " + v);
        return ((TypedValue.Str) v).asString();
    }

    @Test
    void oneIdPerRequestReadByMessagesAndAddedUpstreamTheFirstSharedWithTheConnection() throws Exception {
        h.agent();
        // The echo application shows x-spoe-* headers, so the id header is named like one.
        h.start(SpoeHttpOptions.builder().engine(h.engine(CONF, h.agent.endpoint(), FailurePolicy.FAIL_OPEN))
                .uniqueIdFormat("%[uuid()]").uniqueIdHeader("X-Spoe-Id").build());
        String[] upstream = new String[2];
        try (Socket s = new Socket("127.0.0.1", h.port())) {
            s.setSoTimeout((int) GatewayHarness.WAIT.toMillis());
            for (int i = 0; i < 2; i++) {
                s.getOutputStream().write(("GET /u" + i + " HTTP/1.1\r\nHost: t\r\nX-Spoe-Id: forged\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                SpoeHttpFlowTest.RawResponse r = SpoeHttpFlowTest.RawResponse.read(s.getInputStream());
                assertEquals(200, r.status(), r.body());
                Map<String, String> echo = GatewayHarness.lines(r.body());
                upstream[i] = echo.get("x-spoe-id");
                assertEquals(echo.get("x-spoe-id"), echo.get("x-spoe-txn-ex-rid"), r.body());
            }
        }
        String sid = arg(h.agent.takeNotify(GatewayHarness.WAIT), "sess-id", "sid");
        String rid1 = arg(h.agent.takeNotify(GatewayHarness.WAIT), "req-id", "rid");
        String rid2 = arg(h.agent.takeNotify(GatewayHarness.WAIT), "req-id", "rid");
        assertTrue(rid1.matches(UUID), rid1);
        assertEquals(sid, rid1, "on-client-session belongs to the first transaction (HAProxy's first stream)");
        assertEquals(rid1, upstream[0], "the id the agent saw is the one sent upstream");
        assertEquals(rid2, upstream[1]);
        assertNotEquals(rid1, rid2, "a new id per request");
    }

    @Test
    void haproxyExampleFormatIsSentUpstreamEvenWhenNoMessageReadsIt() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN))
                .uniqueIdFormat("%{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid").uniqueIdHeader("x-spoe-unique-id").build());
        try (Socket s = new Socket("127.0.0.1", h.port())) {
            s.setSoTimeout((int) GatewayHarness.WAIT.toMillis());
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            SpoeHttpFlowTest.RawResponse r = SpoeHttpFlowTest.RawResponse.read(s.getInputStream());
            String id = GatewayHarness.lines(r.body()).get("x-spoe-unique-id");
            String expected = String.format("7F000001:%04X_7F000001:%04X_[0-9A-F]{8}_[0-9A-F]{4,}:%04X",
                    s.getLocalPort(), h.port(), ProcessHandle.current().pid());
            assertTrue(id != null && id.matches(expected), () -> id + " !~ " + expected + "\n" + r.body());
        }
    }

    @Test
    void withoutAFormatThereIsNoIdAndNoHeader() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(CONF, h.agent.endpoint(), FailurePolicy.FAIL_OPEN)).build());
        Map<String, String> echo = GatewayHarness.lines(h.get("/n").body());
        assertNull(echo.get("x-spoe-txn-ex-rid"), echo.toString());
        h.agent.takeNotify(GatewayHarness.WAIT);
        RecordedNotify req = h.agent.takeNotify(GatewayHarness.WAIT);
        assertTrue(req.messages().get(0).args().get(0).value() instanceof TypedValue.Null, req.toString());
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
                () -> SpoeHttpOptions.builder().uniqueIdFormat("%ci_%zz"));
        assertEquals("uniqueIdFormat: at offset 5 of '%ci_%zz': unknown log-format alias '%zz'",
                alias.getMessage().substring(0, alias.getMessage().indexOf("; known")));
        IllegalArgumentException sample = assertThrows(IllegalArgumentException.class,
                () -> SpoeHttpOptions.builder().uniqueIdFormat("%[uuid(5)]"));
        assertTrue(sample.getMessage().startsWith("uniqueIdFormat: ") && sample.getMessage().contains("UUID version"),
                sample.getMessage());
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> SpoeHttpOptions.builder().uniqueIdHeader("X Id"));
        assertTrue(header.getMessage().startsWith("uniqueIdHeader must be a header name"), header.getMessage());
        h.agent();
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN)).uniqueIdHeader("X-Id").build());
        assertEquals("uniqueIdHeader: 'X-Id' needs a uniqueIdFormat to take the id from", alone.getMessage());
    }
}

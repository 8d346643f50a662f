package io.spoe4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Spring Cloud Gateway on a random port in front of testkit agents and real upstreams
 * (Reactor Netty servers on port 0), configured only through properties: the {@code Spoe=NAME}
 * route filters, the engines of {@code spoe-test.conf}, rules as text and {@code spoe4j.backends}.
 */
@SpringBootTest(classes = SpringCloudGatewayTest.GatewayApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spoe4j.engines.main.spoe-conf=classpath:spoe-test.conf",
            "spoe4j.engines.main.scope=main",
            "spoe4j.engines.main.rules[0]=http-request deny deny_status 403 if { var(txn.main.action) -m str deny }",
            "spoe4j.engines.main.rules[1]=http-request silent-drop if { var(txn.main.action) -m str drop }",
            "spoe4j.engines.main.rules[2]=use_backend alt if { var(txn.main.route) -m str alt }",
            "spoe4j.engines.main.rules[3]=http-response set-header X-Score %[var(txn.main.score)]",
            "spoe4j.engines.main.rules[4]=http-response set-header X-Res-Len %[res.body_len]",
            "spoe4j.engines.other.spoe-conf=classpath:spoe-test.conf",
            "spoe4j.engines.other.scope=other",
            "spoe4j.engines.closed.spoe-conf=classpath:spoe-test.conf",
            "spoe4j.engines.closed.scope=closed",
            "spoe4j.engines.closed.failure-policy=fail-closed",
            "spoe4j.engines.body.spoe-conf=classpath:spoe-test.conf",
            "spoe4j.engines.body.scope=body",
            "spoe4j.engines.body.max-body-bytes=64B",
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpringCloudGatewayTest {
    static final SpoaAgent MAIN = ScriptedAgents.start();
    static final SpoaAgent OTHER = ScriptedAgents.start();
    static final Upstream UP = Upstream.start("up");
    static final Upstream ALT = Upstream.start("alt");
    private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class GatewayApp {
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spoe4j.engines.main.servers[0]", MAIN::endpoint);
        r.add("spoe4j.engines.other.servers[0]", OTHER::endpoint);
        r.add("spoe4j.engines.closed.servers[0]", MAIN::endpoint);
        r.add("spoe4j.engines.body.servers[0]", MAIN::endpoint);
        r.add("spoe4j.backends.alt", ALT::url);
        String[] engines = {"main", "other", "closed", "body"};
        for (int i = 0; i < engines.length; i++) {
            String e = engines[i];
            r.add(ROUTES + "[" + i + "].id", () -> e);
            r.add(ROUTES + "[" + i + "].uri", UP::url);
            r.add(ROUTES + "[" + i + "].predicates[0]", () -> "Path=/" + e + "/**");
            r.add(ROUTES + "[" + i + "].filters[0]", () -> "Spoe=" + e);
        }
    }

    @AfterAll
    static void stop() {
        MAIN.close();
        OTHER.close();
        UP.close();
        ALT.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    SpoeProcessors processors;
    final HttpClient http = Upstream.client();

    @Test
    void variablesArriveUpstreamAsHeadersAndForgedOnesAreRemoved() throws Exception {
        HttpResponse<String> r = Upstream.get(http, port, "/main/hello?x=1", "x-spoe-txn-main-action", "forged");
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> echo = Upstream.lines(r.body());
        assertEquals("up", echo.get("upstream"));
        assertEquals("/main/hello?x=1", echo.get("uri"));
        assertEquals("42", echo.get("x-spoe-txn-main-score"), r.body());
        assertEquals("/main/hello", echo.get("x-spoe-txn-main-path"), r.body());
        assertNull(echo.get("x-spoe-txn-main-action"), "a client-sent variable header must not reach the upstream");
        // the response side ran on the upstream's response: http-response set-header
        assertEquals("42", r.headers().firstValue("x-score").orElse(null));
        assertEquals("up", r.headers().firstValue("x-upstream").orElse(null));
        assertEquals(Integer.toString(r.body().length()), r.headers().firstValue("x-res-len").orElse(null),
                "res.body is the upstream's body, held until the response steps ran");
    }

    @Test
    void aDenyRuleAnswersWithHaproxysPageAndTheUpstreamIsNotCalled() throws Exception {
        int before = UP.hits.get();
        HttpResponse<String> r = Upstream.get(http, port, "/main/deny");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("<h1>403 Forbidden</h1>"), r.body());
        assertEquals(before, UP.hits.get());
    }

    @Test
    void failOpenForwardsWithoutVariablesAndFailClosedAnswers503() throws Exception {
        HttpResponse<String> open = Upstream.get(http, port, "/main/fault");
        assertEquals(200, open.statusCode(), open.body());
        assertNull(Upstream.lines(open.body()).get("x-spoe-txn-main-score"), open.body());

        int before = UP.hits.get();
        HttpResponse<String> closed = Upstream.get(http, port, "/closed/fault");
        assertEquals(503, closed.statusCode(), closed.body());
        assertTrue(closed.body().contains("503 Service Unavailable"), closed.body());
        assertEquals(before, UP.hits.get());
    }

    @Test
    void aProcessingTimeoutOfAFailClosedEngineAnswers503() throws Exception {
        int before = UP.hits.get();
        HttpResponse<String> r = Upstream.get(http, port, "/closed/slow");
        assertEquals(503, r.statusCode(), r.body());
        assertEquals(before, UP.hits.get());
        // 300 ms processing timeout, the agent answers after 3 s: the answer names the timeout (code 1)
        String why = r.headers().firstValue("x-spoe-error").orElse("");
        assertTrue(why.endsWith("code=1"), "x-spoe-error: " + why);
    }

    @Test
    void eachRouteRunsTheEngineItNames() throws Exception {
        HttpResponse<String> r = Upstream.get(http, port, "/other/x");
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> echo = Upstream.lines(r.body());
        assertEquals("42", echo.get("x-spoe-txn-other-score"), r.body());
        assertNull(echo.get("x-spoe-txn-main-score"), r.body());
        RecordedNotify n = OTHER.takeNotify(ScriptedAgents.WAIT);
        assertEquals("/other/x", ScriptedAgents.text(n.arg("check-other", "path")));
        assertNull(OTHER.pollNotify(), "one NOTIFY for one request");
    }

    @Test
    void aMessageReadingTheBodyGetsItAndTheUpstreamStillDoes() throws Exception {
        String body = "name=spoe&x=1";
        HttpResponse<String> r = Upstream.post(http, port, "/body/form", body);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> echo = Upstream.lines(r.body());
        assertEquals(body, echo.get("body"), r.body());
        assertEquals("42", echo.get("x-spoe-txn-body-score"), r.body());

        HttpResponse<String> tooLarge = Upstream.post(http, port, "/body/big", "x".repeat(100));
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
    }

    @Test
    void theBodyMessageCarriesTheBytes() throws Exception {
        // drain what earlier requests left on the shared agent, then look at this request's NOTIFY only
        while (MAIN.pollNotify() != null) {
            // discard
        }
        Upstream.post(http, port, "/body/bytes", "abc");
        RecordedNotify n = MAIN.takeNotify(ScriptedAgents.WAIT);
        assertEquals("/body/bytes", ScriptedAgents.text(n.arg("inspect", "path")));
        assertEquals("abc", ScriptedAgents.text(n.arg("inspect", "body")), HexFormat.of().formatHex(n.raw()));
    }

    @Test
    void useBackendRoutesToTheMappedUri() throws Exception {
        HttpResponse<String> r = Upstream.get(http, port, "/main/alt/path?q=2");
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> echo = Upstream.lines(r.body());
        assertEquals("alt", echo.get("upstream"), r.body());
        assertEquals("/main/alt/path?q=2", echo.get("uri"));
    }

    @Test
    void silentDropClosesTheConnectionWithoutAnAnswer() {
        assertThrows(IOException.class, () -> Upstream.get(http, port, "/main/drop"));
        assertFalse(processors.all().isEmpty());
    }
}

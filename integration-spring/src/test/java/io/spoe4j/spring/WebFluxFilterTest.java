package io.spoe4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.testkit.SpoaAgent;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A plain WebFlux application (no gateway route) behind the {@link SpoeWebFilter}: the handler reads
 * the variables as exchange attributes, through {@link SpoeExchange} and as request headers; the
 * rules deny and rewrite the path; the response side adds a header to the handler's response.
 */
@SpringBootTest(classes = WebFluxFilterTest.WebApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.gateway.server.webflux.enabled=false",
            "spoe4j.web-filter.engine=main",
            "spoe4j.engines.main.spoe-conf=classpath:spoe-test.conf",
            "spoe4j.engines.main.scope=main",
            "spoe4j.engines.main.response-variable-headers=true",
            "spoe4j.engines.main.rules[0]=http-request deny deny_status 403 if { var(txn.main.action) -m str deny }",
            "spoe4j.engines.main.rules[1]=http-request set-path /rewritten if { path /old }",
            "spoe4j.engines.main.rules[2]=http-response set-header X-Score %[var(txn.main.score)]",
            "spoe4j.engines.main.rules[3]=http-request tarpit if { path /tarpit }",
            "spoe4j.engines.main.tarpit-timeout=300ms",
            "spoe4j.engines.main.rules[4]=http-response set-header X-Res-Len %[res.body_len]",
            "spoe4j.engines.main.rules[5]=http-response deny deny_status 502 if { res.body -m sub secret }",
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WebFluxFilterTest {
    static final SpoaAgent AGENT = ScriptedAgents.start();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WebApp {
        @Bean
        RouterFunction<ServerResponse> routes() {
            return RouterFunctions.route()
                    .GET("/hello", req -> ServerResponse.ok().bodyValue("attribute="
                            + req.exchange().getAttribute("spoe4j.var.txn.main.score")
                            + " exchange=" + SpoeExchange.of(req.exchange())
                                    .map(s -> s.variables().get("txn.main.path").asText()).orElse("none")
                            + " header=" + req.headers().firstHeader("x-spoe-txn-main-score")))
                    .GET("/rewritten", req -> ServerResponse.ok().bodyValue("rewritten from "
                            + req.exchange().getAttribute("spoe4j.var.txn.main.path")))
                    .GET("/empty", req -> ServerResponse.noContent().build())
                    .GET("/leaky", req -> ServerResponse.ok().bodyValue("the secret is out"))
                    .build();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spoe4j.engines.main.servers[0]", AGENT::endpoint);
    }

    @AfterAll
    static void stop() {
        AGENT.close();
    }

    @LocalServerPort
    int port;
    final HttpClient http = Upstream.client();

    @Test
    void theHandlerSeesTheVariablesAndTheResponseSideRuns() throws Exception {
        HttpResponse<String> r = Upstream.get(http, port, "/hello");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("attribute=42 exchange=/hello header=42", r.body());
        assertEquals("42", r.headers().firstValue("x-score").orElse(null));
        assertEquals("42", r.headers().firstValue("x-spoe-txn-main-score").orElse(null));
        assertEquals(Integer.toString(r.body().length()), r.headers().firstValue("x-res-len").orElse(null),
                "res.body is the handler's body");
    }

    @Test
    void aResponseRuleReadingTheBodyReplacesTheResponse() throws Exception {
        HttpResponse<String> r = Upstream.get(http, port, "/leaky");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.body().contains("502 Bad Gateway"), r.body());
        assertTrue(!r.body().contains("secret"), r.body());
    }

    @Test
    void denyAndPathRewrite() throws Exception {
        HttpResponse<String> denied = Upstream.get(http, port, "/deny");
        assertEquals(403, denied.statusCode());
        assertTrue(denied.body().contains("403 Forbidden"), denied.body());

        HttpResponse<String> rewritten = Upstream.get(http, port, "/old");
        assertEquals(200, rewritten.statusCode(), rewritten.body());
        assertEquals("rewritten from /old", rewritten.body());
    }

    @Test
    void tarpitAnswers500AfterItsTimeout() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = Upstream.get(http, port, "/tarpit");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(millis >= 300, "answered after " + millis + " ms");
    }

    @Test
    void aResponseWithoutBodyGoesThroughTheResponseSide() throws Exception {
        HttpResponse<String> r = Upstream.get(http, port, "/empty");
        assertEquals(204, r.statusCode());
        assertEquals("42", r.headers().firstValue("x-score").orElse(null));
        assertEquals("0", r.headers().firstValue("x-res-len").orElse(null));
    }
}

package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.testkit.SpoaAgent;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.builder.PredicatedHandlersParser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spoe(...)} in Undertow's text handler configuration, with {@code %{spoe,NAME}} in predicates. */
class HandlerBuilderSpiTest {
    private final Harness h = new Harness();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        try {
            h.close();
        } finally {
            SpoeHandler.closeConfiguredEngines();
        }
    }

    private HttpHandler parse(String text, HttpHandler next) {
        return Handlers.predicates(PredicatedHandlersParser.parse(text, getClass().getClassLoader()), next);
    }

    @Test
    void aSpoeConfWithServersRunsAndItsVariablesDriveAPredicate() throws Exception {
        SpoaAgent agent = h.agent();
        Path conf = Files.writeString(dir.resolve("spoe.conf"), "[ua]\n" + Harness.CONF.formatted("20s"));
        HttpHandler root = parse("spoe(engine=ua, config='" + conf + "', servers={'" + agent.endpoint()
                + "'}, headers='x-spoe-')\n"
                + "equals(%{spoe,txn.ua.path}, '/teapot') -> response-code(418)\n", h.recorder());
        URI base = h.server(root);
        assertEquals(418, h.get(base, "/teapot").statusCode());
        HttpResponse<String> ok = h.get(base, "/fine");
        assertEquals(200, ok.statusCode());
        Harness.Seen seen = h.takeSeen();
        assertEquals(Sample.str("/fine"), seen.variables().get("txn.ua.path"));
        assertEquals("/fine", seen.headers().get("x-spoe-txn-ua-path"));
        assertEquals("200", ok.headers().firstValue("x-spoe-txn-ua-status").orElse(null));
    }

    @Test
    void aHaproxyCfgGivesTheServersAndTheGroupRules() throws Exception {
        SpoaAgent agent = h.agent();
        Files.writeString(dir.resolve("spoe.conf"), "[ua]\n" + Harness.CONF.formatted("20s"));
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), """
                frontend fe
                    mode http
                    filter spoe engine ua config spoe.conf
                    http-request send-spoe-group ua g-auth
                backend agents
                    mode tcp
                    server a1 %s
                """.formatted(agent.endpoint()));
        URI base = h.server(parse("spoe(engine=ua, config='" + cfg + "', fail=closed)", h.recorder()));
        assertEquals(200, h.send(java.net.http.HttpRequest.newBuilder(base.resolve("/g")).header("X-Auth", "k")
                .timeout(java.time.Duration.ofSeconds(Harness.BOUND_SECONDS)).build()).statusCode());
        Harness.Seen seen = h.takeSeen();
        assertEquals(Sample.str("k"), seen.variables().get("txn.ua.auth"), "the http-request rule ran");
        assertEquals(io.spoe4j.client.FailurePolicy.FAIL_CLOSED,
                seen.spoe().results().get(0).policy());
    }

    @Test
    void aBadFailValueNamesTheOption() throws Exception {
        Path conf = Files.writeString(dir.resolve("spoe.conf"), "[ua]\n" + Harness.CONF.formatted("20s"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> parse("spoe(engine=ua, config='" + conf
                + "', servers={'127.0.0.1:1'}, fail=maybe)", h.recorder()));
        Throwable cause = e;
        while (cause.getCause() != null && !cause.getMessage().contains("fail")) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("fail must be 'open' or 'closed'"), e.toString());
    }
}

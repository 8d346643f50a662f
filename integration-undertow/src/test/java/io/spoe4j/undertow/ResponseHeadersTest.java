package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * res.hdrs as HAProxy's HTX has them: the Connection header Undertow adds ({@code keep-alive}) is
 * the connection's, not the response's, and is left out (found by the actions conformance suite).
 */
class ResponseHeadersTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void resHdrsLeaveOutTheConnectionsOwnTokens() throws Exception {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = h.track(SpoeEngine.builder().config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", """
                spoe-agent ua
                    messages m-res
                    option var-prefix ua
                    timeout processing 20s
                    use-backend agents
                spoe-message m-res
                    args hdrs=res.hdrs
                    event on-http-response
                """, null)).server(agent.endpoint()).threads(1).failurePolicy(FailurePolicy.FAIL_OPEN).build());
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(2)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
                .setHandler(SpoeHandler.builder(engine).build(ex -> {
                    ex.getResponseHeaders().add(HttpString.tryFromString("X-App"), "1");
                    ex.getResponseHeaders().add(HttpString.tryFromString("Connection"), "Upgrade-Not, keep-alive");
                    ex.getResponseSender().send("ok");
                })).build();
        undertow.start();
        try {
            int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
            assertEquals(200, h.get(URI.create("http://127.0.0.1:" + port), "/").statusCode());
            RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
            String hdrs = ((TypedValue.Str) n.arg("m-res", "hdrs")).asString();
            assertEquals(false, hdrs.toLowerCase(java.util.Locale.ROOT).contains("keep-alive"), hdrs);
            assertEquals(true, hdrs.contains("x-app: 1\r\n") && hdrs.contains("connection: Upgrade-Not\r\n"), hdrs);
        } finally {
            undertow.stop();
        }
    }
}

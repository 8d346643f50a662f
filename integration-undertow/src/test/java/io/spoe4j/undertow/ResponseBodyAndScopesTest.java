package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.testkit.Dispatcher;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * res.body is what the next handler's first response write offers (cut at maxBodyBytes), and the
 * req variables are gone at response time (HAProxy prunes them once the request reached the server).
 */
class ResponseBodyAndScopesTest {
    static final String CONF = """
            spoe-agent rb
                messages m-req m-res
                option var-prefix rb
                timeout processing 20s
                use-backend agents
            spoe-message m-req
                args p=path
                event on-frontend-http-request
            spoe-message m-res
                args status=status body=res.body r=var(req.rb.r) t=var(txn.rb.t)
                event on-http-response
            """;

    private final Harness h = new Harness();
    private SpoaAgent agent;

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    /** The agent answers m-req with req.rb.r and txn.rb.t, m-res with nothing. */
    private SpoeHandler.Builder handler() {
        agent = h.track(SpoaAgent.builder().dispatcher(Dispatcher.of(messages -> {
            List<Action> actions = new ArrayList<>();
            for (Message m : messages) {
                if (m.name().equals("m-req")) {
                    actions.add(Action.setVar(Scope.REQ, "r", TypedValue.string("req-scope")));
                    actions.add(Action.setVar(Scope.TXN, "t", TypedValue.string("txn-scope")));
                }
            }
            return actions;
        })).build().start());
        SpoeEngine engine = h.track(SpoeEngine.builder()
                .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", CONF, null))
                .server(agent.endpoint()).threads(1).build());
        return SpoeHandler.builder(engine).variableHeaders("x-spoe-");
    }

    private RecordedNotify responseNotify() {
        RecordedNotify req = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertEquals("m-req", req.messages().get(0).name(), req::toString);
        return agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
    }

    private HttpHandler sending(byte[] payload) {
        return ex -> {
            h.record(ex);
            ex.getResponseSender().send(ByteBuffer.wrap(payload));
        };
    }

    @Test
    void theFirstWriteIsResBodyAndReqVariablesAreGoneAtResponseTime() {
        byte[] payload = "created".getBytes(StandardCharsets.US_ASCII);
        URI base = h.server(handler().build(sending(payload)));
        HttpResponse<String> r = h.get(base, "/new");
        assertEquals(200, r.statusCode());
        assertEquals("created", r.body());
        RecordedNotify res = responseNotify();
        assertEquals(TypedValue.binary(payload), res.arg("m-res", "body"));
        assertEquals(TypedValue.NULL, res.arg("m-res", "r"), "HAProxy prunes req variables once the request is forwarded");
        assertEquals(TypedValue.string("txn-scope"), res.arg("m-res", "t"));
        Harness.Seen seen = h.takeSeen();
        assertEquals("req-scope", seen.headers().get("x-spoe-req-rb-r"), "the next handler still gets them as headers");
        assertNull(seen.spoe().variables().get("req.rb.r"));
        assertEquals(Sample.str("txn-scope"), seen.spoe().variables().get("txn.rb.t"));
    }

    @Test
    void resBodyIsCutAtMaxBodyBytesAndTheClientGetsEverything() {
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        URI base = h.server(handler().maxBodyBytes(1000).build(sending(payload)));
        HttpResponse<String> r = h.get(base, "/large");
        assertArrayEquals(payload, r.body().getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(TypedValue.binary(Arrays.copyOf(payload, 1000)), responseNotify().arg("m-res", "body"));
    }

    @Test
    void aResponseEndedWithoutWritesHasAnEmptyBody() {
        URI base = h.server(handler().build(ex -> {
            ex.setStatusCode(204);
            ex.endExchange();
        }));
        assertEquals(204, h.get(base, "/empty").statusCode());
        RecordedNotify res = responseNotify();
        assertEquals(TypedValue.int64(204), res.arg("m-res", "status"));
        assertEquals(TypedValue.binary(new byte[0]), res.arg("m-res", "body"));
    }
}

package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import io.undertow.server.handlers.BlockingHandler;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request bodies read for req.body without taking them from the next handler; the response event before the commit. */
class BodyAndResponseTest {
    static final String BODY_CONF = """
            spoe-agent ub
                messages m-body
                option var-prefix ub
                timeout processing 20s
                use-backend agents
            spoe-message m-body
                args body=req.body
                event on-frontend-http-request
            """;

    /** Only a response event, so that a short processing timeout can only hit the response side. */
    static final String RESPONSE_ONLY_CONF = """
            spoe-agent ur
                messages m-resp
                option var-prefix ur
                option set-on-error err
                timeout processing 300ms
                use-backend agents
            spoe-message m-resp
                args status=status
                event on-http-response
            """;

    private final Harness h = new Harness();

    private SpoeEngine responseOnlyEngine(SpoaAgent agent, FailurePolicy policy) {
        return h.track(SpoeEngine.builder()
                .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", RESPONSE_ONLY_CONF, null))
                .server(agent.endpoint()).threads(1).failurePolicy(policy).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private SpoeEngine bodyEngine(SpoaAgent agent) {
        return h.track(SpoeEngine.builder().config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", BODY_CONF, null))
                .server(agent.endpoint()).threads(1).build());
    }

    private static HttpRequest post(URI base, byte[] body) {
        return HttpRequest.newBuilder(base.resolve("/upload")).timeout(Duration.ofSeconds(Harness.BOUND_SECONDS))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    @Test
    void theBodyGoesToTheAgentAndStillReachesTheNextHandler() {
        SpoaAgent agent = h.agent();
        URI base = h.server(SpoeHandler.builder(bodyEngine(agent)).build(h.recorder()));
        HttpResponse<String> r = h.send(post(base, "hello=world".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode());
        assertEquals("hello=world", r.body(), "the next handler read the whole body");
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertEquals(TypedValue.binary("hello=world".getBytes(StandardCharsets.UTF_8)), n.arg("m-body", "body"));
        assertTrue(h.takeSeen().ioThread());
    }

    @Test
    void aBodyLargerThanTheLimitIsTruncatedForTheAgentOnly() {
        SpoaAgent agent = h.agent();
        URI base = h.server(SpoeHandler.builder(bodyEngine(agent)).maxBodyBytes(1024).build(h.recorder()));
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        HttpResponse<String> r = h.send(post(base, body));
        assertEquals(200, r.statusCode());
        assertArrayEquals(body, r.body().getBytes(StandardCharsets.ISO_8859_1), "the next handler read all of it");
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertEquals(TypedValue.binary(Arrays.copyOf(body, 1024)), n.arg("m-body", "body"));
    }

    @Test
    void aRequestWithoutBodySendsAnEmptyBinary() {
        SpoaAgent agent = h.agent();
        URI base = h.server(SpoeHandler.builder(bodyEngine(agent)).build(h.recorder()));
        assertEquals(200, h.get(base, "/nobody").statusCode());
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertEquals(TypedValue.binary(new byte[0]), n.arg("m-body", "body"));
    }

    @Test
    void theResponseEventSeesStatusAndHeadersAndItsVariablesBecomeResponseHeaders() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(30)));
        SpoeEngine engine = h.engine(agent, FailurePolicy.FAIL_OPEN, "20s");
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(ex -> {
            h.record(ex);
            ex.setStatusCode(201);
            ex.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "text/plain");
            ex.getResponseSender().send("created");
        }));
        HttpResponse<String> r = h.get(base, "/new");
        assertEquals(201, r.statusCode());
        assertEquals("created", r.body());
        assertEquals("201", r.headers().firstValue("x-spoe-txn-ua-status").orElse(null));
        assertEquals("text/plain", r.headers().firstValue("x-spoe-txn-ua-ctype").orElse(null));
        assertFalse(r.headers().firstValue("x-spoe-txn-ua-path").isPresent(), "only the response events' variables");
        agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        RecordedNotify resp = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertEquals(TypedValue.int64(201), resp.arg("m-resp", "status"));
        assertEquals(Sample.integer(201), h.takeSeen().spoe().variables().get("txn.ua.status"));
    }

    @Test
    void aBlockingWriterOnAWorkerWaitsForTheResponseEvent() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(30)));
        SpoeEngine engine = h.engine(agent, FailurePolicy.FAIL_OPEN, "20s");
        byte[] payload = new byte[300_000];
        Arrays.fill(payload, (byte) 'z');
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(new BlockingHandler(ex -> {
            h.record(ex);
            try (OutputStream out = ex.getOutputStream()) {
                out.write(payload);
            }
        })));
        HttpResponse<String> r = h.get(base, "/big");
        assertEquals(200, r.statusCode());
        assertEquals(payload.length, r.body().length());
        assertEquals("200", r.headers().firstValue("x-spoe-txn-ua-status").orElse(null));
        assertFalse(h.takeSeen().ioThread());
    }

    @Test
    void aFailedResponseEventUnderFailClosedAbortsTheResponse() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = responseOnlyEngine(agent, FailurePolicy.FAIL_CLOSED);
        agent.enqueue(Response.fault(Fault.stall()));
        URI base = h.server(SpoeHandler.builder(engine).build(h.recorder()));
        ExecutionException e = assertThrows(ExecutionException.class, () -> h.sendAsync(
                // POST: the JDK client retries an idempotent GET once on a closed connection
                HttpRequest.newBuilder(base.resolve("/leak")).timeout(Duration.ofSeconds(Harness.BOUND_SECONDS))
                        .POST(HttpRequest.BodyPublishers.noBody()).build())
                .get(Harness.BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof java.io.IOException, "the connection is closed: " + e.getCause());
        assertTrue(h.takeSeen().spoe().blocked());
    }

    @Test
    void aFailedResponseEventUnderFailOpenSendsTheResponseWithTheError() {
        SpoaAgent agent = h.agent();
        SpoeEngine engine = responseOnlyEngine(agent, FailurePolicy.FAIL_OPEN);
        agent.enqueue(Response.fault(Fault.stall()));
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(h.recorder()));
        HttpResponse<String> r = h.get(base, "/late");
        assertEquals(200, r.statusCode());
        assertEquals("1", r.headers().firstValue("x-spoe-txn-ur-err").orElse(null), "set-on-error 1 as a header");
    }

    @Test
    void anEmptyResponseEndedByTheHandlerStillWaitsForTheResponseEvent() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(30)));
        SpoeEngine engine = h.engine(agent, FailurePolicy.FAIL_OPEN, "20s");
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(ex -> {
            ex.setStatusCode(204);
            ex.endExchange();
        }));
        HttpResponse<String> r = h.get(base, "/empty");
        assertEquals(204, r.statusCode());
        assertEquals("204", r.headers().firstValue("x-spoe-txn-ua-status").orElse(null));
    }

    @Test
    void aLargeNonBlockingResponseOnTheIoThreadIsWokenWhenTheGateOpens() {
        SpoaAgent agent = h.agent();
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(30)));
        SpoeEngine engine = h.engine(agent, FailurePolicy.FAIL_OPEN, "20s");
        byte[] payload = new byte[500_000];
        Arrays.fill(payload, (byte) 'q');
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(ex -> {
            h.record(ex);
            ex.getResponseSender().send(java.nio.ByteBuffer.wrap(payload));
        }));
        HttpResponse<String> r = h.get(base, "/large");
        assertEquals(200, r.statusCode());
        assertEquals(payload.length, r.body().length());
        assertEquals("200", r.headers().firstValue("x-spoe-txn-ua-status").orElse(null));
        assertTrue(h.takeSeen().ioThread());
    }
}

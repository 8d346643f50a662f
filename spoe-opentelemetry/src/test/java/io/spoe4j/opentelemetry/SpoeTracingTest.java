package io.spoe4j.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One span per exchange, a child of the caller's context, with the exchange's attributes. */
class SpoeTracingTest {
    static final String CONF = """
            spoe-agent t-agent
                messages req
                groups g
                option var-prefix t
                timeout hello 60s
                timeout processing PROCESSING
                use-backend agents
            spoe-message req
                args p=path
                event on-frontend-http-request
            spoe-message gm
                args m=method
            spoe-group g
                messages gm
            """;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private OpenTelemetrySdk otel;
    private SpoaAgent agent;
    private SpoeEngine engine;
    private SpoeSession session;

    @BeforeEach
    void start() {
        otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
        agent = SpoaAgent.builder().build().start();
    }

    private SpoeEngine engine(String timeout) {
        engine = SpoeEngine.builder().config(SpoeConfigReader.standard()
                .parseSpoeConf("spoe.conf", CONF.replace("PROCESSING", timeout), null))
                .server(agent.endpoint()).threads(1).build();
        SpoeTracing.create(otel).instrument(engine);
        session = engine.newSession(request());
        return engine;
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        agent.close();
        if (engine != null) {
            engine.close();
        }
        otel.close();
    }

    static RequestAttributes request() {
        try {
            return SimpleRequestAttributes.builder().client(InetAddress.getByName("192.0.2.10"), 40000)
                    .server(InetAddress.getByName("127.0.0.1"), 8080).method("GET").uri("/p").httpVersion("1.1")
                    .header("Host", "example.org").build();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private SpanData span(String name) {
        List<SpanData> spans = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertEquals(1, spans.size(), () -> "spans: " + exporter.getFinishedSpanItems());
        return spans.get(0);
    }

    @Test
    void processedExchangeIsAChildSpanWithIdsServerAndOutcome() throws Exception {
        engine("20s");
        Span parent = otel.getTracer("test").spanBuilder("http request").startSpan();
        SpoeResult r;
        try (Scope ignored = parent.makeCurrent()) {
            SpoeTransaction txn = session.newTransaction(request());
            r = txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST).toCompletableFuture().get(30, TimeUnit.SECONDS);
            txn.close();
        } finally {
            parent.end();
        }
        assertTrue(r.processed(), r::toString);
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(10));
        SpanData s = span("SPOE on-frontend-http-request");
        assertEquals(parent.getSpanContext().getSpanId(), s.getParentSpanId(), "child of the caller's span");
        assertEquals(parent.getSpanContext().getTraceId(), s.getTraceId());
        assertEquals(SpanKind.CLIENT, s.getKind());
        assertEquals("t-agent", s.getAttributes().get(SpoeAttributes.ENGINE));
        assertEquals("event", s.getAttributes().get(SpoeAttributes.KIND));
        assertEquals("on-frontend-http-request", s.getAttributes().get(SpoeAttributes.NAME));
        assertEquals("processed", s.getAttributes().get(SpoeAttributes.OUTCOME));
        assertEquals(0L, s.getAttributes().get(SpoeAttributes.ERROR_CODE));
        assertEquals(List.of("req"), s.getAttributes().get(SpoeAttributes.MESSAGES));
        assertEquals(agent.endpoint(), s.getAttributes().get(SpoeAttributes.SERVER));
        assertEquals("127.0.0.1", s.getAttributes().get(AttributeKey.stringKey("server.address")));
        assertEquals((long) agent.port(), s.getAttributes().get(AttributeKey.longKey("server.port")));
        assertEquals(n.streamId(), s.getAttributes().get(SpoeAttributes.STREAM_ID));
        assertEquals(n.frameId(), s.getAttributes().get(SpoeAttributes.FRAME_ID));
        assertEquals(StatusCode.UNSET, s.getStatus().getStatusCode());
    }

    @Test
    void failedExchangeIsAnErrorSpanWithItsCode() throws Exception {
        engine("20s");
        agent.enqueue(Response.fault(Fault.disconnect(42, "go away")));
        SpoeTransaction txn = session.newTransaction(request());
        SpoeResult r = txn.sendGroup("g").toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(298, r.errorCode());
        SpanData s = span("SPOE g");
        assertEquals("group", s.getAttributes().get(SpoeAttributes.KIND));
        assertEquals("failed", s.getAttributes().get(SpoeAttributes.OUTCOME));
        assertEquals(298L, s.getAttributes().get(SpoeAttributes.ERROR_CODE));
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals(1, s.getEvents().stream().filter(e -> e.getName().equals("exception")).count());
        assertTrue(s.getParentSpanContext().isValid() == false, "no current span: a root span");
    }

    @Test
    void timedOutAndSkippedExchangesAreSpansToo() throws Exception {
        engine("300ms");
        agent.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeTransaction txn = session.newTransaction(request());
        assertEquals(1, txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST).toCompletableFuture().get(30, TimeUnit.SECONDS)
                .errorCode());
        assertTrue(txn.sendGroup("g").toCompletableFuture().get(30, TimeUnit.SECONDS).skipped());
        SpanData timeout = span("SPOE on-frontend-http-request");
        assertEquals(1L, timeout.getAttributes().get(SpoeAttributes.ERROR_CODE));
        assertEquals(StatusCode.ERROR, timeout.getStatus().getStatusCode());
        SpanData skipped = span("SPOE g");
        assertEquals("skipped", skipped.getAttributes().get(SpoeAttributes.OUTCOME));
        assertEquals("disabled", skipped.getAttributes().get(SpoeAttributes.SKIP_REASON));
        assertNull(skipped.getAttributes().get(SpoeAttributes.SERVER));
    }
}

package io.spoe4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counted values after scripted exchanges with the testkit agent, one failure kind per test. */
class SpoeEngineMetricsTest {
    static final String CONF = """
            spoe-agent m-agent
                messages req
                groups g big
                option var-prefix m
                option set-on-error err
                timeout hello 60s
                timeout processing PROCESSING
                EXTRA
                use-backend agents
            spoe-message req
                args p=path
                event on-frontend-http-request
            spoe-message gm
                args m=method
            spoe-message bm
                args body=req.body
            spoe-group g
                messages gm
            spoe-group big
                messages bm
            """;
    static final String LONG = "20s";
    static final String SHORT = "300ms";
    static final String EVENT = "on-frontend-http-request";
    static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    private SpoaAgent agent(AgentHelloSpec hello) {
        return track(SpoaAgent.builder().hello(hello).build().start());
    }

    private SpoeEngine engine(String server, String timeout, String extra) {
        String conf = CONF.replace("PROCESSING", timeout).replace("EXTRA", extra);
        SpoeEngine engine = track(SpoeEngine.builder()
                .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", conf, null))
                .server(server).threads(1).failurePolicy(FailurePolicy.FAIL_OPEN).build());
        SpoeEngineMetrics.of(engine).bindTo(registry);
        return engine;
    }

    private SpoeTransaction txn(SpoeEngine engine) {
        SpoeSession session = track(engine.newSession(request("GET", "/", new byte[0])));
        return track(session.newTransaction(request("GET", "/p", new byte[0])));
    }

    static RequestAttributes request(String method, String uri, byte[] body) {
        try {
            return SimpleRequestAttributes.builder().client(InetAddress.getByName("192.0.2.10"), 40000)
                    .server(InetAddress.getByName("127.0.0.1"), 8080).method(method).uri(uri).httpVersion("1.1")
                    .header("Host", "example.org").requestBody(body).build();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static SpoeResult await(CompletionStage<SpoeResult> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private double exchanges(String kind, String name, String outcome, String reason, String code) {
        Counter c = registry.find("spoe4j.exchanges").tags("engine", "m-agent", "kind", kind, "name", name,
                "outcome", outcome, "reason", reason, "code", code).counter();
        return c == null ? 0 : c.count();
    }

    private double requests(String server, String outcome, String code) {
        Counter c = registry.find("spoe4j.requests").tags("engine", "m-agent", "server", server, "outcome", outcome,
                "code", code).counter();
        return c == null ? 0 : c.count();
    }

    private double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        assertTrue(g != null, name + " is registered");
        return g.value();
    }

    private static void eventually(String what, double expected, DoubleSupplier actual) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (actual.getAsDouble() != expected) {
            if (System.nanoTime() - end > 0) {
                fail(what + ": expected " + expected + ", got " + actual.getAsDouble());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void processedExchangeCountsTimesSizesAndConnections() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "score", TypedValue.uint32(7))));
        SpoeEngine engine = engine(agent.endpoint(), LONG, "");
        SpoeTransaction txn = txn(engine);
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertTrue(r.processed(), r::toString);
        String server = agent.endpoint();

        assertEquals(1, exchanges("event", EVENT, "processed", "none", "0"));
        Timer processing = registry.find("spoe4j.exchange.processing").tags("engine", "m-agent", "kind", "event",
                "name", EVENT, "outcome", "processed").timer();
        assertEquals(1, processing.count());
        assertTrue(processing.totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(1, requests(server, "replied", "0"));
        assertEquals(1, registry.find("spoe4j.request.duration").tags("server", server, "outcome", "replied").timer()
                .count());

        RecordedNotify notify = agent.takeNotify(WAIT);
        DistributionSummary notifySize = registry.find("spoe4j.notify.size").tags("server", server).summary();
        assertEquals(1, notifySize.count());
        assertEquals(notify.raw().length, notifySize.totalAmount(), "NOTIFY bytes on the wire");
        DistributionSummary ackSize = registry.find("spoe4j.ack.size").tags("server", server).summary();
        assertEquals(1, ackSize.count());
        // Length, type, flags and two one-byte ids (11 bytes), then set-var txn "score" uint32 7 (11 bytes).
        assertEquals(22, ackSize.totalAmount(), "ACK bytes on the wire");

        assertEquals(1, registry.find("spoe4j.connections.opened").tags("server", server).counter().count());
        assertEquals(1, gauge("spoe4j.connections", "server", server, "state", "ready"));
        assertEquals(0, gauge("spoe4j.connections", "server", server, "state", "connecting"));
        assertEquals(0, gauge("spoe4j.frames.inflight", "server", server));
        assertEquals(1, gauge("spoe4j.server.up", "server", server));
        assertEquals(0, gauge("spoe4j.queue.depth", "engine", "m-agent"));

        // An event without messages is skipped, and a group sent when the condition is false.
        SpoeResult none = await(txn.fire(SpoeEvent.ON_BACKEND_HTTP_REQUEST));
        assertEquals(SpoeResult.SkipReason.NO_MESSAGE, none.skipReason());
        assertEquals(1, exchanges("event", "on-backend-http-request", "skipped", "no_message", "0"));

        Timer total = registry.find("spoe4j.stream.total").tags("stream", "transaction").timer();
        assertEquals(0, total.count());
        txn.close();
        assertEquals(1, total.count(), "the transaction's total is recorded when it closes");
        assertEquals(processing.totalTime(TimeUnit.NANOSECONDS), total.totalTime(TimeUnit.NANOSECONDS), 1e3,
                "one processed exchange: total = its processing time");
    }

    @Test
    void timeoutIsFailedCode1AndDisablesLaterExchanges() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeEngine engine = engine(agent.endpoint(), SHORT, "");
        engine.connect().toCompletableFuture().join();
        SpoeTransaction txn = txn(engine);
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(1, r.errorCode());
        assertEquals(1, exchanges("event", EVENT, "failed", "none", "1"));
        assertEquals(1, registry.find("spoe4j.exchange.processing").tags("name", EVENT, "outcome", "failed").timer()
                .count());
        // The server the request waited on, or "none" when a loaded machine timed it out before the connection was ready.
        assertEquals(1, requests(r.error().server() == null ? "none" : agent.endpoint(), "failed", "1"));
        assertEquals(SpoeResult.SkipReason.DISABLED, await(txn.sendGroup("g")).skipReason());
        assertEquals(1, exchanges("group", "g", "skipped", "disabled", "0"));
    }

    @Test
    void agentDisconnectIsFailed256PlusStatusAndAClosedConnectionByTheAgent() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.enqueue(Response.fault(Fault.disconnect(42, "go away")));
        SpoeEngine engine = engine(agent.endpoint(), LONG, "");
        assertEquals(298, await(txn(engine).sendGroup("g")).errorCode());
        assertEquals(1, exchanges("group", "g", "failed", "none", "298"));
        assertEquals(1, requests(agent.endpoint(), "failed", "298"));
        eventually("connections closed with status 42 by the agent", 1, () -> {
            Counter c = registry.find("spoe4j.connections.closed").tags("server", agent.endpoint(), "status", "42",
                    "by", "agent").counter();
            return c == null ? 0 : c.count();
        });
    }

    @Test
    void socketClosedBeforeTheAckIsFailed257AndAnIoErrorClose() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.enqueue(Response.fault(Fault.closeSocket()));
        SpoeEngine engine = engine(agent.endpoint(), LONG, "");
        assertEquals(257, await(txn(engine).sendGroup("g")).errorCode());
        assertEquals(1, exchanges("group", "g", "failed", "none", "257"));
        eventually("connections closed with status 1 (EOF)", 1, () -> {
            Counter c = registry.find("spoe4j.connections.closed").tags("status", "1", "by", "client").counter();
            return c == null ? 0 : c.count();
        });
    }

    @Test
    void tooBigIsFailedCode3AndNothingIsSent() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        SpoeEngine engine = engine(agent.endpoint(), LONG, "max-frame-size 256\n    no option send-frag-payload");
        SpoeTransaction txn = track(track(engine.newSession(request("GET", "/", new byte[0])))
                .newTransaction(request("POST", "/", new byte[300])));
        assertEquals(3, await(txn.sendGroup("big")).errorCode());
        assertEquals(1, exchanges("group", "big", "failed", "none", "3"));
        assertEquals(null, registry.find("spoe4j.requests").counter(), "the client never saw it");
        assertEquals(0, agent.notifyCount());
    }

    @Test
    void interruptedIsFailedCode4() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.dispatcher(n -> Response.fault(Fault.stall()));
        SpoeTransaction txn = txn(engine(agent.endpoint(), LONG, ""));
        CompletionStage<SpoeResult> running = txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST);
        agent.takeNotify(WAIT);
        txn.close();
        assertEquals(4, await(running).errorCode());
        assertEquals(1, exchanges("event", EVENT, "failed", "none", "4"));
        Timer total = registry.find("spoe4j.stream.total").tags("stream", "transaction").timer();
        assertEquals(1, total.count(), "the interrupted exchange counts in the transaction's total");
    }

    @Test
    void unreachableAgentCountsFailedConnections() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String server = "127.0.0.1:" + port;
        SpoeEngine engine = engine(server, LONG, "");
        SpoeResult r = await(txn(engine).sendGroup("g"));
        assertTrue(r.failed(), r::toString);
        assertTrue(registry.find("spoe4j.connections.failed").tags("server", server).counter().count() >= 1);
        assertEquals(1, exchanges("group", "g", "failed", "none", Integer.toString(r.errorCode())));
        assertEquals(0, gauge("spoe4j.connections", "server", server, "state", "ready"));
    }

    @Test
    void maxerrrateSkipsAreCountedAsRateLimitAndThrottled() {
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        agent.dispatcher(n -> Response.fault(Fault.closeSocket()));
        SpoeEngine engine = engine(agent.endpoint(), LONG, "maxerrrate 1");
        boolean skipped = false;
        for (int attempt = 0; attempt < 10 && !skipped; attempt++) {
            await(txn(engine).sendGroup("g"));
            skipped = await(txn(engine).sendGroup("g")).skipped();
        }
        assertTrue(skipped, "no request was skipped after 10 errors with maxerrrate 1");
        assertTrue(exchanges("group", "g", "skipped", "rate_limit", "0") >= 1);
        FunctionCounter throttled = registry.find("spoe4j.throttled").tags("limit", "maxerrrate").functionCounter();
        assertEquals(exchanges("group", "g", "skipped", "rate_limit", "0"), throttled.count());
    }

    @Test
    void maxconnrateRefusalsAreThrottled() {
        // Without pipelining a connection carries one request: the second concurrent one needs another connection.
        SpoaAgent agent = agent(AgentHelloSpec.standard().withCapabilities());
        agent.dispatcher(n -> Response.empty().delay(Duration.ofMillis(50)));
        SpoeEngine engine = engine(agent.endpoint(), LONG, "maxconnrate 1");
        engine.connect().toCompletableFuture().join();
        List<CompletionStage<SpoeResult>> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(txn(engine).sendGroup("g"));
        }
        all.forEach(s -> assertTrue(await(s).processed()));
        assertTrue(registry.find("spoe4j.throttled").tags("limit", "maxconnrate").functionCounter().count() >= 1);
        assertEquals(3, exchanges("group", "g", "processed", "none", "0"));
    }

    @Test
    void prometheusRendersMicrometerNames() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SpoaAgent agent = agent(AgentHelloSpec.standard());
        SpoeEngine engine = engine(agent.endpoint(), LONG, "");
        SpoeEngineMetrics.of(engine, SpoeMetricsOptions.builder()
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50)).build()).bindTo(prometheus);
        assertTrue(await(txn(engine).fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)).processed());
        String text = prometheus.scrape();
        assertTrue(text.contains("spoe4j_exchanges_total{code=\"0\",engine=\"m-agent\",kind=\"event\","
                + "name=\"on-frontend-http-request\",outcome=\"processed\",reason=\"none\"} 1.0"), text);
        assertTrue(text.contains("spoe4j_exchange_processing_seconds_bucket{"), text);
        assertTrue(text.contains("le=\"0.05\""), "the configured SLO bucket: " + text);
        assertTrue(text.contains("spoe4j_connections{engine=\"m-agent\",server=\"" + agent.endpoint()
                + "\",state=\"ready\"} 1"), text);
        assertTrue(text.contains("spoe4j_notify_size_bytes_count"), text);
    }

    @Test
    void optionsRejectBadValuesNamingTheOption() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SpoeMetricsOptions.builder().serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(1)));
        assertTrue(e.getMessage().startsWith("serviceLevelObjectives"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SpoeMetricsOptions.builder().tags(io.micrometer.core.instrument.Tags.of("engine", "x")));
        assertTrue(e.getMessage().startsWith("tags"), e.getMessage());
    }
}

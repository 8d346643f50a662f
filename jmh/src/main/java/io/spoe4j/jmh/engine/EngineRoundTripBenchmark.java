package io.spoe4j.jmh.engine;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.config.SpoeEvent;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.spoe4j.jmh.samples.CorazaWorkload;
import io.spoe4j.micrometer.SpoeEngineMetrics;
import io.spoe4j.opentelemetry.SpoeTracing;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gateway asks of the engine per HTTP request, minus HTTP: a transaction on an open
 * session fires {@code on-frontend-http-request}, the engine evaluates the Coraza-like message,
 * sends the NOTIFY over loopback to the testkit agent (same JVM, empty ACK) and applies the
 * answer. One request at a time, so this is the engine's share of the per-request latency.
 * {@code listener}: {@code none} (nothing listens: the hooks are a no-op constant), {@code micrometer}
 * ({@link SpoeEngineMetrics} on a Prometheus registry with the default SLO buckets) or {@code otel}
 * (a span per exchange, SDK tracer sampling everything, ended spans handed to a no-op exporter).
 * {@code agent}: {@code jvm} runs the agent in this JVM (B/op then counts the agent's decoding too;
 * {@code -prof io.spoe4j.jmh.ThreadAllocProfiler} splits it by thread), {@code process} in a JVM of
 * its own ({@link AgentProcess}: B/op is the engine's alone, as in a deployment). {@code ack}:
 * {@code empty} ACKs, or {@code vars}, five set-var actions applied to the variable stores.
 *
 * <p>{@code frontendHttpRequest} fires from the benchmark thread, so each exchange also pays a foreign
 * caller's hand-off to the engine's event loop (a task, a timer, a write task, the waiting thread's
 * signaller). {@code frontendHttpRequestFromLoop} fires as the gateway does, from the engine's own event
 * loop: {@value #BATCH} exchanges one after the other, each started by the previous one's completion,
 * per invocation, so the one hand-off per batch is amortised.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineRoundTripBenchmark {
    private SpoaAgent agent;
    private AgentProcess agentProcess;
    private SpoeEngine engine;
    private SpoeSession session;
    private RequestAttributes request;
    private OpenTelemetrySdk otel;
    private EventLoopGroup group;
    private EventLoop loop;

    static final int BATCH = 100;

    @Param({"none", "micrometer", "otel"})
    public String listener;

    @Param({"jvm", "process"})
    public String agentIn;

    @Param({"empty", "vars"})
    public String ack;

    @Setup
    public void setup() throws Exception {
        boolean vars = ack.equals("vars");
        String endpoint;
        if (agentIn.equals("process")) {
            agentProcess = AgentProcess.start(vars);
            endpoint = agentProcess.endpoint();
        } else {
            SpoaAgent.Builder b = SpoaAgent.builder().threads(1).recordNotifies(false);
            if (vars) {
                Response r = Response.actions(AgentProcess.ACTIONS);
                b.dispatcher(n -> r);
            }
            agent = b.build().start();
            endpoint = agent.endpoint();
        }
        group = new MultiThreadIoEventLoopGroup(1, Epoll.isAvailable() ? EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
        loop = group.next();
        engine = SpoeEngine.builder().config(CorazaWorkload.engineConfig()).server(endpoint).eventLoopGroup(group)
                .build();
        if (listener.equals("micrometer")) {
            SpoeEngineMetrics.of(engine).bindTo(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        } else if (listener.equals("otel")) {
            otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()).build();
            SpoeTracing.create(otel).instrument(engine);
        }
        request = CorazaWorkload.request();
        session = engine.newSession(request);
        // The first exchanges open the connection and may exceed the 500 ms processing timeout
        // while the JIT warms up; the benchmark needs one that reaches the agent.
        SpoeResult r = fire();
        for (int attempt = 1; r.status() != SpoeResult.Status.PROCESSED && attempt < 20; attempt++) {
            r = fire();
        }
        if (r.status() != SpoeResult.Status.PROCESSED) {
            throw new IllegalStateException("the engine should reach the agent: " + r);
        }
        if (r.applied().size() != (vars ? AgentProcess.ACTIONS.size() : 0)) {
            throw new IllegalStateException("unexpected variables applied: " + r);
        }
    }

    private SpoeResult fire() throws Exception {
        SpoeTransaction tx = session.newTransaction(request);
        try {
            return tx.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            tx.close();
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        session.close();
        engine.close();
        if (agent != null) {
            agent.close();
        }
        if (agentProcess != null) {
            agentProcess.close();
        }
        if (otel != null) {
            otel.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Benchmark
    public SpoeResult frontendHttpRequest() throws Exception {
        return fire();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public SpoeResult frontendHttpRequestFromLoop() throws Exception {
        CompletableFuture<SpoeResult> last = new CompletableFuture<>();
        loop.execute(() -> fireOnLoop(BATCH, last));
        return last.get(10, TimeUnit.SECONDS);
    }

    /** One exchange on the loop; its completion (on the loop too) starts the next. */
    private void fireOnLoop(int remaining, CompletableFuture<SpoeResult> last) {
        SpoeTransaction tx = session.newTransaction(request);
        tx.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST).whenComplete((r, e) -> {
            tx.close();
            if (e != null) {
                last.completeExceptionally(e);
            } else if (r.status() != SpoeResult.Status.PROCESSED) {
                last.completeExceptionally(new IllegalStateException("not processed: " + r));
            } else if (remaining == 1) {
                last.complete(r);
            } else {
                fireOnLoop(remaining - 1, last);
            }
        });
    }
}

package io.spoe4j.jmh.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngineListener;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.micrometer.SpoeMetricsOptions;
import io.spoe4j.micrometer.internal.MetricsListener;
import io.spoe4j.opentelemetry.internal.TracingListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The listener calls the engine and its client make for one processed exchange on a ready
 * connection (started, NOTIFY sent, ACK received, replied, ended, transaction closed), without the
 * exchange itself: the cost a listener adds per exchange. {@code none} is the no-op constant an
 * engine calls when nothing listens; {@code micrometer} the meter binder's listener on a
 * Prometheus registry with the default SLO buckets; {@code otel} the tracing listener with the
 * SDK sampling everything and a no-op exporter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExchangeListenerBenchmark {
    private static final String ENGINE = "coraza";
    private static final String EVENT = "on-frontend-http-request";
    private static final String SERVER = "127.0.0.1:9000";

    @Param({"none", "micrometer", "otel"})
    public String listener;

    private SpoeEngineListener l;
    private OpenTelemetrySdk otel;
    private SpoeResult result;
    private AgentReply reply;

    @Setup
    public void setup() {
        switch (listener) {
            case "none" -> l = SpoeEngineListener.NOOP;
            case "micrometer" -> l = new MetricsListener(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), ENGINE,
                    SpoeMetricsOptions.defaults());
            case "otel" -> {
                otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()).build();
                l = new TracingListener(otel.getTracer("bench"), List.of(AgentServer.of(SERVER)));
            }
            default -> throw new IllegalArgumentException(listener);
        }
        reply = new AgentReply(List.of(), SERVER, 1, 1, 2_000, 40_000);
        result = SpoeResult.builder().engine(ENGINE).event(EVENT).processed().messages(List.of("coraza-req"))
                .payload(SpoeResult.Payload.FITS, 5_800).server(SERVER).ids(1, 1).times(0, 0)
                .policy(FailurePolicy.FAIL_OPEN).build();
    }

    @TearDown
    public void tearDown() {
        if (otel != null) {
            otel.close();
        }
    }

    @Benchmark
    public Object processedExchange() {
        SpoeEngineListener x = l;
        Object context = x.exchangeStarted(ENGINE, SpoeResult.Kind.EVENT, EVENT);
        x.notifySent(SERVER, 1, 1, 5_900);
        x.ackReceived(SERVER, 1, 1, 22);
        x.replied(reply);
        x.exchangeEnded(result, 40_000, context);
        x.streamClosed(ENGINE, false, 1, 40_000);
        return context;
    }
}

package io.spoe4j.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeEngineListener;
import java.util.Objects;

/**
 * OpenTelemetry tracing of spoe4j engines: one CLIENT span per SPOE exchange (one event or group
 * of one transaction or session), a child of the context current where the event was fired or
 * the group sent, carrying the engine, the event or group, the agent server and its address, the
 * NOTIFY's stream-id and frame-id, the outcome and the set-on-error code. Thread-safe.
 * {@code SpoeTracing.create(openTelemetry).instrument(engine);}
 */
public final class SpoeTracing {
    /** The instrumentation scope name of the tracer. */
    public static final String INSTRUMENTATION_NAME = "io.spoe4j";

    private final Tracer tracer;

    private SpoeTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    public static SpoeTracing create(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return new SpoeTracing(openTelemetry.getTracer(INSTRUMENTATION_NAME));
    }

    /** Traces the exchanges of {@code engine} from now on; returns it. */
    public SpoeEngine instrument(SpoeEngine engine) {
        engine.addListener(listener(engine));
        return engine;
    }

    /** The listener {@link #instrument} adds, for callers that register it themselves. */
    public SpoeEngineListener listener(SpoeEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return new io.spoe4j.opentelemetry.internal.TracingListener(tracer, engine.client().servers());
    }
}

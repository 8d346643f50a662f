package io.spoe4j.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.micrometer.internal.MetricsListener;
import java.util.Objects;

/**
 * Micrometer meters of one {@link SpoeEngine}, tagged {@code engine=<name>}: exchanges by event or
 * group and outcome, processing and total times, and everything {@link SpoeClientMetrics} measures
 * of its agent connections. {@code SpoeEngineMetrics.of(engine).bindTo(registry);}
 *
 * <p>Each {@link #bindTo} adds a listener to the engine; bind once per registry (use a composite
 * registry for several). Thread-safe.
 */
public final class SpoeEngineMetrics implements MeterBinder {
    private final SpoeEngine engine;
    private final SpoeMetricsOptions options;

    private SpoeEngineMetrics(SpoeEngine engine, SpoeMetricsOptions options) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.options = Objects.requireNonNull(options, "options");
    }

    public static SpoeEngineMetrics of(SpoeEngine engine) {
        return new SpoeEngineMetrics(engine, SpoeMetricsOptions.defaults());
    }

    public static SpoeEngineMetrics of(SpoeEngine engine, SpoeMetricsOptions options) {
        return new SpoeEngineMetrics(engine, options);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MetricsListener listener = new MetricsListener(registry, engine.name(), options);
        listener.registerGauges(engine.client());
        engine.addListener(listener);
    }
}

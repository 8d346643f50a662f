package io.spoe4j.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.micrometer.internal.MetricsListener;
import java.util.Objects;

/**
 * Micrometer meters of a bare {@link SpoeClient} (one used without an engine), tagged
 * {@code engine=<name>}: requests by server and outcome with their durations, NOTIFY and ACK sizes,
 * connections opened, failed and closed by DISCONNECT status, throttling, and gauges of connections
 * per server and state, frames in flight, queue depth and health-check state.
 * {@code SpoeClientMetrics.of(client, "coraza").bindTo(registry);}
 *
 * <p>Each {@link #bindTo} adds a listener to the client; bind once per registry. Thread-safe.
 */
public final class SpoeClientMetrics implements MeterBinder {
    private final SpoeClient client;
    private final String name;
    private final SpoeMetricsOptions options;

    private SpoeClientMetrics(SpoeClient client, String name, SpoeMetricsOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @param name the value of the {@code engine} tag */
    public static SpoeClientMetrics of(SpoeClient client, String name) {
        return new SpoeClientMetrics(client, name, SpoeMetricsOptions.defaults());
    }

    public static SpoeClientMetrics of(SpoeClient client, String name, SpoeMetricsOptions options) {
        return new SpoeClientMetrics(client, name, options);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MetricsListener listener = new MetricsListener(registry, name, options);
        listener.registerGauges(client);
        client.addListener(listener);
    }
}

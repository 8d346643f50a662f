package io.spoe4j.micrometer.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.ClientStatus;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeEngineListener;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.micrometer.SpoeMetricsOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The listener behind the spoe4j meter binders: turns engine and client events into meters of one
 * registry. Meters are looked up once per (event or group) and per server and kept in maps, so a
 * processed exchange costs map reads and meter updates, no registry lookup. Thread-safe.
 */
public final class MetricsListener implements SpoeEngineListener {
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final SpoeMetricsOptions options;
    private final Tags base;
    private final Duration[] slos;
    private final double[] sizeSlos;
    private final ConcurrentHashMap<String, NameMeters> events = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NameMeters> groups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ServerMeters> servers = new ConcurrentHashMap<>();
    private final Timer transactionTotal;
    private final Timer sessionTotal;

    public MetricsListener(MeterRegistry registry, String engine, SpoeMetricsOptions options) {
        this.registry = registry;
        this.options = options;
        this.base = options.tags().and("engine", engine);
        this.slos = options.serviceLevelObjectives().toArray(new Duration[0]);
        this.sizeSlos = options.sizeServiceLevelObjectives().stream().mapToDouble(Long::doubleValue).toArray();
        this.transactionTotal = streamTimer("transaction");
        this.sessionTotal = streamTimer("session");
    }

    private Timer streamTimer(String stream) {
        return timer("spoe4j.stream.total", "total processing time of a transaction's or session's exchanges"
                + " when it closes (HAProxy's set-total-time)", base.and("stream", stream));
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(slos)
                .publishPercentileHistogram(options.percentileHistogram()).register(registry);
    }

    private DistributionSummary size(String name, String description, Tags tags) {
        return DistributionSummary.builder(name).description(description).baseUnit("bytes").tags(tags)
                .serviceLevelObjectives(sizeSlos).publishPercentileHistogram(options.percentileHistogram())
                .register(registry);
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    // ------------------------------------------------------------------ gauges

    /** Gauges and throttling counters read from the client's {@link SpoeClient#status()} at each scrape. */
    public void registerGauges(SpoeClient client) {
        for (AgentServer s : client.servers()) {
            String server = s.name();
            Tags tags = base.and("server", server);
            connections(client, server, tags, "connecting", st -> st.connecting());
            connections(client, server, tags, "ready", st -> st.ready());
            connections(client, server, tags, "closing", st -> st.closing());
            Gauge.builder("spoe4j.frames.inflight", client, serverValue(server, st -> st.inFlight()))
                    .description("NOTIFY frames reserved or waiting for their ACK").tags(tags).register(registry);
            Gauge.builder("spoe4j.server.up", client, serverValue(server, st -> st.up() ? 1 : 0))
                    .description("1 when the health checks (or the initial state) say the server is up, else 0")
                    .tags(tags).register(registry);
        }
        Gauge.builder("spoe4j.queue.depth", client, c -> c.status().queued())
                .description("requests waiting for a connection slot").tags(base).register(registry);
        FunctionCounter.builder("spoe4j.throttled", client, c -> c.status().connRateRefusals())
                .description("connections not opened (maxconnrate) or requests skipped (maxerrrate) by a rate limit")
                .tags(base.and("limit", "maxconnrate")).register(registry);
        FunctionCounter.builder("spoe4j.throttled", client, c -> c.status().errRateSkips())
                .description("connections not opened (maxconnrate) or requests skipped (maxerrrate) by a rate limit")
                .tags(base.and("limit", "maxerrrate")).register(registry);
    }

    private void connections(SpoeClient client, String server, Tags tags, String state,
            ToDoubleFunction<ClientStatus.ServerStatus> f) {
        Gauge.builder("spoe4j.connections", client, serverValue(server, f))
                .description("agent connections by state: connecting (TCP or HELLO), ready, closing")
                .tags(tags.and("state", state)).register(registry);
    }

    private static ToDoubleFunction<SpoeClient> serverValue(String server, ToDoubleFunction<ClientStatus.ServerStatus> f) {
        return c -> {
            ClientStatus.ServerStatus st = c.status().server(server);
            return st == null ? 0 : f.applyAsDouble(st);
        };
    }

    // ------------------------------------------------------------------ engine events

    @Override
    public void exchangeEnded(SpoeResult result, long processNanos, Object context) {
        NameMeters m = meters(result.kind(), result.name());
        switch (result.status()) {
            case PROCESSED -> {
                m.processed.increment();
                if (processNanos >= 0) {
                    m.processedTime.record(processNanos, TimeUnit.NANOSECONDS);
                }
            }
            case SKIPPED -> m.skipped(result.skipReason()).increment();
            case FAILED -> {
                m.failed(result.errorCode()).increment();
                if (processNanos >= 0) {
                    m.failedTime.record(processNanos, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    @Override
    public void streamClosed(String engine, boolean session, int exchanges, long totalNanos) {
        if (exchanges > 0) {
            (session ? sessionTotal : transactionTotal).record(totalNanos, TimeUnit.NANOSECONDS);
        }
    }

    private NameMeters meters(SpoeResult.Kind kind, String name) {
        ConcurrentHashMap<String, NameMeters> map = kind == SpoeResult.Kind.EVENT ? events : groups;
        NameMeters m = map.get(name);
        if (m == null) {
            m = map.computeIfAbsent(name, n -> new NameMeters(base.and("kind", kind == SpoeResult.Kind.EVENT ? "event"
                    : "group", "name", n)));
        }
        return m;
    }

    /** The meters of one event or group. */
    private final class NameMeters {
        private static final String EXCHANGES = "spoe4j.exchanges";
        private static final String EXCHANGES_HELP = "SPOE exchanges (one event or group of one stream) by outcome:"
                + " processed, skipped with its reason, failed with its set-on-error code";
        private static final String PROCESSING = "spoe4j.exchange.processing";
        private static final String PROCESSING_HELP = "processing time of an exchange (HAProxy's set-process-time)";

        final Tags tags;
        final Counter processed;
        final Timer processedTime;
        final Timer failedTime;
        final Counter[] skipped = new Counter[SpoeResult.SkipReason.values().length];
        final ConcurrentHashMap<Integer, Counter> failed = new ConcurrentHashMap<>();

        NameMeters(Tags tags) {
            this.tags = tags;
            this.processed = counter(EXCHANGES, EXCHANGES_HELP, tags.and("outcome", "processed", "reason", NONE,
                    "code", "0"));
            this.processedTime = timer(PROCESSING, PROCESSING_HELP, tags.and("outcome", "processed"));
            this.failedTime = timer(PROCESSING, PROCESSING_HELP, tags.and("outcome", "failed"));
        }

        Counter skipped(SpoeResult.SkipReason reason) {
            Counter c = skipped[reason.ordinal()];
            if (c == null) {
                // A race registers the same meter twice: the registry returns the one it has.
                c = counter(EXCHANGES, EXCHANGES_HELP, tags.and("outcome", "skipped", "reason",
                        reason.name().toLowerCase(Locale.ROOT), "code", "0"));
                skipped[reason.ordinal()] = c;
            }
            return c;
        }

        Counter failed(int code) {
            return failed.computeIfAbsent(code, k -> counter(EXCHANGES, EXCHANGES_HELP, tags.and("outcome", "failed",
                    "reason", NONE, "code", Integer.toString(k))));
        }
    }

    // ------------------------------------------------------------------ client events

    private ServerMeters server(String name) {
        String key = name == null ? NONE : name;
        ServerMeters m = servers.get(key);
        if (m == null) {
            m = servers.computeIfAbsent(key, n -> new ServerMeters(base.and("server", n)));
        }
        return m;
    }

    @Override
    public void connected(String server) {
        server(server).opened.increment();
    }

    @Override
    public void connectFailed(String server, Throwable cause) {
        server(server).connectFailed.increment();
    }

    @Override
    public void disconnected(String server, long status, String reason, boolean byAgent) {
        server(server).closed(status, byAgent).increment();
    }

    @Override
    public void notifySent(String server, long streamId, long frameId, int frameBytes) {
        server(server).notifySize.record(frameBytes);
    }

    @Override
    public void ackReceived(String server, long streamId, long frameId, int frameBytes) {
        if (frameBytes >= 0) {
            server(server).ackSize.record(frameBytes);
        }
    }

    @Override
    public void replied(AgentReply reply) {
        ServerMeters m = server(reply.server());
        m.replied.increment();
        m.repliedTime.record(reply.totalNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void requestFailed(SpoeClientException error, long streamId, long frameId, long elapsedNanos) {
        ServerMeters m = server(error.server());
        m.failed(error.errorCode()).increment();
        m.failedTime.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /** The meters of one agent server ({@code none} for requests that never reached one). */
    private final class ServerMeters {
        private static final String REQUESTS = "spoe4j.requests";
        private static final String REQUESTS_HELP = "NOTIFY requests of the agent client by outcome: replied (ACK)"
                + " or failed with its set-on-error code";
        private static final String DURATION = "spoe4j.request.duration";
        private static final String DURATION_HELP = "time from the send call to the ACK or the failure, queueing"
                + " and connecting included";
        private static final String CLOSED = "spoe4j.connections.closed";

        final Tags tags;
        final Counter opened;
        final Counter connectFailed;
        final DistributionSummary notifySize;
        final DistributionSummary ackSize;
        final Counter replied;
        final Timer repliedTime;
        final Timer failedTime;
        final ConcurrentHashMap<Integer, Counter> failed = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Long, Counter> closed = new ConcurrentHashMap<>();

        ServerMeters(Tags tags) {
            this.tags = tags;
            this.opened = counter("spoe4j.connections.opened", "agent connections established (TCP or Unix socket)",
                    tags);
            this.connectFailed = counter("spoe4j.connections.failed", "agent connections that could not be"
                    + " established", tags);
            this.notifySize = size("spoe4j.notify.size", "NOTIFY frame sizes on the wire", tags);
            this.ackSize = size("spoe4j.ack.size", "ACK frame sizes on the wire", tags);
            this.replied = counter(REQUESTS, REQUESTS_HELP, tags.and("outcome", "replied", "code", "0"));
            this.repliedTime = timer(DURATION, DURATION_HELP, tags.and("outcome", "replied"));
            this.failedTime = timer(DURATION, DURATION_HELP, tags.and("outcome", "failed"));
        }

        Counter failed(int code) {
            return failed.computeIfAbsent(code, k -> counter(REQUESTS, REQUESTS_HELP, tags.and("outcome", "failed",
                    "code", Integer.toString(k))));
        }

        Counter closed(long status, boolean byAgent) {
            long key = status * 2 + (byAgent ? 1 : 0);
            return closed.computeIfAbsent(key, k -> counter(CLOSED, "agent connections closed, by the DISCONNECT"
                    + " status sent or received (0 normal, 1 I/O error or EOF) and who closed", tags.and("status",
                    Long.toString(status), "by", byAgent ? "agent" : "client")));
        }
    }
}

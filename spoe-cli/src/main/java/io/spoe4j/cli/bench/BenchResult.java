package io.spoe4j.cli.bench;

import io.spoe4j.codec.Message;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What one {@code spoe4j bench} run measured: counts, errors by status, the latency histogram
 * (from the intended send time when a rate was set), the service-time histogram (from the actual
 * send, only with a rate) and the connections opened. Formats itself as text or one JSON object.
 * Immutable once built (the histograms are private copies).
 */
public record BenchResult(LoadGenerator.Settings settings, long ok, Map<String, Long> errors, long incomplete,
        long elapsedNanos, Histogram latency, Histogram serviceTime, long connectionsOpened, long connectFailures,
        long handshakes) {

    /** The percentiles printed, as HdrHistogram percentiles. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] LABELS = {"p50", "p90", "p99", "p99.9"};

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public long completed() {
        return ok + errorCount();
    }

    public double throughput() {
        return completed() * 1e9 / elapsedNanos;
    }

    public String text() {
        LoadGenerator.Settings s = settings;
        StringBuilder b = new StringBuilder(512);
        b.append("spoe4j bench ").append(s.server().name()).append(": ").append(messageNames()).append(", ")
                .append(s.connections()).append(" connection(s), concurrency ").append(s.concurrency())
                .append(", pipelining ").append(s.pipelining() ? "on" : "off");
        if (s.rate() > 0) {
            b.append(", rate ").append(num(s.rate())).append("/s");
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "requests:    %d in %.3fs = %.1f/s (ok %d, errors %d%s)%n", completed(),
                elapsedNanos / 1e9, throughput(), ok, errorCount(),
                incomplete > 0 ? ", unfinished " + incomplete : ""));
        b.append(latencyLine("latency:     ", latency));
        if (s.rate() > 0) {
            b.append("             (from the intended send time at the given rate: coordinated-omission corrected)\n");
            b.append(latencyLine("service:     ", serviceTime));
        }
        if (errors.isEmpty()) {
            b.append("errors:      none\n");
        } else {
            b.append("errors:\n");
            errors.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        b.append("connections: ").append(connectionsOpened).append(" opened, ").append(handshakes)
                .append(" handshaken, ").append(connectFailures).append(" failed to open\n");
        return b.toString();
    }

    private static String latencyLine(String head, Histogram h) {
        StringBuilder b = new StringBuilder(head);
        for (int i = 0; i < PERCENTILES.length; i++) {
            b.append(LABELS[i]).append(' ').append(micros(h.getValueAtPercentile(PERCENTILES[i]))).append("us  ");
        }
        b.append("max ").append(micros(h.getMaxValue())).append("us\n");
        return b.toString();
    }

    public String json() {
        LoadGenerator.Settings s = settings;
        StringBuilder b = new StringBuilder(512);
        b.append('{');
        field(b, "address", str(s.server().name())).append(',');
        field(b, "messages", s.messages().stream().map(m -> str(m.name())).collect(Collectors.joining(",", "[", "]")))
                .append(',');
        field(b, "connections", Integer.toString(s.connections())).append(',');
        field(b, "concurrency", Integer.toString(s.concurrency())).append(',');
        field(b, "pipelining", Boolean.toString(s.pipelining())).append(',');
        field(b, "rate", s.rate() > 0 ? num(s.rate()) : "null").append(',');
        field(b, "elapsed_s", String.format(Locale.ROOT, "%.6f", elapsedNanos / 1e9)).append(',');
        field(b, "requests", Long.toString(completed())).append(',');
        field(b, "ok", Long.toString(ok)).append(',');
        field(b, "errors", Long.toString(errorCount())).append(',');
        field(b, "unfinished", Long.toString(incomplete)).append(',');
        field(b, "errors_by_status", errors.entrySet().stream().map(e -> str(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"))).append(',');
        field(b, "throughput_rps", String.format(Locale.ROOT, "%.1f", throughput())).append(',');
        field(b, "latency_us", histogramJson(latency)).append(',');
        field(b, "coordinated_omission_corrected", Boolean.toString(s.rate() > 0)).append(',');
        field(b, "service_time_us", serviceTime == null ? "null" : histogramJson(serviceTime)).append(',');
        field(b, "connections_opened", Long.toString(connectionsOpened)).append(',');
        field(b, "handshakes", Long.toString(handshakes)).append(',');
        field(b, "connect_failures", Long.toString(connectFailures));
        return b.append('}').toString();
    }

    private static String histogramJson(Histogram h) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < PERCENTILES.length; i++) {
            b.append(str(LABELS[i])).append(':').append(micros(h.getValueAtPercentile(PERCENTILES[i]))).append(',');
        }
        return b.append("\"max\":").append(micros(h.getMaxValue())).append('}').toString();
    }

    private String messageNames() {
        return settings.messages().stream().map(Message::name).collect(Collectors.joining("+", "message ", ""));
    }

    private static StringBuilder field(StringBuilder b, String name, String json) {
        return b.append('"').append(name).append("\":").append(json);
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

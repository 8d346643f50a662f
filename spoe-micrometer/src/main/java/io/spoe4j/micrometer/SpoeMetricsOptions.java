package io.spoe4j.micrometer;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How the spoe4j meter binders shape their meters: the SLO buckets of the timers and of the
 * NOTIFY/ACK size summaries, whether percentile histograms are published, and extra common tags.
 * Immutable; the builder validates each value when it is set.
 * {@code SpoeMetricsOptions.builder().serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(50)).build()}
 */
public final class SpoeMetricsOptions {
    /** Timer SLO buckets by default: 1, 2, 5, 10, 20, 50, 100, 200, 500 ms and 1 s. */
    public static final List<Duration> DEFAULT_SLOS = List.of(Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1));
    /** Frame size buckets by default, in bytes: 64, 256, 1024, 4096, 16384 (HAProxy's default max-frame-size). */
    public static final List<Long> DEFAULT_SIZE_SLOS = List.of(64L, 256L, 1024L, 4096L, 16384L);
    /** Percentile histograms are off by default: the SLO buckets are the histogram. */
    public static final boolean DEFAULT_PERCENTILE_HISTOGRAM = false;
    /** Tag keys the binders set themselves, which extra tags may not use. */
    public static final List<String> RESERVED_TAG_KEYS = List.of("engine", "kind", "name", "outcome", "reason", "code",
            "server", "state", "status", "by", "limit", "stream");

    private static final SpoeMetricsOptions DEFAULTS = builder().build();

    private final List<Duration> slos;
    private final List<Long> sizeSlos;
    private final boolean percentileHistogram;
    private final Tags tags;

    private SpoeMetricsOptions(Builder b) {
        this.slos = List.copyOf(b.slos);
        this.sizeSlos = List.copyOf(b.sizeSlos);
        this.percentileHistogram = b.percentileHistogram;
        this.tags = b.tags;
    }

    public static SpoeMetricsOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** SLO buckets of every timer, ascending. */
    public List<Duration> serviceLevelObjectives() {
        return slos;
    }

    /** SLO buckets of the NOTIFY and ACK size summaries, in bytes, ascending. */
    public List<Long> sizeServiceLevelObjectives() {
        return sizeSlos;
    }

    public boolean percentileHistogram() {
        return percentileHistogram;
    }

    /** Tags added to every meter. */
    public Tags tags() {
        return tags;
    }

    /** Sets {@link SpoeMetricsOptions}; see the constants for the defaults. Not thread-safe. */
    public static final class Builder {
        private List<Duration> slos = DEFAULT_SLOS;
        private List<Long> sizeSlos = DEFAULT_SIZE_SLOS;
        private boolean percentileHistogram = DEFAULT_PERCENTILE_HISTOGRAM;
        private Tags tags = Tags.empty();

        private Builder() {
        }

        /** Timer SLO buckets: positive, strictly ascending; none at all is allowed. */
        public Builder serviceLevelObjectives(Duration... slos) {
            Objects.requireNonNull(slos, "serviceLevelObjectives");
            Duration previous = Duration.ZERO;
            for (Duration d : slos) {
                Objects.requireNonNull(d, "serviceLevelObjectives element");
                if (d.compareTo(previous) <= 0) {
                    throw new IllegalArgumentException("serviceLevelObjectives must be positive and strictly ascending,"
                            + " got " + Arrays.toString(slos));
                }
                previous = d;
            }
            this.slos = List.of(slos);
            return this;
        }

        /** Size SLO buckets in bytes: positive, strictly ascending; none at all is allowed. */
        public Builder sizeServiceLevelObjectives(long... bytes) {
            Objects.requireNonNull(bytes, "sizeServiceLevelObjectives");
            List<Long> out = new ArrayList<>(bytes.length);
            long previous = 0;
            for (long b : bytes) {
                if (b <= previous) {
                    throw new IllegalArgumentException("sizeServiceLevelObjectives must be positive and strictly"
                            + " ascending, got " + Arrays.toString(bytes));
                }
                previous = b;
                out.add(b);
            }
            this.sizeSlos = out;
            return this;
        }

        /** Publishes Micrometer's percentile histogram on every timer and size summary. */
        public Builder percentileHistogram(boolean on) {
            this.percentileHistogram = on;
            return this;
        }

        /** Common tags for every meter; keys the binders use themselves are rejected. */
        public Builder tags(Iterable<Tag> tags) {
            Objects.requireNonNull(tags, "tags");
            for (Tag t : tags) {
                if (RESERVED_TAG_KEYS.contains(t.getKey())) {
                    throw new IllegalArgumentException("tags: key '" + t.getKey() + "' is set by the binder (reserved: "
                            + RESERVED_TAG_KEYS + ")");
                }
            }
            this.tags = Tags.of(tags);
            return this;
        }

        public SpoeMetricsOptions build() {
            return new SpoeMetricsOptions(this);
        }
    }
}

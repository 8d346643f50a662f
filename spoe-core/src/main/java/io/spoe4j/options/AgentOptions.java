package io.spoe4j.options;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Per-agent protocol options, the {@code spoe-agent} section's connection knobs: what the HELLO
 * announces and the timeouts of one connection and one request. Immutable; build with
 * {@link #builder()} (the Java API's defaults) or {@link #haproxyBuilder()} (HAProxy's defaults,
 * what a {@code spoe.conf} starts from). Each setter rejects a bad value at once with a message
 * naming the option; the config reader sets values through the same builder.
 */
public record AgentOptions(int maxFrameSize, int maxWaitingFrames, boolean pipelining, boolean async,
        boolean sendFragPayload, Duration helloTimeout, Duration idleTimeout, Duration connectTimeout,
        Duration processingTimeout, String engineId) {

    /** The max-frame-size HAProxy announces by default: {@code tune.bufsize} 16384 less the 4-byte length. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16380;
    /** Smallest max-frame-size SPOP allows. */
    public static final int MIN_MAX_FRAME_SIZE = 256;
    /** Largest max-frame-size accepted: HAProxy's tune.bufsize upper bound less the length prefix. */
    public static final int MAX_MAX_FRAME_SIZE = (1 << 30) - 4;
    public static final int DEFAULT_MAX_WAITING_FRAMES = 20;
    public static final int MAX_MAX_WAITING_FRAMES = 1 << 16;
    public static final boolean DEFAULT_PIPELINING = true;
    public static final boolean DEFAULT_ASYNC = false;
    public static final boolean DEFAULT_SEND_FRAG_PAYLOAD = false;
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_PROCESSING_TIMEOUT = Duration.ofSeconds(1);

    /** HAProxy's largest timer, 2^31-1 ms (about 24.8 days). */
    public static final Duration MAX_TIMER = Duration.ofMillis(Integer.MAX_VALUE);
    /** HAProxy enables {@code option async} unless {@code no option async}. */
    public static final boolean HAPROXY_ASYNC = true;
    /** HAProxy enables {@code option send-frag-payload} unless {@code no option send-frag-payload}. */
    public static final boolean HAPROXY_SEND_FRAG_PAYLOAD = true;
    /** An unset {@code timeout processing}: HAProxy then waits up to its largest timer. */
    public static final Duration HAPROXY_PROCESSING_TIMEOUT = MAX_TIMER;

    private static final Pattern ENGINE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public AgentOptions {
        checkMaxFrameSize(maxFrameSize);
        checkMaxWaitingFrames(maxWaitingFrames);
        checkTimeout("timeout hello", helloTimeout);
        checkTimeout("timeout idle", idleTimeout);
        checkTimeout("timeout connect", connectTimeout);
        checkTimeout("timeout processing", processingTimeout);
        checkEngineId(engineId);
    }

    /** The Java API's defaults, with a fresh random engine-id. */
    public static AgentOptions defaults() {
        return builder().build();
    }

    /** HAProxy's defaults for a {@code spoe-agent} section, with a fresh random engine-id. */
    public static AgentOptions haproxyDefaults() {
        return haproxyBuilder().build();
    }

    /** A builder holding the Java API's defaults (the {@code DEFAULT_*} constants). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding HAProxy's defaults: the {@code DEFAULT_*} constants except
     * {@link #HAPROXY_ASYNC}, {@link #HAPROXY_SEND_FRAG_PAYLOAD} and {@link #HAPROXY_PROCESSING_TIMEOUT}.
     */
    public static Builder haproxyBuilder() {
        return new Builder().async(HAPROXY_ASYNC).sendFragPayload(HAPROXY_SEND_FRAG_PAYLOAD)
                .processingTimeout(HAPROXY_PROCESSING_TIMEOUT);
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder().maxFrameSize(maxFrameSize).maxWaitingFrames(maxWaitingFrames).pipelining(pipelining)
                .async(async).sendFragPayload(sendFragPayload).helloTimeout(helloTimeout).idleTimeout(idleTimeout)
                .connectTimeout(connectTimeout).processingTimeout(processingTimeout).engineId(engineId);
    }

    /** The capabilities string the HELLO announces: "pipelining" and/or "async", in HAProxy's order. */
    public String capabilities() {
        if (pipelining && async) {
            return "pipelining,async";
        }
        return pipelining ? "pipelining" : async ? "async" : "";
    }

    /** A random lower-case UUID v4, as HAProxy 2.1+ generates engine-ids. */
    public static String randomEngineId() {
        return UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
    }

    private static void checkMaxFrameSize(int value) {
        if (value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("'max-frame-size' expects a positive integer argument in the range ["
                    + MIN_MAX_FRAME_SIZE + ", " + MAX_MAX_FRAME_SIZE + "] (got " + value + ").");
        }
    }

    private static void checkMaxWaitingFrames(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("'max-waiting-frames' expects a positive integer argument (got "
                    + value + ").");
        }
        if (value > MAX_MAX_WAITING_FRAMES) {
            throw new IllegalArgumentException("'max-waiting-frames' must not exceed " + MAX_MAX_WAITING_FRAMES
                    + " (got " + value + ").");
        }
    }

    static void checkRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + option + "' must be in [" + min + ", " + max + "] (got "
                    + value + ").");
        }
    }

    static void checkPositive(String option, Duration value) {
        Objects.requireNonNull(value, option);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("'" + option + "' must be positive (got " + value + ").");
        }
    }

    /** A timeout is positive and fits HAProxy's timer ({@link #MAX_TIMER}). */
    private static void checkTimeout(String option, Duration value) {
        checkPositive(option, value);
        if (value.compareTo(MAX_TIMER) > 0) {
            throw new IllegalArgumentException("'" + option + "': timer overflow (maximum is 2147483647 ms, got "
                    + value + ").");
        }
    }

    private static void checkEngineId(String engineId) {
        Objects.requireNonNull(engineId, "engine-id");
        if (!ENGINE_ID.matcher(engineId).matches()) {
            throw new IllegalArgumentException("'engine-id' must be a lower-case UUID (got '" + engineId + "').");
        }
    }

    /** Validating builder; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int maxWaitingFrames = DEFAULT_MAX_WAITING_FRAMES;
        private boolean pipelining = DEFAULT_PIPELINING;
        private boolean async = DEFAULT_ASYNC;
        private boolean sendFragPayload = DEFAULT_SEND_FRAG_PAYLOAD;
        private Duration helloTimeout = DEFAULT_HELLO_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration processingTimeout = DEFAULT_PROCESSING_TIMEOUT;
        private String engineId;

        private Builder() {
        }

        public Builder maxFrameSize(int value) {
            checkMaxFrameSize(value);
            this.maxFrameSize = value;
            return this;
        }

        public Builder maxWaitingFrames(int value) {
            checkMaxWaitingFrames(value);
            this.maxWaitingFrames = value;
            return this;
        }

        public Builder pipelining(boolean value) {
            this.pipelining = value;
            return this;
        }

        public Builder async(boolean value) {
            this.async = value;
            return this;
        }

        public Builder sendFragPayload(boolean value) {
            this.sendFragPayload = value;
            return this;
        }

        public Builder helloTimeout(Duration value) {
            checkTimeout("timeout hello", value);
            this.helloTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            checkTimeout("timeout idle", value);
            this.idleTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            checkTimeout("timeout connect", value);
            this.connectTimeout = value;
            return this;
        }

        public Builder processingTimeout(Duration value) {
            checkTimeout("timeout processing", value);
            this.processingTimeout = value;
            return this;
        }

        public Builder engineId(String value) {
            checkEngineId(value);
            this.engineId = value;
            return this;
        }

        public AgentOptions build() {
            return new AgentOptions(maxFrameSize, maxWaitingFrames, pipelining, async, sendFragPayload, helloTimeout,
                    idleTimeout, connectTimeout, processingTimeout, engineId != null ? engineId : randomEngineId());
        }
    }
}

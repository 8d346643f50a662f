package io.spoe4j.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Per-agent protocol options, the {@code spoe-agent} section's knobs: what the HELLO announces and
 * the timeouts of one connection and one request. Immutable; build with {@link #builder()}, which
 * rejects a bad value at once with a message naming the option.
 */
public record AgentOptions(int maxFrameSize, int maxWaitingFrames, boolean pipelining, boolean async,
        boolean sendFragPayload, Duration helloTimeout, Duration idleTimeout, Duration connectTimeout,
        Duration processingTimeout, String engineId) {

    public static final int DEFAULT_MAX_FRAME_SIZE = 16380;
    public static final int MIN_MAX_FRAME_SIZE = 256;
    /** Largest max-frame-size accepted: HAProxy's tune.bufsize upper bound less the length prefix. */
    public static final int MAX_MAX_FRAME_SIZE = (1 << 30) - 4;
    public static final int DEFAULT_MAX_WAITING_FRAMES = 20;
    public static final boolean DEFAULT_PIPELINING = true;
    public static final boolean DEFAULT_ASYNC = false;
    public static final boolean DEFAULT_SEND_FRAG_PAYLOAD = false;
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_PROCESSING_TIMEOUT = Duration.ofSeconds(1);

    private static final Pattern ENGINE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public AgentOptions {
        checkRange("max-frame-size", maxFrameSize, MIN_MAX_FRAME_SIZE, MAX_MAX_FRAME_SIZE);
        checkRange("max-waiting-frames", maxWaitingFrames, 1, 1 << 16);
        checkPositive("timeout hello", helloTimeout);
        checkPositive("timeout idle", idleTimeout);
        checkPositive("timeout connect", connectTimeout);
        checkPositive("timeout processing", processingTimeout);
        checkEngineId(engineId);
    }

    /** All defaults, with a fresh random engine-id. */
    public static AgentOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
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

    static void checkRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    static void checkPositive(String option, Duration value) {
        Objects.requireNonNull(value, option);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
    }

    private static void checkEngineId(String engineId) {
        Objects.requireNonNull(engineId, "engine-id");
        if (!ENGINE_ID.matcher(engineId).matches()) {
            throw new IllegalArgumentException("engine-id must be a lower-case UUID, got '" + engineId + "'");
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
            checkRange("max-frame-size", value, MIN_MAX_FRAME_SIZE, MAX_MAX_FRAME_SIZE);
            this.maxFrameSize = value;
            return this;
        }

        public Builder maxWaitingFrames(int value) {
            checkRange("max-waiting-frames", value, 1, 1 << 16);
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
            checkPositive("timeout hello", value);
            this.helloTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            checkPositive("timeout idle", value);
            this.idleTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            checkPositive("timeout connect", value);
            this.connectTimeout = value;
            return this;
        }

        public Builder processingTimeout(Duration value) {
            checkPositive("timeout processing", value);
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

package io.spoe4j.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tunables of one {@code spoe-agent}: its {@code option} flags, variable names, limits and
 * timeouts, with HAProxy's defaults. Immutable; the {@link Builder} rejects a bad value at once
 * with a message naming the option, and the file parser goes through the same builder.
 */
public record AgentOptions(
        boolean continueOnError,
        Optional<String> setOnError,
        Optional<String> setProcessTime,
        Optional<String> setTotalTime,
        boolean forceSetVar,
        boolean pipelining,
        boolean async,
        boolean sendFragPayload,
        boolean dontlogNormal,
        List<String> registerVarNames,
        int maxConnRate,
        int maxErrRate,
        int maxFrameSize,
        int maxWaitingFrames,
        Optional<Duration> helloTimeout,
        Optional<Duration> idleTimeout,
        Optional<Duration> processingTimeout) {

    public static final int DEFAULT_MAX_FRAME_SIZE = 16380;
    public static final int MIN_MAX_FRAME_SIZE = 256;
    public static final int DEFAULT_MAX_WAITING_FRAMES = 20;
    /** HAProxy's timer limit: 2^31-1 milliseconds. */
    public static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);
    public static final AgentOptions DEFAULTS = builder().build();

    public AgentOptions {
        registerVarNames = List.copyOf(registerVarNames);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.continueOnError = continueOnError;
        b.setOnError = setOnError.orElse(null);
        b.setProcessTime = setProcessTime.orElse(null);
        b.setTotalTime = setTotalTime.orElse(null);
        b.forceSetVar = forceSetVar;
        b.pipelining = pipelining;
        b.async = async;
        b.sendFragPayload = sendFragPayload;
        b.dontlogNormal = dontlogNormal;
        b.registerVarNames.addAll(registerVarNames);
        b.maxConnRate = maxConnRate;
        b.maxErrRate = maxErrRate;
        b.maxFrameSize = maxFrameSize;
        b.maxFrameLimit = Math.max(DEFAULT_MAX_FRAME_SIZE, maxFrameSize);
        b.maxFrameSizeSet = true;
        b.maxWaitingFrames = maxWaitingFrames;
        b.helloTimeout = helloTimeout.orElse(null);
        b.idleTimeout = idleTimeout.orElse(null);
        b.processingTimeout = processingTimeout.orElse(null);
        return b;
    }

    /** True when {@code name} is made only of {@code [a-zA-Z0-9_.]}, as HAProxy requires of variable names. */
    public static boolean isVarName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Validating builder; every setter throws {@link IllegalArgumentException} naming the option. */
    public static final class Builder {
        private boolean continueOnError;
        private String setOnError;
        private String setProcessTime;
        private String setTotalTime;
        private boolean forceSetVar;
        private boolean pipelining = true;
        private boolean async = true;
        private boolean sendFragPayload = true;
        private boolean dontlogNormal;
        private final List<String> registerVarNames = new ArrayList<>();
        private int maxConnRate;
        private int maxErrRate;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int maxFrameLimit = DEFAULT_MAX_FRAME_SIZE;
        private boolean maxFrameSizeSet;
        private int maxWaitingFrames = DEFAULT_MAX_WAITING_FRAMES;
        private Duration helloTimeout;
        private Duration idleTimeout;
        private Duration processingTimeout;

        private Builder() {
        }

        public Builder continueOnError(boolean on) {
            this.continueOnError = on;
            return this;
        }

        public Builder setOnError(String var) {
            this.setOnError = varName("set-on-error", var);
            return this;
        }

        public Builder setProcessTime(String var) {
            this.setProcessTime = varName("set-process-time", var);
            return this;
        }

        public Builder setTotalTime(String var) {
            this.setTotalTime = varName("set-total-time", var);
            return this;
        }

        public Builder forceSetVar(boolean on) {
            this.forceSetVar = on;
            return this;
        }

        public Builder pipelining(boolean on) {
            this.pipelining = on;
            return this;
        }

        public Builder async(boolean on) {
            this.async = on;
            return this;
        }

        public Builder sendFragPayload(boolean on) {
            this.sendFragPayload = on;
            return this;
        }

        public Builder dontlogNormal(boolean on) {
            this.dontlogNormal = on;
            return this;
        }

        public Builder registerVarName(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("'register-var-names' expects one or more variable names.");
            }
            registerVarNames.add(name);
            return this;
        }

        public Builder maxConnRate(int perSecond) {
            this.maxConnRate = nonNegative("maxconnrate", perSecond);
            return this;
        }

        public Builder maxErrRate(int perSecond) {
            this.maxErrRate = nonNegative("maxerrrate", perSecond);
            return this;
        }

        public Builder maxFrameSize(int bytes) {
            if (bytes < MIN_MAX_FRAME_SIZE || bytes > maxFrameLimit) {
                throw new IllegalArgumentException("'max-frame-size' expects a positive integer argument in the range ["
                        + MIN_MAX_FRAME_SIZE + ", " + maxFrameLimit + "] (got " + bytes + ").");
            }
            this.maxFrameSize = bytes;
            this.maxFrameSizeSet = true;
            return this;
        }

        /**
         * HAProxy's {@code tune.bufsize} (default 16384): max-frame-size then defaults to, and may
         * not exceed, {@code bufsize - 4}. Set it before {@link #maxFrameSize(int)}.
         */
        public Builder tuneBufsize(int bufsize) {
            if (bufsize - 4 < MIN_MAX_FRAME_SIZE) {
                throw new IllegalArgumentException("'tune.bufsize' must be at least " + (MIN_MAX_FRAME_SIZE + 4)
                        + " (got " + bufsize + ").");
            }
            this.maxFrameLimit = bufsize - 4;
            if (!maxFrameSizeSet || maxFrameSize > maxFrameLimit) {
                this.maxFrameSize = maxFrameLimit;
            }
            return this;
        }

        public Builder maxWaitingFrames(int frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("'max-waiting-frames' expects a positive integer argument (got " + frames + ").");
            }
            this.maxWaitingFrames = frames;
            return this;
        }

        /** {@code null} or zero means unset. */
        public Builder helloTimeout(Duration timeout) {
            this.helloTimeout = timeout("hello", timeout);
            return this;
        }

        /** {@code null} or zero means unset. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout("idle", timeout);
            return this;
        }

        /** {@code null} or zero means unset: an event may wait for its ACK forever. */
        public Builder processingTimeout(Duration timeout) {
            this.processingTimeout = timeout("processing", timeout);
            return this;
        }

        public AgentOptions build() {
            return new AgentOptions(continueOnError, Optional.ofNullable(setOnError), Optional.ofNullable(setProcessTime),
                    Optional.ofNullable(setTotalTime), forceSetVar, pipelining, async, sendFragPayload, dontlogNormal,
                    registerVarNames, maxConnRate, maxErrRate, maxFrameSize, maxWaitingFrames,
                    Optional.ofNullable(helloTimeout), Optional.ofNullable(idleTimeout), Optional.ofNullable(processingTimeout));
        }

        private static String varName(String option, String var) {
            if (var == null || var.isEmpty()) {
                throw new IllegalArgumentException("'option " + option + "' expects a value.");
            }
            if (!isVarName(var)) {
                throw new IllegalArgumentException("'option " + option + "' only supports [a-zA-Z0-9_.] chars (got '" + var + "').");
            }
            return var;
        }

        private static int nonNegative(String option, int value) {
            if (value < 0) {
                throw new IllegalArgumentException("'" + option + "' expects a non-negative integer (got " + value + ").");
            }
            return value;
        }

        private static Duration timeout(String which, Duration timeout) {
            if (timeout == null || timeout.isZero()) {
                return null;
            }
            Objects.requireNonNull(timeout);
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("'timeout " + which + "' must not be negative (got " + timeout + ").");
            }
            if (timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("'timeout " + which + "': timer overflow (maximum is 2147483647 ms).");
            }
            return timeout;
        }
    }
}

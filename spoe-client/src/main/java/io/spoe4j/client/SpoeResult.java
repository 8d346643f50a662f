package io.spoe4j.client;

import io.spoe4j.acl.Sample;
import io.spoe4j.codec.Action;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one event or group of one engine: processed (the agent's actions and the
 * variables as applied), skipped (why) or failed (HAProxy's set-on-error code), with what an
 * access log needs (engine, event or group, ids, timings). Immutable.
 *
 * <p>Build one with {@link #builder()}, which names every field and checks that they agree with
 * the status. The canonical constructor stays public (a record's must be) and checks only what
 * every result needs (non-null fields, immutable lists): it is the engine's path, one result per
 * event or group without a builder object.
 *
 * @param engine the engine name
 * @param kind whether {@code name} is an event keyword or a group name
 * @param name the event keyword ({@code on-frontend-http-request}) or the group name
 * @param status processed, skipped or failed
 * @param skipReason why nothing was sent, or {@code null} unless skipped
 * @param errorCode HAProxy's set-on-error code (1 timeout, 2 resource, 3 too big, 4 interrupted,
 *        255 unknown, 256 + SPOP status), 0 unless failed
 * @param error the failure, or {@code null} unless failed
 * @param messages names of the messages sent (or that would have been sent), in order
 * @param payload how the NOTIFY's size was handled
 * @param payloadBytes size of the encoded LIST-OF-MESSAGES, 0 when nothing was encoded
 * @param actions the ACK's actions in order (empty unless processed)
 * @param applied variables set (value non-null) or unset (value null) by the ACK and the
 *        set-on-error / set-process-time / set-total-time options, in order, by full name
 * @param dropped variables the agent asked for that were not applied, with the reason
 * @param server the agent server that answered or failed, or {@code null}
 * @param streamId the NOTIFY's stream-id, -1 when none was acknowledged
 * @param frameId the NOTIFY's frame-id, -1 when none was acknowledged
 * @param processTimeMs milliseconds spent on this event or group (HAProxy's set-process-time), -1 if not started
 * @param totalTimeMs milliseconds spent on every processed event and group of the transaction so far
 * @param policy the engine's failure policy, read by {@link #shouldBlock()}
 */
public record SpoeResult(String engine, Kind kind, String name, Status status, SkipReason skipReason, int errorCode,
        SpoeClientException error, List<String> messages, Payload payload, int payloadBytes, List<Action> actions,
        List<Variable> applied, List<DroppedVariable> dropped, String server, long streamId, long frameId,
        long processTimeMs, long totalTimeMs, FailurePolicy policy) {

    /** Whether {@link #name} names an event or a group. */
    public enum Kind { EVENT, GROUP }

    /** What happened. */
    public enum Status {
        /** The agent acknowledged the NOTIFY; its actions were applied. */
        PROCESSED,
        /** No NOTIFY was sent and no error variable was set. */
        SKIPPED,
        /** The processing failed; {@link #errorCode} says why. */
        FAILED
    }

    /** Why nothing was sent. */
    public enum SkipReason {
        /** No message of the event or group remained after the conditions. */
        NO_MESSAGE,
        /** The {@code send-spoe-group} condition was false. */
        CONDITION_FALSE,
        /** The error rate is above {@code maxerrrate}. */
        RATE_LIMIT,
        /** An earlier error disabled the engine for this transaction or session, or it was closed. */
        DISABLED
    }

    /** How the NOTIFY's size compared with max-frame-size (HAProxy's budget: max-frame-size - 32). */
    public enum Payload {
        /** Nothing was encoded (skipped, or failed before encoding). */
        NONE,
        /** The messages fit in one frame. */
        FITS,
        /** Too big for one frame; sent fragmented since {@code option send-frag-payload} is on. */
        FRAGMENTED,
        /** Too big for one frame and fragmentation is off: failed with code 3, nothing sent. */
        TOO_BIG
    }

    /** A variable as applied: {@code value} null means unset. */
    public record Variable(String name, Sample value) {
        public Variable {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Why an agent's variable was not applied. */
    public enum DropReason {
        /** {@code scope.prefix.name} is longer than HAProxy's 63 bytes. */
        NAME_TOO_LONG,
        /** A proc-scope variable without {@code option force-set-var} nor {@code register-var-names}. */
        NOT_REGISTERED
    }

    /** A variable the agent set or unset that was not applied. */
    public record DroppedVariable(String name, DropReason reason) {
        public DroppedVariable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public SpoeResult {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(policy, "policy");
        messages = List.copyOf(messages);
        actions = io.spoe4j.client.internal.TrustedList.copyOf(actions);
        applied = io.spoe4j.client.internal.TrustedList.copyOf(applied);
        dropped = List.copyOf(dropped);
    }

    /** A builder with no field set but the defaults of {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this result's fields, to build a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.engine = engine;
        b.kind = kind;
        b.name = name;
        b.status = status;
        b.skipReason = skipReason;
        b.errorCode = errorCode;
        b.error = error;
        b.messages = messages;
        b.payload = payload;
        b.payloadBytes = payloadBytes;
        b.actions = actions;
        b.applied = applied;
        b.dropped = dropped;
        b.server = server;
        b.streamId = streamId;
        b.frameId = frameId;
        b.processTimeMs = processTimeMs;
        b.totalTimeMs = totalTimeMs;
        b.policy = policy;
        return b;
    }

    public boolean processed() {
        return status == Status.PROCESSED;
    }

    public boolean skipped() {
        return status == Status.SKIPPED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** True when the processing failed and the engine's policy is {@link FailurePolicy#FAIL_CLOSED}. */
    public boolean shouldBlock() {
        return status == Status.FAILED && policy == FailurePolicy.FAIL_CLOSED;
    }

    /** The value this result applied to {@code fullName} last, or {@code null} (unset or not applied). */
    public Sample variable(String fullName) {
        Sample value = null;
        for (Variable v : applied) {
            if (v.name().equals(fullName)) {
                value = v.value();
            }
        }
        return value;
    }

    /**
     * What this result applied, as a {@link SpoeVariables} with the typed accessors: each name with
     * the last value applied, names it unset absent. Only this result's changes: a transaction's
     * {@link SpoeTransaction#variables()} sees every variable. Immutable.
     */
    public SpoeVariables variables() {
        Map<String, Sample> values = new HashMap<>();
        for (Variable v : applied) {
            if (v.value() == null) {
                values.remove(v.name());
            } else {
                values.put(v.name(), v.value());
            }
        }
        Map<String, Sample> copy = Map.copyOf(values);
        return new SpoeVariables() {
            @Override
            public Sample get(String fullName) {
                return copy.get(Objects.requireNonNull(fullName, "fullName"));
            }

            @Override
            public Map<String, Sample> snapshot() {
                return copy;
            }

            @Override
            public String toString() {
                return copy.toString();
            }
        };
    }

    /** One line in the spirit of HAProxy's SPOE log: {@code [engine] EVENT:name sid=.. fid=.. st=.. pT/tT}. */
    public String logLine() {
        return "[" + engine + "] " + (kind == Kind.EVENT ? "EVENT:" : "GROUP:") + name + " sid=" + streamId + " fid="
                + frameId + " st=" + errorCode + " " + processTimeMs + "/" + totalTimeMs + " " + status
                + (skipReason != null ? "(" + skipReason + ")" : "");
    }

    /**
     * Builds a {@link SpoeResult}. {@code engine}, the event or group ({@link #event}, {@link #group}
     * or {@link #kind} and {@link #name}) and the status are required; every other field defaults to
     * "nothing happened": no skip reason, error code 0, no error, no messages, {@link Payload#NONE}
     * of 0 bytes, no actions, variables or drops, no server, ids and process time -1, total time 0,
     * {@link FailurePolicy#FAIL_OPEN}. Values are checked when set, their agreement with the status
     * in {@link #build()}. Not thread-safe; reusable (each {@code build()} takes a copy).
     */
    public static final class Builder {
        private String engine;
        private Kind kind;
        private String name;
        private Status status;
        private SkipReason skipReason;
        private int errorCode;
        private SpoeClientException error;
        private List<String> messages = List.of();
        private Payload payload = Payload.NONE;
        private int payloadBytes;
        private List<Action> actions = List.of();
        private List<Variable> applied = List.of();
        private List<DroppedVariable> dropped = List.of();
        private String server;
        private long streamId = -1;
        private long frameId = -1;
        private long processTimeMs = -1;
        private long totalTimeMs;
        private FailurePolicy policy = FailurePolicy.FAIL_OPEN;

        private Builder() {
        }

        public Builder engine(String engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The result of the event with this keyword ({@code on-frontend-http-request}). */
        public Builder event(String event) {
            return kind(Kind.EVENT).name(event);
        }

        /** The result of the group with this name. */
        public Builder group(String group) {
            return kind(Kind.GROUP).name(group);
        }

        public Builder kind(Kind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder status(Status status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Status {@link Status#PROCESSED}. */
        public Builder processed() {
            return status(Status.PROCESSED);
        }

        /** Status {@link Status#SKIPPED} for {@code reason}. */
        public Builder skipped(SkipReason reason) {
            return status(Status.SKIPPED).skipReason(Objects.requireNonNull(reason, "reason"));
        }

        /** Status {@link Status#FAILED} with {@code error}, its error code and its server. */
        public Builder failed(SpoeClientException error) {
            Objects.requireNonNull(error, "error");
            return status(Status.FAILED).error(error).errorCode(error.errorCode()).server(error.server());
        }

        /** Why nothing was sent; only with {@link Status#SKIPPED}. */
        public Builder skipReason(SkipReason skipReason) {
            this.skipReason = skipReason;
            return this;
        }

        /** HAProxy's set-on-error code; non-zero only with {@link Status#FAILED}. */
        public Builder errorCode(int errorCode) {
            if (errorCode < 0) {
                throw new IllegalArgumentException("errorCode must be >= 0, got " + errorCode);
            }
            this.errorCode = errorCode;
            return this;
        }

        /** The failure; only with {@link Status#FAILED}. */
        public Builder error(SpoeClientException error) {
            this.error = error;
            return this;
        }

        public Builder messages(List<String> messages) {
            this.messages = Objects.requireNonNull(messages, "messages");
            return this;
        }

        /** How the NOTIFY's size was handled and the LIST-OF-MESSAGES' size (0 with {@link Payload#NONE}). */
        public Builder payload(Payload payload, int payloadBytes) {
            Objects.requireNonNull(payload, "payload");
            if (payloadBytes < 0) {
                throw new IllegalArgumentException("payloadBytes must be >= 0, got " + payloadBytes);
            }
            if (payload == Payload.NONE && payloadBytes != 0) {
                throw new IllegalArgumentException("payload NONE with " + payloadBytes + " bytes");
            }
            this.payload = payload;
            this.payloadBytes = payloadBytes;
            return this;
        }

        /** The ACK's actions; only with {@link Status#PROCESSED}. */
        public Builder actions(List<Action> actions) {
            this.actions = Objects.requireNonNull(actions, "actions");
            return this;
        }

        public Builder applied(List<Variable> applied) {
            this.applied = Objects.requireNonNull(applied, "applied");
            return this;
        }

        public Builder dropped(List<DroppedVariable> dropped) {
            this.dropped = Objects.requireNonNull(dropped, "dropped");
            return this;
        }

        public Builder server(String server) {
            this.server = server;
            return this;
        }

        /** The acknowledged NOTIFY's stream-id and frame-id, -1 each when none was acknowledged. */
        public Builder ids(long streamId, long frameId) {
            if (streamId < -1 || frameId < -1) {
                throw new IllegalArgumentException("ids must be >= -1, got " + streamId + "/" + frameId);
            }
            this.streamId = streamId;
            this.frameId = frameId;
            return this;
        }

        /** Milliseconds spent on this event or group (-1: not started) and on the transaction so far. */
        public Builder times(long processTimeMs, long totalTimeMs) {
            if (processTimeMs < -1) {
                throw new IllegalArgumentException("processTimeMs must be >= -1, got " + processTimeMs);
            }
            if (totalTimeMs < 0) {
                throw new IllegalArgumentException("totalTimeMs must be >= 0, got " + totalTimeMs);
            }
            this.processTimeMs = processTimeMs;
            this.totalTimeMs = totalTimeMs;
            return this;
        }

        public Builder policy(FailurePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @throws IllegalStateException when a required field is missing or a field disagrees with
         *         the status (a skip reason without SKIPPED or SKIPPED without one, an error or error
         *         code without FAILED, actions without PROCESSED)
         */
        public SpoeResult build() {
            require(engine, "engine");
            require(kind, "kind (event or group)");
            require(name, "name (event or group)");
            require(status, "status");
            if ((status == Status.SKIPPED) != (skipReason != null)) {
                throw new IllegalStateException(status == Status.SKIPPED ? "a SKIPPED result needs a skip reason"
                        : "skip reason " + skipReason + " on a " + status + " result");
            }
            if (status != Status.FAILED && (errorCode != 0 || error != null)) {
                throw new IllegalStateException("error code " + errorCode + " / error " + error + " on a " + status
                        + " result");
            }
            if (status != Status.PROCESSED && !actions.isEmpty()) {
                throw new IllegalStateException(actions.size() + " actions on a " + status + " result");
            }
            return new SpoeResult(engine, kind, name, status, skipReason, errorCode, error, messages, payload,
                    payloadBytes, actions, applied, dropped, server, streamId, frameId, processTimeMs, totalTimeMs,
                    policy);
        }

        private static void require(Object value, String what) {
            if (value == null) {
                throw new IllegalStateException("SpoeResult.Builder: " + what + " is not set");
            }
        }
    }
}

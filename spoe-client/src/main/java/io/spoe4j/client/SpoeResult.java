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
}

package io.spoe4j.testkit;

import io.spoe4j.codec.Action;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the agent answers one NOTIFY: the actions of its ACK, an optional delay before answering
 * (scheduled on the connection's event loop) and an optional {@link Fault}. Immutable and thread-safe.
 *
 * <pre>{@code
 * agent.enqueue(Response.actions(Action.setVar(Scope.SESS, "score", TypedValue.uint32(42)))
 *         .delay(Duration.ofMillis(50)));
 * agent.enqueue(Response.fault(Fault.closeMidFrame()));
 * }</pre>
 *
 * @param actions the ACK's actions, in order
 * @param delay how long to wait before answering, {@link Duration#ZERO} for at once
 * @param fault the misbehaviour, or {@code null} for a plain ACK
 */
public record Response(List<Action> actions, Duration delay, Fault fault) {
    private static final Response EMPTY = new Response(List.of(), Duration.ZERO, null);

    public Response {
        actions = List.copyOf(actions);
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
    }

    /** An empty ACK: the agent's default answer. */
    public static Response empty() {
        return EMPTY;
    }

    public static Response actions(Action... actions) {
        return new Response(List.of(actions), Duration.ZERO, null);
    }

    public static Response actions(List<Action> actions) {
        return new Response(actions, Duration.ZERO, null);
    }

    /** A response that performs {@code fault} (with no actions for the faults that still send an ACK). */
    public static Response fault(Fault fault) {
        return new Response(List.of(), Duration.ZERO, Objects.requireNonNull(fault, "fault"));
    }

    /** This response, answered after {@code delay}. */
    public Response delay(Duration delay) {
        return new Response(actions, delay, fault);
    }

    /** This response with {@code fault} (its actions are used by the faults that still send an ACK). */
    public Response withFault(Fault fault) {
        return new Response(actions, delay, Objects.requireNonNull(fault, "fault"));
    }
}

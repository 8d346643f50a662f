package io.spoe4j.testkit;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Computes the {@link Response} to a NOTIFY when no response is enqueued. Called on the
 * connection's event loop, possibly from several threads at once: it must be thread-safe and must
 * not block (use {@link Response#delay} to answer late). An exception makes the agent send
 * AGENT-DISCONNECT with status 99 and is recorded as a protocol error.
 */
@FunctionalInterface
public interface Dispatcher {
    Response dispatch(RecordedNotify notify);

    /** A dispatcher computing the ACK's actions from the NOTIFY's messages. */
    static Dispatcher of(Function<List<Message>, List<Action>> actions) {
        Objects.requireNonNull(actions, "actions");
        return notify -> Response.actions(actions.apply(notify.messages()));
    }
}

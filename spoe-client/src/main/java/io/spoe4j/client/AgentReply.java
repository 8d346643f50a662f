package io.spoe4j.client;

import io.spoe4j.codec.Action;
import java.util.List;

/**
 * The agent's answer to one NOTIFY: its actions in order (possibly none, which is a normal
 * answer), the server that answered, the ids the NOTIFY carried and how long it took
 * ({@code queuedNanos} waiting for a connection slot, {@code totalNanos} from the send call to the
 * ACK). Immutable.
 */
public record AgentReply(List<Action> actions, String server, long streamId, long frameId, long queuedNanos,
        long totalNanos) {
    public AgentReply {
        actions = io.spoe4j.client.internal.TrustedList.copyOf(actions);
    }
}

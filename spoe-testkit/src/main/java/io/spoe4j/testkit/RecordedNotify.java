package io.spoe4j.testkit;

import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import java.util.List;

/**
 * A NOTIFY the agent received, reassembled when it came in fragments. Immutable.
 *
 * @param connectionIndex 0-based order in which the agent accepted the connection
 * @param streamId the NOTIFY's stream-id
 * @param frameId the NOTIFY's frame-id
 * @param messages the decoded messages, in order
 * @param raw the frame's bytes as received, length prefix included (all fragments, concatenated)
 * @param fragments 1, or the number of frames it arrived in
 */
public record RecordedNotify(int connectionIndex, long streamId, long frameId, List<Message> messages, byte[] raw,
        int fragments) {
    public RecordedNotify {
        messages = List.copyOf(messages);
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** The first message with this name, or {@code null}. */
    public Message message(String name) {
        for (Message m : messages) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The value of argument {@code arg} of the first message named {@code message}, or {@code null}. */
    public TypedValue arg(String message, String arg) {
        Message m = message(message);
        return m == null ? null : m.arg(arg);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedNotify r && r.connectionIndex == connectionIndex && r.streamId == streamId
                && r.frameId == frameId && r.messages.equals(messages) && java.util.Arrays.equals(r.raw, raw)
                && r.fragments == fragments;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(connectionIndex, streamId, frameId, messages) * 31 + java.util.Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "RecordedNotify[conn=" + connectionIndex + ", sid=" + streamId + ", fid=" + frameId + ", messages="
                + messages + ", " + raw.length + " bytes in " + fragments + " frame(s)]";
    }
}

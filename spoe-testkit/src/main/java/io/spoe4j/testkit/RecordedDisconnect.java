package io.spoe4j.testkit;

/**
 * A DISCONNECT frame: one the agent received (HAPROXY-DISCONNECT) or one it sent (AGENT-DISCONNECT,
 * after a protocol error, a fault or as a reply). Immutable.
 *
 * @param connectionIndex 0-based order in which the agent accepted the connection
 * @param statusCode the status code ({@code -1} when the frame had none)
 * @param message the message ({@code null} when the frame had none)
 * @param raw the frame's bytes as received, length prefix included; empty for frames the agent sent
 */
public record RecordedDisconnect(int connectionIndex, long statusCode, String message, byte[] raw) {
    public RecordedDisconnect {
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedDisconnect r && r.connectionIndex == connectionIndex && r.statusCode == statusCode
                && java.util.Objects.equals(r.message, message) && java.util.Arrays.equals(r.raw, raw);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(connectionIndex, statusCode, message) * 31 + java.util.Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "RecordedDisconnect[conn=" + connectionIndex + ", status=" + statusCode + ", message=" + message + "]";
    }
}

package io.spoe4j.codec;

/** SPOP frame type bytes. */
public enum FrameType {
    /** Continuation of a fragmented NOTIFY (HAProxy 1.8 to 3.0). */
    UNSET(0),
    HAPROXY_HELLO(1),
    HAPROXY_DISCONNECT(2),
    NOTIFY(3),
    AGENT_HELLO(101),
    AGENT_DISCONNECT(102),
    ACK(103);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire byte, or {@code null} when the byte names no known type. */
    public static FrameType of(int code) {
        switch (code) {
            case 0: return UNSET;
            case 1: return HAPROXY_HELLO;
            case 2: return HAPROXY_DISCONNECT;
            case 3: return NOTIFY;
            case 101: return AGENT_HELLO;
            case 102: return AGENT_DISCONNECT;
            case 103: return ACK;
            default: return null;
        }
    }
}

package io.spoe4j.codec;

import io.spoe4j.options.AgentOptions;
import java.util.List;
import java.util.Objects;

/**
 * A decoded SPOP frame. HELLO and DISCONNECT frames always travel with stream-id 0 and frame-id 0;
 * NOTIFY and ACK carry the ids that correlate them. Encoded frames always carry FIN except the
 * non-final parts of a fragmented NOTIFY ({@link Fragment}).
 */
public sealed interface Frame {
    int FLAG_FIN = 0x1;
    int FLAG_ABORT = 0x2;

    FrameType type();

    /**
     * HAPROXY-HELLO, keys written in HAProxy's order. {@code engineId} is {@code null} for
     * health checks, which set {@code healthcheck}.
     */
    record HaproxyHello(String supportedVersions, long maxFrameSize, String capabilities, String engineId,
            boolean healthcheck) implements Frame {
        public HaproxyHello {
            Objects.requireNonNull(supportedVersions, "supportedVersions");
            Objects.requireNonNull(capabilities, "capabilities");
        }

        /** The 82-byte health-check HELLO HAProxy's {@code option spop-check} sends. */
        public static HaproxyHello healthCheck() {
            return new HaproxyHello("2.0", AgentOptions.DEFAULT_MAX_FRAME_SIZE, "", null, true);
        }

        @Override
        public FrameType type() {
            return FrameType.HAPROXY_HELLO;
        }
    }

    /**
     * AGENT-HELLO as received. Absent keys are {@code null} ({@code version},
     * {@code capabilities}) or {@code -1} ({@code maxFrameSize}); validation is the connection's job.
     */
    record AgentHello(String version, long maxFrameSize, String capabilities) implements Frame {
        @Override
        public FrameType type() {
            return FrameType.AGENT_HELLO;
        }
    }

    /** HAPROXY-DISCONNECT: a status code and its reason. */
    record HaproxyDisconnect(long statusCode, String message) implements Frame {
        public static HaproxyDisconnect of(SpopStatus status) {
            return new HaproxyDisconnect(status.code(), status.reason());
        }

        @Override
        public FrameType type() {
            return FrameType.HAPROXY_DISCONNECT;
        }
    }

    /** AGENT-DISCONNECT: a status code ({@code -1} when absent) and a message ({@code null} when absent). */
    record AgentDisconnect(long statusCode, String message) implements Frame {
        public static AgentDisconnect of(SpopStatus status) {
            return new AgentDisconnect(status.code(), status.reason());
        }

        @Override
        public FrameType type() {
            return FrameType.AGENT_DISCONNECT;
        }
    }

    /** NOTIFY: the messages of one event or group, sent with FIN. */
    record Notify(long streamId, long frameId, List<Message> messages) implements Frame {
        public Notify {
            messages = List.copyOf(messages);
        }

        @Override
        public FrameType type() {
            return FrameType.NOTIFY;
        }
    }

    /**
     * ACK: the actions for the NOTIFY with the same ids, in order. {@code abort} is set when an agent
     * uses an ACK with FIN|ABORT to abort a fragmented NOTIFY.
     */
    record Ack(long streamId, long frameId, List<Action> actions, boolean abort) implements Frame {
        public Ack {
            actions = List.copyOf(actions);
        }

        public Ack(long streamId, long frameId, List<Action> actions) {
            this(streamId, frameId, actions, false);
        }

        @Override
        public FrameType type() {
            return FrameType.ACK;
        }
    }

    /**
     * A piece of a fragmented frame, or a frame whose payload is not decoded: a NOTIFY or ACK
     * without FIN, an UNSET continuation, or an abort. {@code payload} is the raw payload bytes.
     */
    record Fragment(FrameType frameType, int flags, long streamId, long frameId, byte[] payload) implements Frame {
        public Fragment {
            Objects.requireNonNull(frameType, "frameType");
            Objects.requireNonNull(payload, "payload");
        }

        public boolean fin() {
            return (flags & FLAG_FIN) != 0;
        }

        public boolean abort() {
            return (flags & FLAG_ABORT) != 0;
        }

        @Override
        public FrameType type() {
            return frameType;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fragment f && f.frameType == frameType && f.flags == flags
                    && f.streamId == streamId && f.frameId == frameId && java.util.Arrays.equals(f.payload, payload);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(payload) * 31 + (int) (streamId * 17 + frameId) + flags;
        }

        @Override
        public String toString() {
            return "Fragment[" + frameType + ", flags=" + flags + ", sid=" + streamId + ", fid=" + frameId
                    + ", " + payload.length + " bytes]";
        }
    }

    /** A frame of a type SPOP does not define. Peers ignore these once the handshake is done. */
    record Unknown(int typeCode, int flags, long streamId, long frameId) implements Frame {
        @Override
        public FrameType type() {
            return null;
        }
    }
}

package io.spoe4j.codec;

import static io.spoe4j.codec.TypedData.CAPABILITIES;
import static io.spoe4j.codec.TypedData.ENGINE_ID;
import static io.spoe4j.codec.TypedData.HEALTHCHECK;
import static io.spoe4j.codec.TypedData.MAX_FRAME_SIZE;
import static io.spoe4j.codec.TypedData.SUPPORTED_VERSIONS;
import static io.spoe4j.codec.TypedData.VERSION;

import io.netty.buffer.ByteBuf;
import io.spoe4j.options.AgentOptions;
import java.util.List;
import java.util.Objects;

/**
 * A decoded SPOP frame. HELLO and DISCONNECT frames always travel with stream-id 0 and frame-id 0;
 * NOTIFY and ACK carry the ids that correlate them. Encoded frames always carry FIN except the
 * non-final parts of a fragmented NOTIFY ({@link Fragment}).
 *
 * <p>Each record is the whole wire description of its frame type: the header fields
 * ({@link #typeCode}, {@link #wireFlags}, {@link #streamId}, {@link #frameId}) and its payload's
 * length and writer side by side. {@link FrameCodec#encode} writes the header, then
 * {@link #writePayload}; there is no per-type table to keep in step elsewhere.
 */
public sealed interface Frame {
    int FLAG_FIN = 0x1;
    int FLAG_ABORT = 0x2;

    FrameType type();

    /** The TYPE byte on the wire. */
    default int typeCode() {
        return type().code();
    }

    /**
     * The FLAGS written on the wire: FIN for every frame but fragments and aborts. (An
     * {@link Unknown} is written with FIN whatever flags it was decoded with.)
     */
    default int wireFlags() {
        return FLAG_FIN;
    }

    /** The STREAM-ID on the wire: 0 for HELLO and DISCONNECT frames. */
    default long streamId() {
        return 0;
    }

    /** The FRAME-ID on the wire: 0 for HELLO and DISCONNECT frames. */
    default long frameId() {
        return 0;
    }

    /** Bytes {@link #writePayload} writes: the frame's LENGTH less the header. */
    int payloadLength();

    /** Writes the payload (everything after the frame-id) at the writer index of {@code out}. */
    void writePayload(ByteBuf out);

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

        @Override
        public int payloadLength() {
            int n = TypedData.stringItemLength(SUPPORTED_VERSIONS, supportedVersions)
                    + TypedData.uint32ItemLength(MAX_FRAME_SIZE, maxFrameSize)
                    + TypedData.stringItemLength(CAPABILITIES, capabilities);
            if (engineId != null) {
                n += TypedData.stringItemLength(ENGINE_ID, engineId);
            }
            if (healthcheck) {
                n += TypedData.boolItemLength(HEALTHCHECK);
            }
            return n;
        }

        @Override
        public void writePayload(ByteBuf out) {
            TypedData.writeStringItem(out, SUPPORTED_VERSIONS, supportedVersions);
            TypedData.writeUint32Item(out, MAX_FRAME_SIZE, maxFrameSize);
            TypedData.writeStringItem(out, CAPABILITIES, capabilities);
            if (engineId != null) {
                TypedData.writeStringItem(out, ENGINE_ID, engineId);
            }
            if (healthcheck) {
                TypedData.writeBoolItem(out, HEALTHCHECK, true);
            }
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

        @Override
        public int payloadLength() {
            int n = 0;
            if (version != null) {
                n += TypedData.stringItemLength(VERSION, version);
            }
            if (maxFrameSize >= 0) {
                n += TypedData.uint32ItemLength(MAX_FRAME_SIZE, maxFrameSize);
            }
            if (capabilities != null) {
                n += TypedData.stringItemLength(CAPABILITIES, capabilities);
            }
            return n;
        }

        @Override
        public void writePayload(ByteBuf out) {
            if (version != null) {
                TypedData.writeStringItem(out, VERSION, version);
            }
            if (maxFrameSize >= 0) {
                TypedData.writeUint32Item(out, MAX_FRAME_SIZE, maxFrameSize);
            }
            if (capabilities != null) {
                TypedData.writeStringItem(out, CAPABILITIES, capabilities);
            }
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

        @Override
        public int payloadLength() {
            return TypedData.disconnectLength(statusCode, message);
        }

        @Override
        public void writePayload(ByteBuf out) {
            TypedData.writeDisconnect(out, statusCode, message);
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

        @Override
        public int payloadLength() {
            return TypedData.disconnectLength(statusCode, message);
        }

        @Override
        public void writePayload(ByteBuf out) {
            TypedData.writeDisconnect(out, statusCode, message);
        }
    }

    /**
     * NOTIFY: the messages of one event or group, sent with FIN. {@code messages} is copied with
     * {@link List#copyOf}, which returns an unmodifiable list ({@code List.of}, {@code List.copyOf})
     * as it is and copies any other.
     */
    record Notify(long streamId, long frameId, List<Message> messages) implements Frame {
        public Notify {
            messages = List.copyOf(messages);
        }

        @Override
        public FrameType type() {
            return FrameType.NOTIFY;
        }

        @Override
        public int payloadLength() {
            return TypedData.messagesLength(messages);
        }

        @Override
        public void writePayload(ByteBuf out) {
            TypedData.writeMessages(messages, out);
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

        @Override
        public int wireFlags() {
            return abort ? FLAG_FIN | FLAG_ABORT : FLAG_FIN;
        }

        @Override
        public int payloadLength() {
            return TypedData.actionsLength(actions);
        }

        @Override
        public void writePayload(ByteBuf out) {
            TypedData.writeActions(actions, out);
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
        public int wireFlags() {
            return flags;
        }

        @Override
        public int payloadLength() {
            return payload.length;
        }

        @Override
        public void writePayload(ByteBuf out) {
            out.writeBytes(payload);
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

    /**
     * A frame of a type SPOP does not define. Peers ignore these once the handshake is done. Its
     * payload is not kept: it is encoded with none.
     */
    record Unknown(int typeCode, int flags, long streamId, long frameId) implements Frame {
        @Override
        public FrameType type() {
            return null;
        }

        @Override
        public int payloadLength() {
            return 0;
        }

        @Override
        public void writePayload(ByteBuf out) {
        }
    }
}

package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.Frame.HaproxyDisconnect;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.Frame.Unknown;
import java.util.ArrayList;
import java.util.List;

import static io.spoe4j.codec.TypedData.CAPABILITIES;
import static io.spoe4j.codec.TypedData.ENGINE_ID;
import static io.spoe4j.codec.TypedData.HEALTHCHECK;
import static io.spoe4j.codec.TypedData.MAX_FRAME_SIZE;
import static io.spoe4j.codec.TypedData.MESSAGE;
import static io.spoe4j.codec.TypedData.STATUS_CODE;
import static io.spoe4j.codec.TypedData.SUPPORTED_VERSIONS;
import static io.spoe4j.codec.TypedData.VERSION;

/**
 * Decoding behind {@link FrameCodec#decode}: the length check, the frame header, then one branch
 * per {@link FrameType}. Stateless and thread-safe.
 */
final class FrameReader {
    private FrameReader() {
    }

    static Frame decode(ByteBuf in, int maxFrameSize, FrameCodec.AckHandler acks) {
        if (in.readableBytes() < 4) {
            return null;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxFrameSize) {
            throw new SpopCodecException(SpopStatus.FRAME_TOO_BIG,
                    "frame length " + length + " exceeds max-frame-size " + maxFrameSize);
        }
        if (length < FrameCodec.MIN_FRAME_LENGTH) {
            throw SpopCodecException.invalid("frame length " + length + " is below the minimum of "
                    + FrameCodec.MIN_FRAME_LENGTH);
        }
        if (in.readableBytes() < 4 + length) {
            return null;
        }
        in.skipBytes(4);
        int end = in.readerIndex() + (int) length;
        // Bound the body by moving the writer index instead of slicing: no wrapper object per frame.
        int writerIndex = in.writerIndex();
        in.writerIndex(end);
        try {
            return decodeBody(in, acks, 4 + (int) length);
        } finally {
            in.writerIndex(writerIndex);
            in.readerIndex(end);
        }
    }

    static Frame decodeBody(ByteBuf body, FrameCodec.AckHandler acks, int frameBytes) {
        int typeCode = body.readUnsignedByte();
        int flags = body.readInt();
        long streamId = Varint.read(body);
        long frameId = Varint.read(body);
        FrameType type = FrameType.of(typeCode);
        if (type == null) {
            body.skipBytes(body.readableBytes());
            return new Unknown(typeCode, flags, streamId, frameId);
        }
        boolean fin = (flags & Frame.FLAG_FIN) != 0;
        if (type == FrameType.UNSET || !fin) {
            byte[] payload = ByteBufUtil.getBytes(body);
            body.skipBytes(body.readableBytes());
            return new Fragment(type, flags, streamId, frameId, payload);
        }
        switch (type) {
            case HAPROXY_HELLO:
            case AGENT_HELLO:
            case HAPROXY_DISCONNECT:
            case AGENT_DISCONNECT:
                if (streamId != 0 || frameId != 0) {
                    throw SpopCodecException.invalid(type + " must have stream-id 0 and frame-id 0, got "
                            + streamId + "/" + frameId);
                }
                return decodeKvFrame(type, body);
            case NOTIFY:
                return new Notify(streamId, frameId, readMessages(body));
            case ACK:
                if (acks != null && (flags & Frame.FLAG_ABORT) == 0) {
                    int actions = body.readerIndex();
                    if (acks.ack(streamId, frameId, body, frameBytes)) {
                        return null;
                    }
                    body.readerIndex(actions);
                }
                return new Ack(streamId, frameId, ActionReader.read(body), (flags & Frame.FLAG_ABORT) != 0);
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    /** HELLO and DISCONNECT payloads: KV items in any order, unknown keys skipped. */
    private static Frame decodeKvFrame(FrameType type, ByteBuf body) {
        boolean hello = type == FrameType.AGENT_HELLO || type == FrameType.HAPROXY_HELLO;
        boolean disconnect = !hello;
        String versions = null;
        String capabilities = null;
        String engineId = null;
        long maxFrameSize = -1;
        boolean healthcheck = false;
        long status = -1;
        String message = null;
        while (body.isReadable()) {
            String key = TypedData.readName(body);
            if (key.isEmpty()) {
                throw SpopCodecException.invalid("empty key in " + type);
            }
            int header = TypedData.readHeader(body);
            if (type == FrameType.AGENT_HELLO && key.startsWith(VERSION)
                    || type == FrameType.HAPROXY_HELLO && key.startsWith(SUPPORTED_VERSIONS)) {
                versions = readStringOf(body, header, key);
            } else if (hello && key.startsWith(MAX_FRAME_SIZE)) {
                maxFrameSize = readIntegerOf(body, header, key);
            } else if (hello && key.startsWith(CAPABILITIES)) {
                capabilities = readStringOf(body, header, key);
            } else if (type == FrameType.HAPROXY_HELLO && key.startsWith(ENGINE_ID)) {
                engineId = readStringOf(body, header, key);
            } else if (type == FrameType.HAPROXY_HELLO && key.startsWith(HEALTHCHECK)) {
                TypedValue v = TypedData.readValueOf(body, header);
                if (!(v instanceof TypedValue.Bool b)) {
                    throw SpopCodecException.invalid("'healthcheck' must be a BOOL, got " + v.type());
                }
                healthcheck = b.value();
            } else if (disconnect && key.startsWith(STATUS_CODE)) {
                status = readIntegerOf(body, header, key);
            } else if (disconnect && key.startsWith(MESSAGE)) {
                message = readStringOf(body, header, key);
            } else {
                TypedData.readValueOf(body, header);
            }
        }
        switch (type) {
            case HAPROXY_HELLO:
                return new HaproxyHello(versions == null ? "" : versions, maxFrameSize,
                        capabilities == null ? "" : capabilities, engineId, healthcheck);
            case AGENT_HELLO:
                return new AgentHello(versions, maxFrameSize, capabilities);
            case HAPROXY_DISCONNECT:
                return new HaproxyDisconnect(status, message);
            default:
                return new AgentDisconnect(status, message);
        }
    }

    private static String readStringOf(ByteBuf body, int header, String key) {
        TypedValue v = TypedData.readValueOf(body, header);
        if (!(v instanceof TypedValue.Str s)) {
            throw SpopCodecException.invalid("'" + key + "' must be a STRING, got " + v.type());
        }
        return s.asString();
    }

    private static long readIntegerOf(ByteBuf body, int header, String key) {
        TypedValue v = TypedData.readValueOf(body, header);
        switch (v.type()) {
            case INT32:
            case UINT32:
            case INT64:
            case UINT64:
                return v.asLong();
            default:
                throw SpopCodecException.invalid("'" + key + "' must be an integer, got " + v.type());
        }
    }

    /** Reads a LIST-OF-MESSAGES until the end of {@code payload}. */
    static List<Message> readMessages(ByteBuf payload) {
        List<Message> messages = new ArrayList<>(2);
        while (payload.isReadable()) {
            String name = TypedData.readName(payload);
            if (!payload.isReadable()) {
                throw SpopCodecException.invalid("message '" + name + "' has no nb-args byte");
            }
            int nbArgs = payload.readUnsignedByte();
            List<Arg> args = new ArrayList<>(nbArgs);
            for (int i = 0; i < nbArgs; i++) {
                String argName = TypedData.readName(payload);
                args.add(new Arg(argName, TypedData.readValue(payload)));
            }
            messages.add(new Message(name, args));
        }
        return messages;
    }
}

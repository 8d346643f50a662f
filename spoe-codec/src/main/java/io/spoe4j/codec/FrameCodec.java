package io.spoe4j.codec;

import io.spoe4j.options.AgentOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.spoe4j.codec.Action.SetVar;
import io.spoe4j.codec.Action.UnsetVar;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.Frame.HaproxyDisconnect;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.Frame.Unknown;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes SPOP frames on {@link ByteBuf}s, with no pipeline involved. Stateless and
 * thread-safe.
 *
 * <p>Decoding waits on short input ({@link #decode} returns {@code null} and consumes nothing),
 * checks the declared length against the negotiated max-frame-size before touching the body, and
 * reports every malformed frame with {@link SpopCodecException}. Decoded frames never reference the
 * input buffer, so the caller may release it at once.
 */
public final class FrameCodec {
    /** Smallest valid LENGTH: type, flags and two one-byte varints. */
    public static final int MIN_FRAME_LENGTH = 7;

    private static final int ACTION_SET_VAR = 1;
    private static final int ACTION_UNSET_VAR = 2;

    private FrameCodec() {
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes one frame from the readable bytes of {@code in}.
     *
     * @param maxFrameSize largest LENGTH accepted; a larger declared length fails with status 3
     *        before anything is read or allocated
     * @return the frame, or {@code null} when {@code in} does not hold a whole frame yet (nothing is consumed)
     * @throws SpopCodecException for a malformed frame; the bytes of a frame whose length was valid are consumed
     */
    public static Frame decode(ByteBuf in, int maxFrameSize) {
        return decode(in, maxFrameSize, null);
    }

    /**
     * Takes the actions of an ACK where they lie in the input buffer instead of an {@link Ack}
     * being built; see {@link #decode(ByteBuf, int, AckHandler)}.
     */
    public interface AckHandler {
        /**
         * Called for each ACK with FIN and without ABORT, on the decoding thread.
         *
         * @param actions the LIST-OF-ACTIONS: the readable bytes of this buffer, valid only during the call
         * @param frameBytes the frame's size on the wire, length prefix included
         * @return true when handled; false to have the {@link Ack} built as usual (from the start of
         *         the actions, wherever the handler left the reader index)
         */
        boolean ack(long streamId, long frameId, ByteBuf actions, int frameBytes);
    }

    /**
     * {@link #decode(ByteBuf, int)}, with every final ACK offered to {@code acks} first. When the
     * handler takes one, the frame's bytes are consumed and {@code null} is returned: a caller tells
     * that from "not a whole frame yet" by the reader index, which then moved.
     */
    public static Frame decode(ByteBuf in, int maxFrameSize, AckHandler acks) {
        if (in.readableBytes() < 4) {
            return null;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxFrameSize) {
            throw new SpopCodecException(SpopStatus.FRAME_TOO_BIG,
                    "frame length " + length + " exceeds max-frame-size " + maxFrameSize);
        }
        if (length < MIN_FRAME_LENGTH) {
            throw SpopCodecException.invalid("frame length " + length + " is below the minimum of " + MIN_FRAME_LENGTH);
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

    /** Decodes a frame body: everything after the 4-byte length. */
    public static Frame decodeBody(ByteBuf body) {
        return decodeBody(body, null, 0);
    }

    private static Frame decodeBody(ByteBuf body, AckHandler acks, int frameBytes) {
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
                return new Ack(streamId, frameId, readActions(body), (flags & Frame.FLAG_ABORT) != 0);
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    private static Frame decodeKvFrame(FrameType type, ByteBuf body) {
        String versions = null;
        String capabilities = null;
        String engineId = null;
        long maxFrameSize = -1;
        boolean healthcheck = false;
        long status = -1;
        String message = null;
        while (body.isReadable()) {
            String key = readName(body);
            if (key.isEmpty()) {
                throw SpopCodecException.invalid("empty key in " + type);
            }
            int header = readHeader(body);
            // HAProxy matches a key when the received name starts with the expected one.
            if (type == FrameType.AGENT_HELLO && key.startsWith("version")
                    || type == FrameType.HAPROXY_HELLO && key.startsWith("supported-versions")) {
                versions = readStringOf(body, header, key);
            } else if ((type == FrameType.AGENT_HELLO || type == FrameType.HAPROXY_HELLO)
                    && key.startsWith("max-frame-size")) {
                maxFrameSize = readIntegerOf(body, header, key);
            } else if ((type == FrameType.AGENT_HELLO || type == FrameType.HAPROXY_HELLO)
                    && key.startsWith("capabilities")) {
                capabilities = readStringOf(body, header, key);
            } else if (type == FrameType.HAPROXY_HELLO && key.startsWith("engine-id")) {
                engineId = readStringOf(body, header, key);
            } else if (type == FrameType.HAPROXY_HELLO && key.startsWith("healthcheck")) {
                TypedValue v = readValueOf(body, header);
                if (!(v instanceof TypedValue.Bool b)) {
                    throw SpopCodecException.invalid("'healthcheck' must be a BOOL, got " + v.type());
                }
                healthcheck = b.value();
            } else if ((type == FrameType.AGENT_DISCONNECT || type == FrameType.HAPROXY_DISCONNECT)
                    && key.startsWith("status-code")) {
                status = readIntegerOf(body, header, key);
            } else if ((type == FrameType.AGENT_DISCONNECT || type == FrameType.HAPROXY_DISCONNECT)
                    && key.startsWith("message")) {
                message = readStringOf(body, header, key);
            } else {
                readValueOf(body, header);
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
        TypedValue v = readValueOf(body, header);
        if (!(v instanceof TypedValue.Str s)) {
            throw SpopCodecException.invalid("'" + key + "' must be a STRING, got " + v.type());
        }
        return s.asString();
    }

    private static long readIntegerOf(ByteBuf body, int header, String key) {
        TypedValue v = readValueOf(body, header);
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
    public static List<Message> readMessages(ByteBuf payload) {
        List<Message> messages = new ArrayList<>(2);
        while (payload.isReadable()) {
            String name = readName(payload);
            if (!payload.isReadable()) {
                throw SpopCodecException.invalid("message '" + name + "' has no nb-args byte");
            }
            int nbArgs = payload.readUnsignedByte();
            List<Arg> args = new ArrayList<>(nbArgs);
            for (int i = 0; i < nbArgs; i++) {
                String argName = readName(payload);
                args.add(new Arg(argName, readValue(payload)));
            }
            messages.add(new Message(name, args));
        }
        return messages;
    }

    /**
     * Reads a LIST-OF-ACTIONS as HAProxy does: processing stops silently at the first unknown,
     * malformed or truncated action, keeping the actions before it.
     */
    public static List<Action> readActions(ByteBuf payload) {
        ActionList list = new ActionList();
        readActions(payload, list);
        return list;
    }

    /**
     * Reads a LIST-OF-ACTIONS into {@code sink}, with the rules of {@link #readActions(ByteBuf)} and
     * no object per action. Consumes the whole payload.
     *
     * @return how many actions reached the sink
     */
    public static int readActions(ByteBuf payload, ActionSink sink) {
        int start = payload.readerIndex();
        int length = payload.readableBytes();
        byte[] bytes;
        int base;
        if (payload.hasArray()) {
            bytes = payload.array();
            base = payload.arrayOffset() + start;
        } else {
            // One bulk copy, then plain array reads: a direct buffer costs a check per byte read.
            bytes = length <= ACTIONS_SCRATCH_SIZE ? ACTIONS_SCRATCH.get() : new byte[length];
            payload.getBytes(start, bytes, 0, length);
            base = 0;
        }
        int count = readActions(bytes, base, length, payload, start, sink);
        payload.skipBytes(length);
        return count;
    }

    /** Per-thread copy of a direct buffer's actions; larger ACKs get an array of their own. */
    private static final int ACTIONS_SCRATCH_SIZE = AgentOptions.DEFAULT_MAX_FRAME_SIZE;
    private static final io.netty.util.concurrent.FastThreadLocal<byte[]> ACTIONS_SCRATCH =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected byte[] initialValue() {
                    return new byte[ACTIONS_SCRATCH_SIZE];
                }
            };

    /**
     * The parser of {@link #readActions(ByteBuf, ActionSink)} on {@code bytes[base, base + length)},
     * a copy of (or the array behind) {@code payload} from {@code start}: values are handed to the
     * sink as indexes into {@code payload}.
     */
    private static int readActions(byte[] bytes, int base, int length, ByteBuf payload, int start, ActionSink sink) {
        int count = 0;
        int p = 0;
        while (length - p >= 2) {
            int code = bytes[base + p] & 0xFF;
            int nbArgs = bytes[base + p + 1] & 0xFF;
            p += 2;
            if (!(code == ACTION_SET_VAR && nbArgs == 3 || code == ACTION_UNSET_VAR && nbArgs == 2) || p >= length) {
                break;
            }
            Scope scope = Scope.of(bytes[base + p] & 0xFF);
            p++;
            if (scope == null) {
                break;
            }
            // The name: varint length, bytes.
            int lengthBytes = varintLength(bytes, base + p, length - p);
            if (lengthBytes <= 0) {
                break;
            }
            long nameLength = varint(bytes, base + p, lengthBytes);
            p += lengthBytes;
            if (nameLength < 0 || nameLength > length - p) {
                break;
            }
            String name = nameLength == 0 ? "" : NameCache.get(bytes, base + p, (int) nameLength);
            p += (int) nameLength;
            if (code == ACTION_UNSET_VAR) {
                sink.unsetVar(scope, name);
                count++;
                continue;
            }
            if (p >= length) {
                break;
            }
            int header = bytes[base + p] & 0xFF;
            p++;
            int type = header & 0x0F;
            if (type == 0) {
                sink.setNull(scope, name);
            } else if (type == 1) {
                sink.setBool(scope, name, (header & 0xF0) == 0x10);
            } else if (type <= 5) {
                int n = varintLength(bytes, base + p, length - p);
                if (n <= 0) {
                    break;
                }
                long value = varint(bytes, base + p, n);
                p += n;
                sink.setInt(scope, name, DataType.of(type), value);
            } else if (type <= 7) {
                int n = type == 6 ? 4 : 16;
                if (length - p < n) {
                    break;
                }
                sink.setAddress(scope, name, type == 6 ? DataType.IPV4 : DataType.IPV6, payload, start + p);
                p += n;
            } else if (type <= 9) {
                int n = varintLength(bytes, base + p, length - p);
                if (n <= 0) {
                    break;
                }
                long valueLength = varint(bytes, base + p, n);
                p += n;
                if (valueLength < 0 || valueLength > length - p) {
                    break;
                }
                // HAProxy compares the whole header byte with STRING: flag bits turn it into BINARY.
                sink.setBytes(scope, name, header == 8 ? DataType.STRING : DataType.BINARY, payload, start + p,
                        (int) valueLength);
                p += (int) valueLength;
            } else {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * Bytes of the varint at {@code bytes[at]} with {@code left} bytes available: 1 to
     * {@link Varint#MAX_LENGTH}, or 0 when it is truncated or too long (as {@link Varint#read} rejects).
     */
    private static int varintLength(byte[] bytes, int at, int left) {
        if (left <= 0) {
            return 0;
        }
        if ((bytes[at] & 0xFF) < 240) {
            return 1;
        }
        for (int i = 1; i < Varint.MAX_LENGTH; i++) {
            if (i >= left) {
                return 0;
            }
            if ((bytes[at + i] & 0xFF) < 128) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The value of the {@code n}-byte varint at {@code bytes[at]}, as {@link Varint#read} decodes it. */
    private static long varint(byte[] bytes, int at, int n) {
        long value = bytes[at] & 0xFF;
        int shift = 4;
        for (int i = 1; i < n; i++) {
            value += (long) (bytes[at + i] & 0xFF) << shift;
            shift += 7;
        }
        return value;
    }

    /** The sink behind {@link #readActions(ByteBuf)}: one {@link Action} per action. */
    private static final class ActionList extends ArrayList<Action> implements ActionSink {
        ActionList() {
            super(8);
        }

        @Override
        public void unsetVar(Scope scope, String name) {
            add(new UnsetVar(scope, name));
        }

        @Override
        public void setNull(Scope scope, String name) {
            add(new SetVar(scope, name, TypedValue.NULL));
        }

        @Override
        public void setBool(Scope scope, String name, boolean value) {
            add(new SetVar(scope, name, TypedValue.bool(value)));
        }

        @Override
        public void setInt(Scope scope, String name, DataType type, long value) {
            TypedValue v;
            switch (type) {
                case INT32:
                    v = new TypedValue.Int32(value);
                    break;
                case UINT32:
                    v = new TypedValue.Uint32(value);
                    break;
                case INT64:
                    v = new TypedValue.Int64(value);
                    break;
                default:
                    v = new TypedValue.Uint64(value);
                    break;
            }
            add(new SetVar(scope, name, v));
        }

        @Override
        public void setAddress(Scope scope, String name, DataType type, ByteBuf in, int index) {
            byte[] a = new byte[type == DataType.IPV4 ? 4 : 16];
            in.getBytes(index, a);
            add(new SetVar(scope, name, type == DataType.IPV4 ? new TypedValue.Ipv4(a) : new TypedValue.Ipv6(a)));
        }

        @Override
        public void setBytes(Scope scope, String name, DataType type, ByteBuf in, int index, int length) {
            byte[] b = new byte[length];
            in.getBytes(index, b);
            add(new SetVar(scope, name, type == DataType.STRING ? new TypedValue.Str(b) : new TypedValue.Binary(b)));
        }
    }

    /** Reads an untyped name: varint length and bytes. */
    public static String readName(ByteBuf in) {
        int length = readLength(in);
        if (length == 0) {
            return "";
        }
        int start = in.readerIndex();
        in.skipBytes(length);
        return NameCache.get(in, start, length);
    }

    private static int readLength(ByteBuf in) {
        long length = Varint.read(in);
        if (length < 0 || length > in.readableBytes()) {
            throw SpopCodecException.invalid("length " + Long.toUnsignedString(length) + " runs past the end of the frame ("
                    + in.readableBytes() + " bytes left)");
        }
        return (int) length;
    }

    private static int readHeader(ByteBuf in) {
        if (!in.isReadable()) {
            throw SpopCodecException.invalid("typed value expected but the frame ended");
        }
        return in.readUnsignedByte();
    }

    /** Reads one typed value. */
    public static TypedValue readValue(ByteBuf in) {
        return readValueOf(in, readHeader(in));
    }

    private static TypedValue readValueOf(ByteBuf in, int header) {
        int type = header & 0x0F;
        switch (type) {
            case 0:
                return TypedValue.NULL;
            case 1:
                return TypedValue.bool((header & 0xF0) == 0x10);
            case 2:
                return new TypedValue.Int32(Varint.read(in));
            case 3:
                return new TypedValue.Uint32(Varint.read(in));
            case 4:
                return new TypedValue.Int64(Varint.read(in));
            case 5:
                return new TypedValue.Uint64(Varint.read(in));
            case 6:
                return new TypedValue.Ipv4(readFixed(in, 4, "IPV4"));
            case 7:
                return new TypedValue.Ipv6(readFixed(in, 16, "IPV6"));
            case 8:
            case 9: {
                byte[] bytes = readFixed(in, readLength(in), "STRING");
                // HAProxy compares the whole header byte with STRING: flag bits turn it into BINARY.
                return header == 8 ? new TypedValue.Str(bytes) : new TypedValue.Binary(bytes);
            }
            default:
                throw SpopCodecException.invalid("reserved data type " + type);
        }
    }

    private static byte[] readFixed(ByteBuf in, int length, String what) {
        if (in.readableBytes() < length) {
            throw SpopCodecException.invalid(what + " needs " + length + " bytes, " + in.readableBytes() + " left");
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Room to leave before a NOTIFY's LIST-OF-MESSAGES encoded on its own, for
     * {@link #writeNotifyHeader}: the largest length prefix, type, flags and ids.
     */
    public static final int NOTIFY_HEADROOM = 4 + 1 + 4 + 2 * Varint.MAX_LENGTH;

    /**
     * Turns a LIST-OF-MESSAGES encoded on its own into a whole NOTIFY frame without copying it: the
     * payload is the readable bytes of {@code payload}, which must have at least
     * {@link #NOTIFY_HEADROOM} bytes before its reader index; the length prefix, type, FIN flag and
     * ids are written just before it and the reader index moves back to the frame's start.
     *
     * @return the frame's LENGTH (everything after the 4-byte prefix)
     */
    public static int writeNotifyHeader(ByteBuf payload, long streamId, long frameId) {
        int idsLength = Varint.length(streamId) + Varint.length(frameId);
        int length = 5 + idsLength + payload.readableBytes();
        int start = payload.readerIndex() - 4 - 5 - idsLength;
        if (start < 0) {
            throw new IllegalArgumentException("no headroom for the NOTIFY header: reader index " + payload.readerIndex());
        }
        int end = payload.writerIndex();
        payload.setIndex(start, start);
        payload.writeInt(length);
        payload.writeByte(FrameType.NOTIFY.code());
        payload.writeInt(Frame.FLAG_FIN);
        Varint.write(payload, streamId);
        Varint.write(payload, frameId);
        payload.writerIndex(end);
        return length;
    }

    /** Total bytes {@link #encode} writes for {@code frame}, the 4-byte length prefix included. */
    public static int encodedLength(Frame frame) {
        return 4 + bodyLength(frame);
    }

    /** The LENGTH field of {@code frame}: everything after the 4-byte prefix. */
    public static int bodyLength(Frame frame) {
        return 5 + Varint.length(streamId(frame)) + Varint.length(frameId(frame)) + payloadLength(frame);
    }

    /** Encodes {@code frame} into a new buffer of exactly the right size. */
    public static ByteBuf encode(Frame frame, ByteBufAllocator allocator) {
        ByteBuf out = allocator.buffer(encodedLength(frame));
        try {
            encode(frame, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Writes {@code frame}, length prefix included, at the writer index of {@code out}. */
    public static void encode(Frame frame, ByteBuf out) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int start = out.writerIndex();
        int flags = frame instanceof Fragment f ? f.flags() : frame instanceof Ack a && a.abort()
                ? Frame.FLAG_FIN | Frame.FLAG_ABORT : Frame.FLAG_FIN;
        int typeCode = frame instanceof Unknown u ? u.typeCode() : frame.type().code();
        out.writeByte(typeCode);
        out.writeInt(flags);
        Varint.write(out, streamId(frame));
        Varint.write(out, frameId(frame));
        writePayload(frame, out);
        out.setInt(lengthIndex, out.writerIndex() - start);
    }

    private static long streamId(Frame frame) {
        if (frame instanceof Notify n) {
            return n.streamId();
        } else if (frame instanceof Ack a) {
            return a.streamId();
        } else if (frame instanceof Fragment f) {
            return f.streamId();
        } else if (frame instanceof Unknown u) {
            return u.streamId();
        }
        return 0;
    }

    private static long frameId(Frame frame) {
        if (frame instanceof Notify n) {
            return n.frameId();
        } else if (frame instanceof Ack a) {
            return a.frameId();
        } else if (frame instanceof Fragment f) {
            return f.frameId();
        } else if (frame instanceof Unknown u) {
            return u.frameId();
        }
        return 0;
    }

    private static int payloadLength(Frame frame) {
        if (frame instanceof Notify n) {
            return messagesLength(n.messages());
        } else if (frame instanceof Ack a) {
            return actionsLength(a.actions());
        } else if (frame instanceof Fragment f) {
            return f.payload().length;
        } else if (frame instanceof HaproxyHello h) {
            int n = kvLength("supported-versions") + stringLength(h.supportedVersions())
                    + kvLength("max-frame-size") + 1 + Varint.length(h.maxFrameSize())
                    + kvLength("capabilities") + stringLength(h.capabilities());
            if (h.engineId() != null) {
                n += kvLength("engine-id") + stringLength(h.engineId());
            }
            if (h.healthcheck()) {
                n += kvLength("healthcheck") + 1;
            }
            return n;
        } else if (frame instanceof AgentHello h) {
            int n = 0;
            if (h.version() != null) {
                n += kvLength("version") + stringLength(h.version());
            }
            if (h.maxFrameSize() >= 0) {
                n += kvLength("max-frame-size") + 1 + Varint.length(h.maxFrameSize());
            }
            if (h.capabilities() != null) {
                n += kvLength("capabilities") + stringLength(h.capabilities());
            }
            return n;
        } else if (frame instanceof HaproxyDisconnect d) {
            return disconnectLength(d.statusCode(), d.message());
        } else if (frame instanceof AgentDisconnect d) {
            return disconnectLength(d.statusCode(), d.message());
        }
        return 0;
    }

    private static int disconnectLength(long status, String message) {
        int n = 0;
        if (status >= 0) {
            n += kvLength("status-code") + 1 + Varint.length(status);
        }
        if (message != null) {
            n += kvLength("message") + stringLength(message);
        }
        return n;
    }

    private static void writePayload(Frame frame, ByteBuf out) {
        if (frame instanceof Notify n) {
            writeMessages(n.messages(), out);
        } else if (frame instanceof Ack a) {
            writeActions(a.actions(), out);
        } else if (frame instanceof Fragment f) {
            out.writeBytes(f.payload());
        } else if (frame instanceof HaproxyHello h) {
            writeName(out, "supported-versions");
            writeString(out, h.supportedVersions());
            writeName(out, "max-frame-size");
            writeUint32(out, h.maxFrameSize());
            writeName(out, "capabilities");
            writeString(out, h.capabilities());
            if (h.engineId() != null) {
                writeName(out, "engine-id");
                writeString(out, h.engineId());
            }
            if (h.healthcheck()) {
                writeName(out, "healthcheck");
                out.writeByte(0x11);
            }
        } else if (frame instanceof AgentHello h) {
            if (h.version() != null) {
                writeName(out, "version");
                writeString(out, h.version());
            }
            if (h.maxFrameSize() >= 0) {
                writeName(out, "max-frame-size");
                writeUint32(out, h.maxFrameSize());
            }
            if (h.capabilities() != null) {
                writeName(out, "capabilities");
                writeString(out, h.capabilities());
            }
        } else if (frame instanceof HaproxyDisconnect d) {
            writeDisconnect(out, d.statusCode(), d.message());
        } else if (frame instanceof AgentDisconnect d) {
            writeDisconnect(out, d.statusCode(), d.message());
        }
    }

    private static void writeDisconnect(ByteBuf out, long status, String message) {
        if (status >= 0) {
            writeName(out, "status-code");
            writeUint32(out, status);
        }
        if (message != null) {
            writeName(out, "message");
            writeString(out, message);
        }
    }

    /** Bytes of a LIST-OF-MESSAGES. */
    public static int messagesLength(List<Message> messages) {
        int n = 0;
        for (int i = 0, size = messages.size(); i < size; i++) {
            Message m = messages.get(i);
            n += nameLength(m.name()) + 1;
            List<Arg> args = m.args();
            for (int j = 0, nargs = args.size(); j < nargs; j++) {
                Arg a = args.get(j);
                n += nameLength(a.name()) + valueLength(a.value());
            }
        }
        return n;
    }

    /** Writes a LIST-OF-MESSAGES. */
    public static void writeMessages(List<Message> messages, ByteBuf out) {
        for (int i = 0, size = messages.size(); i < size; i++) {
            Message m = messages.get(i);
            writeName(out, m.name());
            List<Arg> args = m.args();
            out.writeByte(args.size());
            for (int j = 0, nargs = args.size(); j < nargs; j++) {
                Arg a = args.get(j);
                writeName(out, a.name());
                writeValue(out, a.value());
            }
        }
    }

    static int actionsLength(List<Action> actions) {
        int n = 0;
        for (int i = 0, size = actions.size(); i < size; i++) {
            Action a = actions.get(i);
            n += 3 + nameLength(a.name());
            if (a instanceof SetVar s) {
                n += valueLength(s.value());
            }
        }
        return n;
    }

    /** Writes a LIST-OF-ACTIONS. */
    public static void writeActions(List<Action> actions, ByteBuf out) {
        for (int i = 0, size = actions.size(); i < size; i++) {
            Action a = actions.get(i);
            if (a instanceof SetVar s) {
                out.writeByte(ACTION_SET_VAR);
                out.writeByte(3);
                out.writeByte(s.scope().code());
                writeName(out, s.name());
                writeValue(out, s.value());
            } else {
                out.writeByte(ACTION_UNSET_VAR);
                out.writeByte(2);
                out.writeByte(a.scope().code());
                writeName(out, a.name());
            }
        }
    }

    /** Bytes of a name: varint length and UTF-8 bytes. */
    public static int nameLength(String name) {
        int n = ByteBufUtil.utf8Bytes(name);
        return Varint.length(n) + n;
    }

    private static int kvLength(String key) {
        return 1 + key.length();
    }

    private static int stringLength(String value) {
        return 1 + nameLength(value);
    }

    public static void writeName(ByteBuf out, String name) {
        int n = ByteBufUtil.utf8Bytes(name);
        Varint.write(out, n);
        if (n > 0) {
            ByteBufUtil.reserveAndWriteUtf8(out, name, n);
        }
    }

    private static void writeString(ByteBuf out, String value) {
        out.writeByte(DataType.STRING.code());
        writeName(out, value);
    }

    private static void writeUint32(ByteBuf out, long value) {
        out.writeByte(DataType.UINT32.code());
        Varint.write(out, value);
    }

    /** Bytes of a typed value, header included. */
    public static int valueLength(TypedValue value) {
        switch (value.type()) {
            case NULL:
            case BOOL:
                return 1;
            case INT32:
            case UINT32:
            case INT64:
            case UINT64:
                return 1 + Varint.length(value.asLong());
            case IPV4:
                return 5;
            case IPV6:
                return 17;
            case STRING: {
                int n = ((TypedValue.Str) value).bytes().length;
                return 1 + Varint.length(n) + n;
            }
            default: {
                int n = ((TypedValue.Binary) value).bytes().length;
                return 1 + Varint.length(n) + n;
            }
        }
    }

    /** Writes a typed value. */
    public static void writeValue(ByteBuf out, TypedValue value) {
        switch (value.type()) {
            case NULL:
                out.writeByte(0x00);
                break;
            case BOOL:
                out.writeByte(((TypedValue.Bool) value).value() ? 0x11 : 0x01);
                break;
            case INT32:
            case UINT32:
            case INT64:
            case UINT64:
                out.writeByte(value.type().code());
                Varint.write(out, value.asLong());
                break;
            case IPV4:
                out.writeByte(0x06);
                out.writeBytes(((TypedValue.Ipv4) value).address());
                break;
            case IPV6:
                out.writeByte(0x07);
                out.writeBytes(((TypedValue.Ipv6) value).address());
                break;
            case STRING: {
                byte[] bytes = ((TypedValue.Str) value).bytes();
                out.writeByte(0x08);
                Varint.write(out, bytes.length);
                out.writeBytes(bytes);
                break;
            }
            default: {
                byte[] bytes = ((TypedValue.Binary) value).bytes();
                out.writeByte(0x09);
                Varint.write(out, bytes.length);
                out.writeBytes(bytes);
                break;
            }
        }
    }
}

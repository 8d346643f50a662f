package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * Encodes and decodes SPOP frames on {@link ByteBuf}s, with no pipeline involved. Stateless and
 * thread-safe.
 *
 * <p>Decoding waits on short input ({@link #decode} returns {@code null} and consumes nothing),
 * checks the declared length against the negotiated max-frame-size before touching the body, and
 * reports every malformed frame with {@link SpopCodecException}. Decoded frames never reference the
 * input buffer, so the caller may release it at once.
 *
 * <p>Encoding writes the header each {@link Frame} record describes (type, flags, ids), then the
 * record's own payload writer. This class is the codec's public entry point; the work is done by
 * {@code FrameReader} (frames), {@code ActionReader} (an ACK's actions, allocation-free) and
 * {@code TypedData} (names, typed values, KV items, message and action lists).
 */
public final class FrameCodec {
    /** Smallest valid LENGTH: type, flags and two one-byte varints. */
    public static final int MIN_FRAME_LENGTH = 7;

    /** Bytes of a frame header before its ids: the TYPE byte and the 4-byte FLAGS. */
    private static final int TYPE_AND_FLAGS = 5;

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
        return FrameReader.decode(in, maxFrameSize, null);
    }

    /**
     * Takes the actions of an ACK where they lie in the input buffer instead of an {@link Frame.Ack}
     * being built; see {@link #decode(ByteBuf, int, AckHandler)}.
     */
    public interface AckHandler {
        /**
         * Called for each ACK with FIN and without ABORT, on the decoding thread.
         *
         * @param actions the LIST-OF-ACTIONS: the readable bytes of this buffer, valid only during the call
         * @param frameBytes the frame's size on the wire, length prefix included
         * @return true when handled; false to have the {@link Frame.Ack} built as usual (from the start of
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
        return FrameReader.decode(in, maxFrameSize, acks);
    }

    /** Decodes a frame body: everything after the 4-byte length. */
    public static Frame decodeBody(ByteBuf body) {
        return FrameReader.decodeBody(body, null, 0);
    }

    /** Reads a LIST-OF-MESSAGES until the end of {@code payload}. */
    public static List<Message> readMessages(ByteBuf payload) {
        return FrameReader.readMessages(payload);
    }

    /**
     * Reads a LIST-OF-ACTIONS as HAProxy does: processing stops silently at the first unknown,
     * malformed or truncated action, keeping the actions before it.
     */
    public static List<Action> readActions(ByteBuf payload) {
        return ActionReader.read(payload);
    }

    /**
     * Reads a LIST-OF-ACTIONS into {@code sink}, with the rules of {@link #readActions(ByteBuf)} and
     * no object per action. Consumes the whole payload.
     *
     * @return how many actions reached the sink
     */
    public static int readActions(ByteBuf payload, ActionSink sink) {
        return ActionReader.read(payload, sink);
    }

    /** Reads an untyped name: varint length and bytes. */
    public static String readName(ByteBuf in) {
        return TypedData.readName(in);
    }

    /** Reads one typed value. */
    public static TypedValue readValue(ByteBuf in) {
        return TypedData.readValue(in);
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Room to leave before a NOTIFY's LIST-OF-MESSAGES encoded on its own, for
     * {@link #writeNotifyHeader}: the largest length prefix, type, flags and ids.
     */
    public static final int NOTIFY_HEADROOM = 4 + TYPE_AND_FLAGS + 2 * Varint.MAX_LENGTH;

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
        int length = TYPE_AND_FLAGS + idsLength + payload.readableBytes();
        int start = payload.readerIndex() - 4 - TYPE_AND_FLAGS - idsLength;
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
        return TYPE_AND_FLAGS + Varint.length(frame.streamId()) + Varint.length(frame.frameId()) + frame.payloadLength();
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
        out.writeByte(frame.typeCode());
        out.writeInt(frame.wireFlags());
        Varint.write(out, frame.streamId());
        Varint.write(out, frame.frameId());
        frame.writePayload(out);
        out.setInt(lengthIndex, out.writerIndex() - start);
    }

    /** Bytes of a LIST-OF-MESSAGES. */
    public static int messagesLength(List<Message> messages) {
        return TypedData.messagesLength(messages);
    }

    /** Writes a LIST-OF-MESSAGES. */
    public static void writeMessages(List<Message> messages, ByteBuf out) {
        TypedData.writeMessages(messages, out);
    }

    /** Writes a LIST-OF-ACTIONS. */
    public static void writeActions(List<Action> actions, ByteBuf out) {
        TypedData.writeActions(actions, out);
    }

    /** Bytes of a name: varint length and UTF-8 bytes. */
    public static int nameLength(String name) {
        return TypedData.nameLength(name);
    }

    /** Writes a name: varint length and UTF-8 bytes. */
    public static void writeName(ByteBuf out, String name) {
        TypedData.writeName(out, name);
    }

    /** Bytes of a typed value, header included. */
    public static int valueLength(TypedValue value) {
        return TypedData.valueLength(value);
    }

    /** Writes a typed value. */
    public static void writeValue(ByteBuf out, TypedValue value) {
        TypedData.writeValue(out, value);
    }
}

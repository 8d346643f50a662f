package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.spoe4j.codec.Action.SetVar;
import java.util.List;

/**
 * The pieces every payload is made of: names (varint length and UTF-8 bytes), typed values, the
 * KEY/VALUE items of HELLO and DISCONNECT frames, and the LIST-OF-MESSAGES and LIST-OF-ACTIONS
 * writers. Each writer has its length function beside it. Stateless; {@link FrameCodec} exposes
 * the public ones.
 */
final class TypedData {
    /** The header bit a BOOL carries when true. */
    static final int BOOL_TRUE = 0x10;

    private TypedData() {
    }

    // ---------------------------------------------------------------- names

    /** Bytes of a name: varint length and UTF-8 bytes. */
    static int nameLength(String name) {
        int n = ByteBufUtil.utf8Bytes(name);
        return Varint.length(n) + n;
    }

    static void writeName(ByteBuf out, String name) {
        int n = ByteBufUtil.utf8Bytes(name);
        Varint.write(out, n);
        if (n > 0) {
            ByteBufUtil.reserveAndWriteUtf8(out, name, n);
        }
    }

    /** Reads an untyped name: varint length and bytes. */
    static String readName(ByteBuf in) {
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

    // ---------------------------------------------------------------- typed values

    /** Bytes of a typed value, header included. */
    static int valueLength(TypedValue value) {
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
    static void writeValue(ByteBuf out, TypedValue value) {
        DataType type = value.type();
        switch (type) {
            case NULL:
                out.writeByte(type.code());
                break;
            case BOOL:
                out.writeByte(((TypedValue.Bool) value).value() ? type.code() | BOOL_TRUE : type.code());
                break;
            case INT32:
            case UINT32:
            case INT64:
            case UINT64:
                out.writeByte(type.code());
                Varint.write(out, value.asLong());
                break;
            case IPV4:
                out.writeByte(type.code());
                out.writeBytes(((TypedValue.Ipv4) value).address());
                break;
            case IPV6:
                out.writeByte(type.code());
                out.writeBytes(((TypedValue.Ipv6) value).address());
                break;
            case STRING: {
                byte[] bytes = ((TypedValue.Str) value).bytes();
                out.writeByte(type.code());
                Varint.write(out, bytes.length);
                out.writeBytes(bytes);
                break;
            }
            default: {
                byte[] bytes = ((TypedValue.Binary) value).bytes();
                out.writeByte(type.code());
                Varint.write(out, bytes.length);
                out.writeBytes(bytes);
                break;
            }
        }
    }

    /** A typed value's header byte; fails when the frame ended. */
    static int readHeader(ByteBuf in) {
        if (!in.isReadable()) {
            throw SpopCodecException.invalid("typed value expected but the frame ended");
        }
        return in.readUnsignedByte();
    }

    /** Reads one typed value. */
    static TypedValue readValue(ByteBuf in) {
        return readValueOf(in, readHeader(in));
    }

    /** Reads the rest of the typed value whose header byte was read already. */
    static TypedValue readValueOf(ByteBuf in, int header) {
        DataType type = DataType.of(header & 0x0F);
        if (type == null) {
            throw SpopCodecException.invalid("reserved data type " + (header & 0x0F));
        }
        switch (type) {
            case NULL:
                return TypedValue.NULL;
            case BOOL:
                return TypedValue.bool((header & 0xF0) == BOOL_TRUE);
            case INT32:
                return new TypedValue.Int32(Varint.read(in));
            case UINT32:
                return new TypedValue.Uint32(Varint.read(in));
            case INT64:
                return new TypedValue.Int64(Varint.read(in));
            case UINT64:
                return new TypedValue.Uint64(Varint.read(in));
            case IPV4:
                return new TypedValue.Ipv4(readFixed(in, 4, "IPV4"));
            case IPV6:
                return new TypedValue.Ipv6(readFixed(in, 16, "IPV6"));
            default: {
                byte[] bytes = readFixed(in, readLength(in), "STRING");
                // HAProxy compares the whole header byte with STRING: flag bits turn it into BINARY.
                return header == DataType.STRING.code() ? new TypedValue.Str(bytes) : new TypedValue.Binary(bytes);
            }
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

    // ---------------------------------------------------------------- KEY/VALUE items (HELLO, DISCONNECT)

    /** KV keys. A reader matches a key when the received name starts with it, as HAProxy does. */
    static final String SUPPORTED_VERSIONS = "supported-versions";
    static final String VERSION = "version";
    static final String MAX_FRAME_SIZE = "max-frame-size";
    static final String CAPABILITIES = "capabilities";
    static final String ENGINE_ID = "engine-id";
    static final String HEALTHCHECK = "healthcheck";
    static final String STATUS_CODE = "status-code";
    static final String MESSAGE = "message";

    /** Bytes of a KV item with a STRING value; keys are ASCII names shorter than 240 bytes. */
    static int stringItemLength(String key, String value) {
        return 1 + key.length() + 1 + nameLength(value);
    }

    /** Bytes of a KV item with a UINT32 value. */
    static int uint32ItemLength(String key, long value) {
        return 1 + key.length() + 1 + Varint.length(value);
    }

    /** Bytes of a KV item with a BOOL value. */
    static int boolItemLength(String key) {
        return 1 + key.length() + 1;
    }

    static void writeStringItem(ByteBuf out, String key, String value) {
        writeName(out, key);
        out.writeByte(DataType.STRING.code());
        writeName(out, value);
    }

    static void writeUint32Item(ByteBuf out, String key, long value) {
        writeName(out, key);
        out.writeByte(DataType.UINT32.code());
        Varint.write(out, value);
    }

    static void writeBoolItem(ByteBuf out, String key, boolean value) {
        writeName(out, key);
        out.writeByte(value ? DataType.BOOL.code() | BOOL_TRUE : DataType.BOOL.code());
    }

    /** Bytes of a DISCONNECT payload: status-code and message, each when present. */
    static int disconnectLength(long status, String message) {
        int n = 0;
        if (status >= 0) {
            n += uint32ItemLength(STATUS_CODE, status);
        }
        if (message != null) {
            n += stringItemLength(MESSAGE, message);
        }
        return n;
    }

    static void writeDisconnect(ByteBuf out, long status, String message) {
        if (status >= 0) {
            writeUint32Item(out, STATUS_CODE, status);
        }
        if (message != null) {
            writeStringItem(out, MESSAGE, message);
        }
    }

    // ---------------------------------------------------------------- LIST-OF-MESSAGES, LIST-OF-ACTIONS

    /** Bytes of a LIST-OF-MESSAGES. */
    static int messagesLength(List<Message> messages) {
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
    static void writeMessages(List<Message> messages, ByteBuf out) {
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

    /** Bytes of a LIST-OF-ACTIONS. */
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
    static void writeActions(List<Action> actions, ByteBuf out) {
        for (int i = 0, size = actions.size(); i < size; i++) {
            Action a = actions.get(i);
            ActionType type = a instanceof SetVar ? ActionType.SET_VAR : ActionType.UNSET_VAR;
            out.writeByte(type.code());
            out.writeByte(type.nbArgs());
            out.writeByte(a.scope().code());
            writeName(out, a.name());
            if (a instanceof SetVar s) {
                writeValue(out, s.value());
            }
        }
    }
}

package io.spoe4j.codec;

import io.spoe4j.options.AgentOptions;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.spoe4j.codec.Action.SetVar;
import io.spoe4j.codec.Action.UnsetVar;
import java.util.ArrayList;
import java.util.List;

/**
 * An ACK's LIST-OF-ACTIONS, parsed from an array (the heap buffer's own, or one bulk copy of a
 * direct buffer) into an {@link ActionSink}: the engine's hot path, with no object per action.
 * Stateless and thread-safe (the scratch array is per thread).
 */
final class ActionReader {
    /** Per-thread copy of a direct buffer's actions; larger ACKs get an array of their own. */
    private static final int ACTIONS_SCRATCH_SIZE = AgentOptions.DEFAULT_MAX_FRAME_SIZE;
    private static final FastThreadLocal<byte[]> ACTIONS_SCRATCH =
            new FastThreadLocal<>() {
                @Override
                protected byte[] initialValue() {
                    return new byte[ACTIONS_SCRATCH_SIZE];
                }
            };

    private ActionReader() {
    }

    /**
     * Reads a LIST-OF-ACTIONS as HAProxy does: processing stops silently at the first unknown,
     * malformed or truncated action, keeping the actions before it.
     */
    static List<Action> read(ByteBuf payload) {
        ActionList list = new ActionList();
        read(payload, list);
        return list;
    }

    /**
     * Reads a LIST-OF-ACTIONS into {@code sink}, with the rules of {@link #read(ByteBuf)} and
     * no object per action. Consumes the whole payload.
     *
     * @return how many actions reached the sink
     */
    static int read(ByteBuf payload, ActionSink sink) {
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
        int count = read(bytes, base, length, payload, start, sink);
        payload.skipBytes(length);
        return count;
    }

    /**
     * The parser of {@link #read(ByteBuf, ActionSink)} on {@code bytes[base, base + length)},
     * a copy of (or the array behind) {@code payload} from {@code start}: values are handed to the
     * sink as indexes into {@code payload}.
     */
    private static int read(byte[] bytes, int base, int length, ByteBuf payload, int start, ActionSink sink) {
        int count = 0;
        int p = 0;
        while (length - p >= 2) {
            ActionType action = ActionType.of(bytes[base + p] & 0xFF);
            int nbArgs = bytes[base + p + 1] & 0xFF;
            p += 2;
            if (action == null || nbArgs != action.nbArgs() || p >= length) {
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
            if (action == ActionType.UNSET_VAR) {
                sink.unsetVar(scope, name);
                count++;
                continue;
            }
            if (p >= length) {
                break;
            }
            int header = bytes[base + p] & 0xFF;
            p++;
            // The DataType codes (0 NULL ... 9 BINARY) compared as ints: this loop is the ACK hot path.
            int type = header & 0x0F;
            if (type == 0) {
                sink.setNull(scope, name);
            } else if (type == 1) {
                sink.setBool(scope, name, (header & 0xF0) == TypedData.BOOL_TRUE);
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

    /** The sink behind {@link #read(ByteBuf)}: one {@link Action} per action. */
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
}

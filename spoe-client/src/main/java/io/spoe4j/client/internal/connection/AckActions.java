package io.spoe4j.client.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.ActionSink;
import io.spoe4j.codec.DataType;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Scope;
import io.spoe4j.client.internal.TrustedList;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The actions of one ACK kept as the bytes of its LIST-OF-ACTIONS and decoded on first use: an
 * ACK applied straight into the variable stores needs no {@link Action} objects unless someone reads
 * them. Immutable and thread-safe (a racing first use decodes twice, to equal lists).
 */
public final class AckActions extends AbstractList<Action> implements RandomAccess, TrustedList {
    private final byte[] payload;
    private final int size;
    private volatile List<Action> decoded;

    private AckActions(byte[] payload, int size) {
        this.payload = payload;
        this.size = size;
    }

    /**
     * The actions of the LIST-OF-ACTIONS at {@code [start, end)} of {@code actions}, of which
     * decoding yields {@code count} (as {@link FrameCodec#readActions(ByteBuf, ActionSink)} returned).
     * Indexes are absolute and do not move.
     */
    public static List<Action> of(ByteBuf actions, int start, int end, int count) {
        if (count == 0) {
            return List.of();
        }
        byte[] bytes = new byte[end - start];
        actions.getBytes(start, bytes);
        return new AckActions(bytes, count);
    }

    /** The actions of the readable bytes of {@code actions}, counted by a first pass; indexes do not move. */
    public static List<Action> of(ByteBuf actions) {
        int start = actions.readerIndex();
        int end = actions.writerIndex();
        int count = FrameCodec.readActions(actions, Counter.INSTANCE);
        actions.readerIndex(start);
        return of(actions, start, end, count);
    }

    private List<Action> decoded() {
        List<Action> d = decoded;
        if (d == null) {
            d = List.copyOf(FrameCodec.readActions(Unpooled.wrappedBuffer(payload)));
            decoded = d;
        }
        return d;
    }

    @Override
    public Action get(int index) {
        return decoded().get(index);
    }

    @Override
    public int size() {
        return size;
    }

    /** Counts actions without keeping them. */
    private enum Counter implements ActionSink {
        INSTANCE;

        @Override
        public void unsetVar(Scope scope, String name) {
        }

        @Override
        public void setNull(Scope scope, String name) {
        }

        @Override
        public void setBool(Scope scope, String name, boolean value) {
        }

        @Override
        public void setInt(Scope scope, String name, DataType type, long value) {
        }

        @Override
        public void setAddress(Scope scope, String name, DataType type, ByteBuf in, int index) {
        }

        @Override
        public void setBytes(Scope scope, String name, DataType type, ByteBuf in, int index, int length) {
        }
    }
}

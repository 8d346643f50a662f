package io.spoe4j.client.internal.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * NOTIFY frames awaiting their ACK, keyed by stream-id, each with its frame-id: on one connection
 * (each stream carries one frame at a time, frame-id 1 as in HAProxy 3.1+), or, {@linkplain
 * #growable() growing}, in a stripe of an engine's {@link AsyncStreams}. Open addressing with linear
 * probing over primitive long keys and backward-shift deletion, so matching an ACK neither boxes
 * nor allocates. Not thread-safe: owned by the connection's event loop, or guarded by its stripe.
 */
final class InflightTable<T> {
    private static final long EMPTY = 0;

    private long[] keys;
    private Object[] values;
    private long[] frameIds;
    private int mask;
    /** The most frames at once; {@link Integer#MAX_VALUE} for a table that grows. */
    private final int maxSize;
    private int size;

    /** A table of a fixed capacity for {@code maxSize} frames at once. */
    InflightTable(int maxSize) {
        this.maxSize = maxSize;
        allocate(Integer.highestOneBit(Math.max(4, maxSize * 2 - 1)) << 1);
    }

    private InflightTable() {
        this.maxSize = Integer.MAX_VALUE;
        allocate(16);
    }

    /** A table without a bound that doubles when it is half full. */
    static <T> InflightTable<T> growable() {
        return new InflightTable<>();
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        frameIds = new long[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= maxSize;
    }

    /** Adds a frame; {@code streamId} must be non-zero and absent. */
    void put(long streamId, long frameId, T value) {
        if (streamId == EMPTY) {
            throw new IllegalArgumentException("stream-id 0");
        }
        if (size >= maxSize) {
            throw new IllegalStateException("in-flight table full (" + maxSize + ")");
        }
        if ((size + 1) * 2 > keys.length) {
            grow(); // only a growable table gets here: a fixed one has room for twice maxSize
        }
        int i = index(streamId);
        while (keys[i] != EMPTY) {
            if (keys[i] == streamId) {
                throw new IllegalStateException("stream-id " + streamId + " already in flight");
            }
            i = (i + 1) & mask;
        }
        keys[i] = streamId;
        values[i] = value;
        frameIds[i] = frameId;
        size++;
    }

    /** The frame-id in flight on {@code streamId}, or -1. */
    long frameId(long streamId) {
        int i = find(streamId);
        return i < 0 ? -1 : frameIds[i];
    }

    @SuppressWarnings("unchecked")
    T get(long streamId) {
        int i = find(streamId);
        return i < 0 ? null : (T) values[i];
    }

    /** The value on {@code streamId} when its frame is {@code frameId}, else {@code null}. */
    @SuppressWarnings("unchecked")
    T get(long streamId, long frameId) {
        int i = find(streamId);
        return i < 0 || frameIds[i] != frameId ? null : (T) values[i];
    }

    /** Removes the entry on {@code streamId} when its value is {@code expected}; whether it did. */
    boolean remove(long streamId, T expected) {
        int i = find(streamId);
        if (i < 0 || values[i] != expected) {
            return false;
        }
        deleteAt(i);
        return true;
    }

    /** Removes and returns the value on {@code streamId}, or {@code null}. */
    @SuppressWarnings("unchecked")
    T remove(long streamId) {
        int i = find(streamId);
        if (i < 0) {
            return null;
        }
        T value = (T) values[i];
        deleteAt(i);
        return value;
    }

    /** Removes everything and returns it, for failing the frames of a closing connection. */
    @SuppressWarnings("unchecked")
    List<T> drain() {
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out.add((T) values[i]);
                keys[i] = EMPTY;
                values[i] = null;
            }
        }
        size = 0;
        return out;
    }

    private int find(long streamId) {
        if (streamId == EMPTY) {
            return -1;
        }
        int i = index(streamId);
        while (keys[i] != EMPTY) {
            if (keys[i] == streamId) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    // Backward-shift deletion keeps probe chains intact without tombstones.
    private void deleteAt(int i) {
        size--;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) {
                break;
            }
            int home = index(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                frameIds[hole] = frameIds[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        values[hole] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        long[] oldFrameIds = frameIds;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = index(oldKeys[j]);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
                frameIds[i] = oldFrameIds[j];
            }
        }
    }

    private int index(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}

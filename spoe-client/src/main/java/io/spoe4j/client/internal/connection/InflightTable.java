package io.spoe4j.client.internal.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * NOTIFY frames awaiting their ACK on one connection, keyed by stream-id (each stream carries one
 * frame, frame-id 1, as in HAProxy 3.1+). Open addressing with linear probing over primitive
 * long keys, so matching an ACK neither boxes nor allocates. Not thread-safe: owned by the
 * connection's event loop.
 */
final class InflightTable<T> {
    private static final long EMPTY = 0;

    private final long[] keys;
    private final Object[] values;
    private final long[] frameIds;
    private final int mask;
    private final int maxSize;
    private int size;

    InflightTable(int maxSize) {
        this.maxSize = maxSize;
        int capacity = Integer.highestOneBit(Math.max(4, maxSize * 2 - 1)) << 1;
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

    private int index(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}

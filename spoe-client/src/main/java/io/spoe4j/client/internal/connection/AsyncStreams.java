package io.spoe4j.client.internal.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The async mode of one engine ({@code option async}): stream-ids unique across the engine's
 * connections, and which connection sent each NOTIFY still waiting for its ACK, keyed by
 * (stream-id, frame-id). An ACK that arrives on another connection than its NOTIFY is looked up
 * here and handed to the sender alone, instead of being offered to every connection.
 *
 * <p>Thread-safety: thread-safe, since the connections of an engine may live on different event
 * loops. The table is split into stripes by stream-id (consecutive ids fall on different stripes),
 * each guarded by its own monitor held for one probe sequence. Entries live in primitive arrays,
 * so registering and removing a NOTIFY neither boxes nor allocates; a stripe only grows (doubling)
 * when more NOTIFYs wait in it at once than ever before.
 */
public final class AsyncStreams {
    private static final int STRIPES = 16;

    private final AtomicLong ids = new AtomicLong(-1);
    private final Stripe[] stripes = new Stripe[STRIPES];

    public AsyncStreams() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** The next engine-wide stream-id (odd, increasing). */
    public long nextStreamId() {
        return ids.addAndGet(2);
    }

    /** Records that {@code sender} sent frame {@code frameId} on {@code streamId} and waits for its ACK. */
    void register(long streamId, long frameId, AgentConnection sender) {
        Stripe s = stripe(streamId);
        synchronized (s) {
            s.put(streamId, frameId, sender);
        }
    }

    /** Forgets {@code streamId} when {@code sender} registered it (its request left the in-flight table). */
    void unregister(long streamId, AgentConnection sender) {
        Stripe s = stripe(streamId);
        synchronized (s) {
            s.remove(streamId, sender);
        }
    }

    /**
     * The connection waiting for the ACK of ({@code streamId}, {@code frameId}), or {@code null}
     * when no NOTIFY of the engine waits for it (late, timed out, never sent).
     */
    AgentConnection sender(long streamId, long frameId) {
        Stripe s = stripe(streamId);
        synchronized (s) {
            return s.get(streamId, frameId);
        }
    }

    /** NOTIFYs waiting for their ACK over the engine, for tests. */
    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    private Stripe stripe(long streamId) {
        return stripes[(int) (streamId >>> 1) & (STRIPES - 1)];
    }

    /** Open addressing with linear probing and backward-shift deletion, as in {@link InflightTable}. */
    private static final class Stripe {
        private long[] keys = new long[16];
        private long[] frameIds = new long[16];
        private AgentConnection[] senders = new AgentConnection[16];
        private int size;

        void put(long streamId, long frameId, AgentConnection sender) {
            if (streamId == 0) {
                throw new IllegalArgumentException("stream-id 0");
            }
            if ((size + 1) * 2 > keys.length) {
                resize();
            }
            int mask = keys.length - 1;
            int i = index(streamId, mask);
            while (keys[i] != 0 && keys[i] != streamId) {
                i = (i + 1) & mask;
            }
            if (keys[i] == 0) {
                size++;
            }
            keys[i] = streamId;
            frameIds[i] = frameId;
            senders[i] = sender;
        }

        AgentConnection get(long streamId, long frameId) {
            int i = find(streamId);
            return i < 0 || frameIds[i] != frameId ? null : senders[i];
        }

        void remove(long streamId, AgentConnection sender) {
            int i = find(streamId);
            if (i >= 0 && senders[i] == sender) {
                deleteAt(i);
            }
        }

        private int find(long streamId) {
            if (streamId == 0) {
                return -1;
            }
            int mask = keys.length - 1;
            int i = index(streamId, mask);
            while (keys[i] != 0) {
                if (keys[i] == streamId) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        private void deleteAt(int i) {
            size--;
            int mask = keys.length - 1;
            int hole = i;
            int j = i;
            while (true) {
                j = (j + 1) & mask;
                if (keys[j] == 0) {
                    break;
                }
                int home = index(keys[j], mask);
                boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
                if (movable) {
                    keys[hole] = keys[j];
                    frameIds[hole] = frameIds[j];
                    senders[hole] = senders[j];
                    hole = j;
                }
            }
            keys[hole] = 0;
            senders[hole] = null;
        }

        private void resize() {
            long[] oldKeys = keys;
            long[] oldFrameIds = frameIds;
            AgentConnection[] oldSenders = senders;
            keys = new long[oldKeys.length * 2];
            frameIds = new long[oldKeys.length * 2];
            senders = new AgentConnection[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    put(oldKeys[i], oldFrameIds[i], oldSenders[i]);
                }
            }
        }

        private static int index(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }
}

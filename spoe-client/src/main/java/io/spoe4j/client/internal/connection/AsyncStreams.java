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
    @SuppressWarnings("unchecked")
    private final InflightTable<AgentConnection>[] stripes = new InflightTable[STRIPES];

    public AsyncStreams() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = InflightTable.growable();
        }
    }

    /** The next engine-wide stream-id (odd, increasing). */
    public long nextStreamId() {
        return ids.addAndGet(2);
    }

    /** Records that {@code sender} sent frame {@code frameId} on {@code streamId} and waits for its ACK. */
    void register(long streamId, long frameId, AgentConnection sender) {
        InflightTable<AgentConnection> s = stripe(streamId);
        synchronized (s) {
            s.remove(streamId); // a later frame of the stream replaces the earlier one
            s.put(streamId, frameId, sender);
        }
    }

    /** Forgets {@code streamId} when {@code sender} registered it (its request left the in-flight table). */
    void unregister(long streamId, AgentConnection sender) {
        InflightTable<AgentConnection> s = stripe(streamId);
        synchronized (s) {
            s.remove(streamId, sender);
        }
    }

    /**
     * The connection waiting for the ACK of ({@code streamId}, {@code frameId}), or {@code null}
     * when no NOTIFY of the engine waits for it (late, timed out, never sent).
     */
    AgentConnection sender(long streamId, long frameId) {
        InflightTable<AgentConnection> s = stripe(streamId);
        synchronized (s) {
            return s.get(streamId, frameId);
        }
    }

    /** NOTIFYs waiting for their ACK over the engine, for tests. */
    int size() {
        int n = 0;
        for (InflightTable<AgentConnection> s : stripes) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    private InflightTable<AgentConnection> stripe(long streamId) {
        return stripes[(int) (streamId >>> 1) & (STRIPES - 1)];
    }
}

package io.spoe4j.client.internal.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The async mode of one engine ({@code option async}): stream-ids unique across the engine's
 * connections, and which connection sent each NOTIFY still waiting for its ACK, keyed by
 * (stream-id, frame-id). An ACK that arrives on another connection than its NOTIFY is looked up
 * here and handed to the sender alone, instead of being offered to every connection.
 *
 * <p>Thread-safety: thread-safe, since the connections of an engine may live on different event
 * loops. A connection takes its stream-ids in blocks of {@value #BLOCK} ({@link #reserveBlock}), so
 * the shared counter is touched once per block; the table is split into stripes by block, each
 * guarded by its own monitor held for one probe sequence, so a connection's NOTIFYs stay on one
 * stripe for a block and two event loops seldom share one (the stripes' lines then stay in their
 * CPU's cache). Entries live in primitive arrays, so registering and removing a NOTIFY neither boxes
 * nor allocates; a stripe only grows (doubling) when more NOTIFYs wait in it at once than ever before.
 */
public final class AsyncStreams {
    /** Stream-ids a connection takes at once. */
    static final int BLOCK = 64;
    private static final int STRIPES = 16;
    /** log2 of the span of a block's ids: BLOCK odd ids cover 2 * BLOCK numbers. */
    private static final int BLOCK_SHIFT = Integer.numberOfTrailingZeros(2 * BLOCK);

    private final AtomicLong ids = new AtomicLong(-1);
    @SuppressWarnings("unchecked")
    private final InflightTable<AgentConnection>[] stripes = new InflightTable[STRIPES];

    public AsyncStreams() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = InflightTable.growable();
        }
    }

    /**
     * The first of {@value #BLOCK} engine-wide stream-ids for one connection: odd, that id and the
     * {@code BLOCK - 1} odd ids after it, used by no other connection of the engine.
     */
    long reserveBlock() {
        return ids.addAndGet(2L * BLOCK) - 2L * (BLOCK - 1);
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
        return stripes[(int) (streamId >>> BLOCK_SHIFT) & (STRIPES - 1)];
    }
}

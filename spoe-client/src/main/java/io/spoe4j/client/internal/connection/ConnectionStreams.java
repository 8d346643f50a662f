package io.spoe4j.client.internal.connection;

import java.util.List;

/**
 * The streams of one connection: allocates stream-ids (its own odd sequence, or the engine's when
 * async is negotiated) and keeps the NOTIFYs waiting for their ACK by stream-id. With async, each
 * is also registered in the engine's {@link AsyncStreams} while it waits, so that an ACK arriving
 * on another connection finds this one.
 *
 * <p>Thread-safety: not thread-safe; owned by the connection's event loop (only the engine's
 * {@link AsyncStreams} is shared).
 */
final class ConnectionStreams {
    private final InflightTable<PendingRequest> inflight;
    /** The engine's async stream-ids and ACK routing; null: async disabled. */
    private final AsyncStreams async;
    private final AgentConnection connection;
    private boolean asyncOn;
    private long nextStreamId = 1;
    /** With async: the next id of the block taken from the engine, and the end of that block. */
    private long blockNext;
    private long blockEnd;
    private long highestStreamId;

    ConnectionStreams(int maxInflight, AsyncStreams async, AgentConnection connection) {
        this.inflight = new InflightTable<>(maxInflight);
        this.async = async;
        this.connection = connection;
    }

    /** Whether the engine allows async (the connection then offers it in its HELLO). */
    boolean asyncAllowed() {
        return async != null;
    }

    /** The handshake's outcome: whether stream-ids and waiting NOTIFYs are the engine's. */
    void asyncNegotiated(boolean on) {
        asyncOn = on && async != null;
    }

    /**
     * The stream-id of the next NOTIFY; above {@link AgentConnection#MAX_STREAM_ID} when they are
     * exhausted (the caller checks; such an id is not counted as used).
     */
    long next() {
        long sid;
        if (asyncOn) {
            if (blockNext == blockEnd) {
                blockNext = async.reserveBlock();
                blockEnd = blockNext + 2L * AsyncStreams.BLOCK;
            }
            sid = blockNext;
            blockNext += 2;
        } else {
            sid = nextStreamId;
            nextStreamId += 2;
        }
        if (sid <= AgentConnection.MAX_STREAM_ID) {
            highestStreamId = Math.max(highestStreamId, sid);
        }
        return sid;
    }

    /** The highest stream-id this connection has used. */
    long highest() {
        return highestStreamId;
    }

    int size() {
        return inflight.size();
    }

    /** Puts a NOTIFY (frame-id 1) in flight on {@code sid}. */
    void put(long sid, PendingRequest request) {
        inflight.put(sid, 1, request);
        if (asyncOn) {
            async.register(sid, 1, connection);
        }
    }

    /** The frame-id in flight on {@code sid}, or -1. */
    long frameId(long sid) {
        return inflight.frameId(sid);
    }

    PendingRequest get(long sid) {
        return inflight.get(sid);
    }

    /** Takes the request in flight on {@code sid}, or returns {@code null}. */
    PendingRequest remove(long sid) {
        PendingRequest request = inflight.remove(sid);
        if (request != null && asyncOn) {
            async.unregister(sid, connection);
        }
        return request;
    }

    /** Takes every request in flight, for failing them when the connection closes. */
    List<PendingRequest> drain() {
        List<PendingRequest> all = inflight.drain();
        if (asyncOn) {
            for (PendingRequest r : all) {
                async.unregister(r.streamId(), connection);
            }
        }
        return all;
    }

    /**
     * With async, the connection of the engine whose NOTIFY waits for the ACK of
     * ({@code sid}, {@code fid}); {@code null} when none does or async is off.
     */
    AgentConnection asyncSender(long sid, long fid) {
        return asyncOn ? async.sender(sid, fid) : null;
    }

    /** Whether async was negotiated: an ACK for an unknown stream may belong to another connection. */
    boolean asyncOn() {
        return asyncOn;
    }
}

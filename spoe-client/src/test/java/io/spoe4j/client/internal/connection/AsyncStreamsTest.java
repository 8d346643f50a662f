package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.SpoeClientListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine-wide lookup of async ACKs by (stream-id, frame-id). */
class AsyncStreamsTest {
    private static final ConnectionOwner OWNER = IgnoringOwner.INSTANCE;

    private final AsyncStreams async = new AsyncStreams();

    private AgentConnection connection() {
        return new AgentConnection("a", AgentOptions.builder().async(true).build(), OWNER, new SpoeClientListener() {
        }, async);
    }

    @Test
    void blocksOfStreamIdsAreOddAndDisjoint() {
        long first = async.reserveBlock();
        long second = async.reserveBlock();
        assertEquals(1L, first);
        assertEquals(1L + 2L * AsyncStreams.BLOCK, second, "the next block starts after the last id of the first");
    }

    @Test
    void aConnectionUsesItsBlockInOrderThenTakesTheNextFreeOne() {
        ConnectionStreams mine = new ConnectionStreams(20, async, connection());
        ConnectionStreams other = new ConnectionStreams(20, async, connection());
        mine.asyncNegotiated(true);
        other.asyncNegotiated(true);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < AsyncStreams.BLOCK; i++) {
            ids.add(mine.next());
            if (i == 0) {
                assertEquals(1L + 2L * AsyncStreams.BLOCK, other.next(), "the other connection's block follows");
            }
        }
        for (int i = 0; i < AsyncStreams.BLOCK; i++) {
            assertEquals(1L + 2L * i, ids.get(i));
        }
        assertEquals(1L + 4L * AsyncStreams.BLOCK, mine.next(), "past its block, a connection takes the next free one");
        assertEquals(1L + 4L * AsyncStreams.BLOCK, mine.highest());
    }

    @Test
    void findsTheSenderByStreamIdAndFrameId() {
        AgentConnection one = connection();
        AgentConnection two = connection();
        async.register(1, 1, one);
        async.register(3, 1, two);
        assertSame(one, async.sender(1, 1));
        assertSame(two, async.sender(3, 1));
        assertNull(async.sender(3, 2), "another frame-id of the stream is not waited for");
        assertNull(async.sender(5, 1), "unknown stream-id");
        assertNull(async.sender(0, 1));
    }

    @Test
    void unregisterForgetsOnlyTheSendersOwnStream() {
        AgentConnection one = connection();
        AgentConnection two = connection();
        async.register(7, 1, one);
        async.unregister(7, two);
        assertSame(one, async.sender(7, 1), "another connection cannot remove the entry");
        async.unregister(7, one);
        assertNull(async.sender(7, 1));
        assertEquals(0, async.size());
    }

    @Test
    void growsAndKeepsEveryEntryThroughRemovals() {
        AgentConnection one = connection();
        AgentConnection two = connection();
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            long sid = 2L * i + 1;
            async.register(sid, 1, i % 2 == 0 ? one : two);
        }
        assertEquals(n, async.size());
        // Remove every third entry, then check every lookup (backward-shift deletion keeps chains).
        for (int i = 0; i < n; i += 3) {
            async.unregister(2L * i + 1, i % 2 == 0 ? one : two);
        }
        for (int i = 0; i < n; i++) {
            AgentConnection expected = i % 3 == 0 ? null : i % 2 == 0 ? one : two;
            assertSame(expected, async.sender(2L * i + 1, 1), "stream " + (2L * i + 1));
        }
    }

    @Test
    void connectionsOnDifferentThreadsRegisterAndRemoveConcurrently() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        List<AgentConnection> senders = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AgentConnection c = connection();
            senders.add(c);
            done.add(CompletableFuture.runAsync(() -> {
                long block = 0;
                for (int i = 0; i < perThread; i++) {
                    if (i % AsyncStreams.BLOCK == 0) {
                        block = async.reserveBlock();
                    }
                    long sid = block + 2L * (i % AsyncStreams.BLOCK);
                    async.register(sid, 1, c);
                    if (async.sender(sid, 1) != c) {
                        throw new AssertionError("stream " + sid + " not found right after its registration");
                    }
                    async.unregister(sid, c);
                }
            }, runnable -> new Thread(runnable, "async-streams-test").start()));
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        assertEquals(0, async.size(), "every registration was removed");
    }
}

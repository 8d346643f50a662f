package io.spoe4j.client.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.client.internal.connection.PendingRequest;
import io.spoe4j.codec.Message;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One timer for the deadlines of the requests sent from a loop: those past their deadline expire in
 * order, later ones wait, completed ones leave without a timer, and an out-of-order deadline is
 * refused (its request gets a timer of its own).
 */
class DeadlineQueueTest {
    private static final List<Message> MSG = List.of(Message.of("m"));
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private final EventLoop loop = new DefaultEventLoop();
    private final DeadlineQueue queue = new DeadlineQueue(loop);
    private final BlockingQueue<PendingRequest> expired = new LinkedBlockingQueue<>();
    private final PendingRequest.Observer observer = new PendingRequest.Observer() {
        @Override
        public void deadlineReached(PendingRequest request) {
            request.expire(new SpoeTooBigException("deadline", null));
            expired.add(request);
        }

        @Override
        public void failed(PendingRequest request, SpoeClientException error) {
        }
    };

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private PendingRequest request(long deadlineNanos) {
        return new PendingRequest(MSG, System.nanoTime(), deadlineNanos, observer);
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }

    @Test
    void passedDeadlinesExpireInOrderAndLaterOnesWait() throws Exception {
        long now = System.nanoTime();
        PendingRequest a = request(now - 2);
        PendingRequest b = request(now - 1);
        PendingRequest later = request(now + HOUR);
        assertTrue(onLoop(() -> queue.add(a) && queue.add(b) && queue.add(later)));
        assertSame(a, expired.poll(10, TimeUnit.SECONDS), "the first request past its deadline expires");
        assertSame(b, expired.poll(10, TimeUnit.SECONDS), "then the second");
        // The timer ran on the loop; once this task runs after it, the later request was seen and left waiting.
        assertEquals(1, onLoop(queue::size));
        assertFalse(later.isDone(), "a request whose deadline is an hour away waits");
        assertTrue(expired.isEmpty());
    }

    @Test
    void completedRequestsLeaveFromTheFrontWithoutExpiring() throws Exception {
        long now = System.nanoTime();
        PendingRequest a = request(now + HOUR);
        PendingRequest b = request(now + HOUR + 1);
        assertTrue(onLoop(() -> queue.add(a) && queue.add(b)));
        assertTrue(a.fail(new SpoeTooBigException("answered", null)));
        assertTrue(b.fail(new SpoeTooBigException("answered", null)));
        PendingRequest c = request(now + HOUR + 2);
        assertTrue(onLoop(() -> queue.add(c)));
        assertEquals(1, onLoop(queue::size), "the two completed requests were dropped when the third came");
        assertTrue(expired.isEmpty());
    }

    @Test
    void aDeadlineEarlierThanOneWaitingIsRefused() throws Exception {
        long now = System.nanoTime();
        assertTrue(onLoop(() -> queue.add(request(now + HOUR))));
        assertFalse(onLoop(() -> queue.add(request(now + HOUR - 1))),
                "the timer is set for the oldest request: an earlier deadline needs its own");
        assertTrue(onLoop(() -> queue.add(request(now + HOUR))), "an equal deadline keeps the order");
    }

    @Test
    void aRequestSentWhileOthersExpireIsTimedToo() throws Exception {
        long now = System.nanoTime();
        PendingRequest resent = request(now - 1);
        PendingRequest.Observer resending = new PendingRequest.Observer() {
            @Override
            public void deadlineReached(PendingRequest request) {
                request.expire(new SpoeTooBigException("deadline", null));
                // As a caller retrying from the failure callback, on the loop, during the expiry.
                queue.add(resent);
                expired.add(request);
            }

            @Override
            public void failed(PendingRequest request, SpoeClientException error) {
            }
        };
        PendingRequest first = new PendingRequest(MSG, now, now - 2, resending);
        assertTrue(onLoop(() -> queue.add(first)));
        assertSame(first, expired.poll(10, TimeUnit.SECONDS));
        assertSame(resent, expired.poll(10, TimeUnit.SECONDS), "the request added during the expiry expires too");
    }
}

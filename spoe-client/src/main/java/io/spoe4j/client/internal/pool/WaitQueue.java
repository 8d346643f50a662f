package io.spoe4j.client.internal.pool;

import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.PendingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jctools.queues.MpscArrayQueue;

/**
 * Requests waiting for a connection slot: a bounded JCTools queue in arrival order, and its
 * draining into connections that have room, asking the {@link ConnectionGrower} for connections
 * and failing the waiting requests when none can come. A request that completed while waiting
 * (its deadline passed) is skipped, and purged when it would hold a place of a full queue.
 *
 * <p>Thread-safety: any thread offers without a lock (multi-producer); polling, purging and
 * draining happen under the pool's lock, which is never held while a request is sent or failed,
 * so user callbacks never run under it. Requests failed here (no connection can come, client
 * closed) complete on the draining thread: a connection's event loop, a timer's, or a caller's.
 */
final class WaitQueue {
    private final MpscArrayQueue<PendingRequest> queue;
    /** Places taken, checked against {@link #capacity} before offering (the JCTools queue rounds up). */
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Object lock;
    private final Balancer balancer;
    private final ConnectionGrower grower;
    private final BooleanSupplier closed;

    WaitQueue(int capacity, Object lock, Balancer balancer, ConnectionGrower grower, BooleanSupplier closed) {
        this.queue = new MpscArrayQueue<>(Math.max(2, capacity));
        this.capacity = capacity;
        this.lock = lock;
        this.balancer = balancer;
        this.grower = grower;
        this.closed = closed;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Requests waiting (completed ones not yet purged included). */
    int queued() {
        return queued.get();
    }

    /**
     * Adds to the queue within its capacity. When it looks full, requests that already completed
     * (timed out while queued) are purged first so they do not hold places.
     */
    boolean offer(PendingRequest request) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (queued.incrementAndGet() <= capacity && queue.offer(request)) {
                return true;
            }
            queued.decrementAndGet();
            if (attempt == 0 && !purgeDone()) {
                return false;
            }
        }
        return false;
    }

    /** Removes completed requests from the queue; true if any was removed. */
    private boolean purgeDone() {
        synchronized (lock) {
            int n = queue.size();
            boolean removed = false;
            for (int i = 0; i < n; i++) {
                PendingRequest r = poll();
                if (r == null) {
                    break;
                }
                if (r.isDone()) {
                    removed = true;
                } else if (!queue.offer(r)) {
                    r.fail(PoolErrors.queueOverflow());
                } else {
                    queued.incrementAndGet();
                }
            }
            return removed;
        }
    }

    /**
     * Hands queued requests to connections with room, grows the pool, fails what cannot be
     * served. Requests are sent and failed outside the lock.
     */
    void drain() {
        for (;;) {
            PendingRequest next;
            AgentConnection c;
            List<PendingRequest> unserved = null;
            Supplier<SpoeClientException> failure = null;
            synchronized (lock) {
                while ((next = queue.peek()) != null && next.isDone()) {
                    poll();
                }
                if (next == null) {
                    return;
                }
                c = balancer.pick(-1);
                if (c == null) {
                    failure = closed.getAsBoolean() ? PoolErrors::closed : grower.grow(queue.size());
                    if (failure == null) {
                        return;
                    }
                    unserved = takeAll();
                } else {
                    poll();
                }
            }
            if (unserved != null) {
                for (PendingRequest r : unserved) {
                    r.fail(failure.get());
                }
                return;
            }
            c.send(next);
        }
    }

    /** Under the lock: empties the queue and returns what it held. */
    List<PendingRequest> takeAll() {
        List<PendingRequest> out = new ArrayList<>(queue.size());
        PendingRequest r;
        while ((r = poll()) != null) {
            out.add(r);
        }
        return out;
    }

    private PendingRequest poll() {
        PendingRequest r = queue.poll();
        if (r != null) {
            queued.decrementAndGet();
        }
        return r;
    }
}

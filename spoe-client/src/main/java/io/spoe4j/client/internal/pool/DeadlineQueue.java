package io.spoe4j.client.internal.pool;

import io.netty.channel.EventLoop;
import io.spoe4j.client.internal.connection.PendingRequest;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The processing deadlines of the requests sent from one event loop, under one timer. A pool's
 * callers give every request the same processing timeout, so deadlines come in increasing order
 * and the oldest request is always the next to expire: the requests wait in sending order, the
 * timer is set for the oldest one still waiting, and completed requests leave from the front as
 * they reach it. That replaces a timer task scheduled and cancelled per request (an allocation and
 * two operations on the loop's timer heap) with a queue append. A deadline earlier than the last
 * one added is refused ({@link #add} returns false) and the caller schedules that request by
 * itself. Expiry runs on the loop, no earlier than the deadline. Event loop only.
 */
final class DeadlineQueue implements Runnable {
    private final EventLoop loop;
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    private long lastDeadline;
    private boolean timerSet;
    private boolean expiring;

    DeadlineQueue(EventLoop loop) {
        this.loop = loop;
    }

    /** Takes {@code request}'s deadline in; false when it is earlier than one already waiting. */
    boolean add(PendingRequest request) {
        long deadline = request.deadlineNanos();
        PendingRequest head;
        while ((head = waiting.peekFirst()) != null && head.isDone()) {
            waiting.pollFirst();
        }
        if (head != null && deadline - lastDeadline < 0) {
            return false;
        }
        waiting.addLast(request);
        lastDeadline = deadline;
        if (!timerSet && !expiring) {
            schedule(deadline, System.nanoTime());
        }
        return true;
    }

    /** Requests waiting, completed ones not yet dropped included (tests). */
    int size() {
        return waiting.size();
    }

    private void schedule(long deadline, long now) {
        timerSet = true;
        loop.schedule(this, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }

    /** The timer: expires every request whose deadline passed, then waits for the next one. */
    @Override
    public void run() {
        timerSet = false;
        expiring = true;
        long now = System.nanoTime();
        try {
            PendingRequest head;
            while ((head = waiting.peekFirst()) != null) {
                if (head.isDone()) {
                    waiting.pollFirst();
                } else if (head.deadlineNanos() - now <= 0) {
                    waiting.pollFirst();
                    head.run(); // may send again from here: add() appends, the timer is set below
                } else {
                    break;
                }
            }
        } finally {
            expiring = false;
            PendingRequest next = waiting.peekFirst();
            if (next != null && !timerSet) {
                schedule(next.deadlineNanos(), now);
            }
        }
    }
}

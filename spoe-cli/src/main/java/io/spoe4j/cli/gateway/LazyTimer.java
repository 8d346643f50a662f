package io.spoe4j.cli.gateway;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout re-armed on every request at the cost of a field write: at most one task stays
 * scheduled; when it fires before the deadline (which moved later since), it schedules itself again
 * for the rest, and {@link #disarm()} only clears the deadline. Per request, a plain
 * schedule-and-cancel costs a task, a lambda and two operations on the executor's timer heap; the
 * connection's timeouts (HAProxy's {@code timeout client}, {@code http-request}, {@code
 * http-keep-alive}, {@code server}) are re-armed several times per request and almost never fire.
 * The expiry runs on the executor no earlier than the deadline. Event loop only.
 */
final class LazyTimer implements Runnable {
    private final EventExecutor executor;
    private final Runnable onExpiry;
    private boolean armed;
    private long deadline;
    private ScheduledFuture<?> task;
    private long taskAt;

    LazyTimer(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** Expires {@code delayNanos} from now, replacing the deadline set before. */
    void arm(long delayNanos) {
        long at = System.nanoTime() + delayNanos;
        armed = true;
        deadline = at;
        if (task != null && at - taskAt < 0) {
            // Sooner than the task waiting: that one would fire too late.
            task.cancel(false);
            task = null;
        }
        if (task == null) {
            schedule(at);
        }
    }

    /** No expiry until armed again; the waiting task, if any, stays and finds nothing to do. */
    void disarm() {
        armed = false;
    }

    boolean armed() {
        return armed;
    }

    /** Disarms and drops the waiting task (the connection is gone). */
    void cancel() {
        armed = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule(long at) {
        taskAt = at;
        task = executor.schedule(this, at - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        task = null;
        if (!armed) {
            return;
        }
        if (deadline - System.nanoTime() > 0) {
            schedule(deadline);
            return;
        }
        armed = false;
        onExpiry.run();
    }
}

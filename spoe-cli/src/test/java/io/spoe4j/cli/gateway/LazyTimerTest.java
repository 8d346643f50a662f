package io.spoe4j.cli.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection timeouts' timer: a re-arm moves the deadline without a new task, the expiry never
 * comes before the last deadline set, a disarmed timer does not expire, and a sooner deadline is
 * kept. Time is real (a loop of its own); every check is on when the expiry ran, never on how long
 * something took.
 */
class LazyTimerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final EventLoop loop = new DefaultEventLoop();
    private final BlockingQueue<Long> expiries = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final LazyTimer timer = new LazyTimer(loop, () -> {
        count.incrementAndGet();
        expiries.add(System.nanoTime());
    });

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }

    /** Runs on the loop after every task due up to {@code delayNanos} from now (the loop runs them in deadline order). */
    private void afterTasksDueWithin(long delayNanos) throws Exception {
        loop.schedule(() -> null, delayNanos, TimeUnit.NANOSECONDS).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReArmMovesTheDeadlineAndTheExpiryComesOnceAfterIt() throws Exception {
        long last = onLoop(() -> {
            timer.arm(20 * MS);
            long at = System.nanoTime() + 60 * MS;
            timer.arm(60 * MS); // the request after: the first task fires early and re-arms itself
            return at;
        });
        Long expired = expiries.poll(10, TimeUnit.SECONDS);
        assertNotNull(expired, "the timer expired");
        assertTrue(expired - last >= 0, "not before the last deadline set: " + (last - expired) / MS + " ms early");
        afterTasksDueWithin(80 * MS);
        assertEquals(1, count.get(), "one expiry for two arms");
        assertFalse(onLoop(timer::armed));
    }

    @Test
    void aDisarmedTimerDoesNotExpire() throws Exception {
        onLoop(() -> {
            timer.arm(20 * MS);
            timer.disarm(); // the answer went out
            return null;
        });
        afterTasksDueWithin(40 * MS); // the waiting task ran by then and found nothing to do
        assertEquals(0, count.get());
        onLoop(() -> {
            timer.arm(20 * MS);
            return null;
        });
        assertNotNull(expiries.poll(10, TimeUnit.SECONDS), "armed again, it expires");
    }

    @Test
    void aSoonerDeadlineThanTheWaitingTaskIsKept() throws Exception {
        long sooner = onLoop(() -> {
            timer.arm(TimeUnit.HOURS.toNanos(1)); // keep-alive: long
            long at = System.nanoTime() + 20 * MS;
            timer.arm(20 * MS); // http-request: short
            return at;
        });
        Long expired = expiries.poll(10, TimeUnit.SECONDS);
        assertNotNull(expired, "the short deadline expired without waiting for the long one");
        assertTrue(expired - sooner >= 0);
    }

    @Test
    void cancelDropsTheWaitingTask() throws Exception {
        onLoop(() -> {
            timer.arm(20 * MS);
            timer.cancel();
            return null;
        });
        afterTasksDueWithin(40 * MS);
        assertEquals(0, count.get());
        assertFalse(onLoop(timer::armed));
    }
}

package io.spoe4j.client.internal.pool;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect backoff with "equal jitter": after the n-th consecutive failure the next
 * attempt waits between half and all of {@code min(max, base * 2^(n-1))}, so agents restarted
 * under load are not hit by every client at the same instant. Stateless and thread-safe.
 */
final class Backoff {
    private final long baseNanos;
    private final long maxNanos;

    Backoff(long baseNanos, long maxNanos) {
        this.baseNanos = baseNanos;
        this.maxNanos = maxNanos;
    }

    /** Upper bound of the delay after {@code failures} consecutive failures (1 = first). */
    long ceilingNanos(int failures) {
        if (failures <= 0) {
            return 0;
        }
        int shift = Math.min(failures - 1, 40);
        long d = baseNanos << shift;
        return d <= 0 || d > maxNanos || (d >> shift) != baseNanos ? maxNanos : d;
    }

    /** The jittered delay after {@code failures} consecutive failures, in [ceiling/2, ceiling]. */
    long delayNanos(int failures) {
        long ceiling = ceilingNanos(failures);
        if (ceiling == 0) {
            return 0;
        }
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}

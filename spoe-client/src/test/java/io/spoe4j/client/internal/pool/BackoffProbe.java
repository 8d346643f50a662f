package io.spoe4j.client.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks {@link Backoff} from the public test package. */
public final class BackoffProbe {
    private BackoffProbe() {
    }

    public static void check() {
        Backoff b = new Backoff(100, 1000);
        assertEquals(0, b.ceilingNanos(0));
        assertEquals(100, b.ceilingNanos(1));
        assertEquals(200, b.ceilingNanos(2));
        assertEquals(800, b.ceilingNanos(4));
        assertEquals(1000, b.ceilingNanos(5));
        assertEquals(1000, b.ceilingNanos(100));
        for (int failures = 1; failures < 70; failures++) {
            long ceiling = b.ceilingNanos(failures);
            for (int i = 0; i < 100; i++) {
                long d = b.delayNanos(failures);
                assertTrue(d >= ceiling / 2 && d <= ceiling, failures + ": " + d);
            }
        }
    }
}

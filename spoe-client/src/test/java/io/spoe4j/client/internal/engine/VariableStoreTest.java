package io.spoe4j.client.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The flat name/value store: a map's behaviour, slots kept across unset and clear, growth past four names. */
class VariableStoreTest {
    @Test
    void behavesAsAMapOfSetVariables() {
        VariableStore store = new VariableStore();
        assertTrue(store.isEmpty());
        assertNull(store.get("txn.a"));
        store.put("txn.a", Sample.integer(1));
        store.put("txn.b", Sample.str("x"));
        store.put("txn.a", Sample.integer(2));
        assertEquals(Sample.integer(2), store.get("txn.a"));
        assertEquals(Sample.str("x"), store.get("txn.b"));
        assertNull(store.get("txn.c"));
        assertFalse(store.isEmpty());

        store.put("txn.a", null);
        assertNull(store.get("txn.a"));
        assertEquals(Map.of("txn.b", Sample.str("x")), contents(store));

        store.put("txn.b", null);
        assertTrue(store.isEmpty(), "every value unset");
        store.put("txn.never", null);
        assertTrue(store.isEmpty(), "unsetting an unknown name sets nothing");
    }

    @Test
    void clearEmptiesAndTheNamesAreSetAgainInTheirFirstOrder() {
        VariableStore store = new VariableStore();
        store.put("sess.z", Sample.integer(1));
        store.put("sess.a", Sample.integer(2));
        store.clear();
        assertTrue(store.isEmpty());
        assertNull(store.get("sess.z"));
        store.put("sess.a", Sample.integer(3));
        store.put("sess.z", Sample.integer(4));
        assertEquals(List.of("sess.z", "sess.a"), new ArrayList<>(contents(store).keySet()),
                "a name keeps the slot of its first set");
    }

    @Test
    void growsPastFourNamesKeepingTheLiveOnes() {
        VariableStore store = new VariableStore();
        Map<String, Sample> expected = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            store.put("txn.v" + i, Sample.integer(i));
            expected.put("txn.v" + i, Sample.integer(i));
            if (i % 3 == 0) {
                store.put("txn.v" + i, null);
                expected.remove("txn.v" + i);
            }
        }
        assertEquals(expected, contents(store));
        for (int i = 0; i < 40; i++) {
            assertEquals(expected.get("txn.v" + i), store.get("txn.v" + i), "txn.v" + i);
        }
        Map<String, Sample> copy = new HashMap<>();
        store.copyTo(copy);
        assertEquals(expected, copy);
    }

    @Test
    void concurrentWritersLoseNoName() throws Exception {
        VariableStore store = new VariableStore();
        int threads = 4;
        int names = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < names; i++) {
                        store.put("proc.t" + id + "." + i, Sample.integer(i));
                        if (store.get("proc.t" + id + "." + i) == null) {
                            throw new AssertionError("proc.t" + id + "." + i + " not readable after its put");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Sample> all = contents(store);
        assertEquals(threads * names, all.size());
        assertEquals(Sample.integer(names - 1), all.get("proc.t3." + (names - 1)));
    }

    private static Map<String, Sample> contents(VariableStore store) {
        Map<String, Sample> out = new LinkedHashMap<>();
        store.forEach(out::put);
        return out;
    }
}

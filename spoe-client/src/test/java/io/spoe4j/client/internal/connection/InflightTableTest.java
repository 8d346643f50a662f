package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InflightTableTest {

    @Test
    void putGetRemoveByStreamId() {
        InflightTable<String> t = new InflightTable<>(3);
        t.put(1, 1, "a");
        t.put(3, 1, "b");
        t.put(5, 1, "c");
        assertTrue(t.isFull());
        assertThrows(IllegalStateException.class, () -> t.put(7, 1, "d"));
        assertEquals(1, t.frameId(3));
        assertEquals(-1, t.frameId(7));
        assertEquals("b", t.remove(3));
        assertNull(t.remove(3));
        assertNull(t.get(0));
        assertEquals(2, t.size());
        assertEquals(2, t.drain().size());
        assertEquals(0, t.size());
    }

    @Test
    void aGrowableTableKeepsEveryEntryAcrossGrowthAndMatchesFrameAndValue() {
        InflightTable<String> t = InflightTable.growable();
        Map<Long, String> expected = new HashMap<>();
        for (long id = 1; id <= 1001; id += 2) {
            String v = "v" + id;
            t.put(id, id * 10, v);
            expected.put(id, v);
        }
        assertEquals(expected.size(), t.size(), "no entry lost while doubling from 16");
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), t.get(e.getKey(), e.getKey() * 10));
            assertNull(t.get(e.getKey(), e.getKey() * 10 + 1), "another frame of the stream does not match");
        }
        assertTrue(t.remove(7, expected.get(7L)), "removed when the value is the one registered (identity)");
        assertTrue(!t.remove(9, "not its value"), "the entry stays when the value is another");
        assertEquals("v9", t.get(9));
        assertNull(t.get(7));
        assertEquals(expected.size() - 1, t.size());
    }

    @Test
    void duplicateOrZeroIdsAreRejected() {
        InflightTable<String> t = new InflightTable<>(4);
        t.put(9, 1, "x");
        assertThrows(IllegalStateException.class, () -> t.put(9, 1, "y"));
        assertThrows(IllegalArgumentException.class, () -> t.put(0, 1, "y"));
    }

    @Test
    void behavesLikeAMapUnderRandomChurn() {
        Random random = new Random(42);
        InflightTable<Long> t = new InflightTable<>(20);
        Map<Long, Long> model = new HashMap<>();
        long next = 1;
        for (int i = 0; i < 100_000; i++) {
            if (model.size() < 20 && (model.isEmpty() || random.nextBoolean())) {
                t.put(next, 1, next);
                model.put(next, next);
                next += 2;
            } else {
                Long[] keys = model.keySet().toArray(new Long[0]);
                long k = keys[random.nextInt(keys.length)];
                assertEquals(model.remove(k), t.remove(k));
            }
            assertEquals(model.size(), t.size());
        }
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            assertEquals(e.getValue(), t.get(e.getKey()));
        }
    }
}

package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The variables of one scope instance (one proc, one session, one txn ...), by full name. Thread-safe:
 * writers take this object's lock, readers take none.
 *
 * <p>A store holds a handful of names, so it is a flat array of name and value slots rather than a
 * hash map (a {@code ConcurrentHashMap} of four entries is about 240 bytes, this 48). A name keeps its
 * slot once written: unset and {@link #clear()} null the value only, so the next transaction of a
 * session writes the same names into the same slots without allocating. Slots whose value is null are
 * dropped when the array grows. The array is created by the first put: most req and res stores of a
 * transaction stay empty.
 */
final class VariableStore {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final int INITIAL_NAMES = 4;

    /** Names at even indexes, values at odd ones; a name is written after its value and never moved. */
    private volatile Object[] slots;

    Sample get(String fullName) {
        Object[] s = slots;
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length; i += 2) {
            Object name = SLOT.getAcquire(s, i);
            if (name == null) {
                return null;
            }
            if (name.equals(fullName)) {
                return (Sample) SLOT.getAcquire(s, i + 1);
            }
        }
        return null;
    }

    /** Sets {@code fullName}; a {@code null} value unsets it, as a NULL set-var does. */
    synchronized void put(String fullName, Sample value) {
        Object[] s = slots;
        int free = -1;
        if (s != null) {
            for (int i = 0; i < s.length; i += 2) {
                Object name = s[i];
                if (name == null) {
                    free = i;
                    break;
                }
                if (name.equals(fullName)) {
                    SLOT.setRelease(s, i + 1, value);
                    return;
                }
            }
        }
        if (value == null) {
            return;
        }
        if (free < 0) {
            s = grown(s);
            free = firstFree(s);
        }
        SLOT.setRelease(s, free + 1, value);
        SLOT.setRelease(s, free, fullName);
    }

    /** A new array with the live entries of {@code s} and room for more; published before it is returned. */
    private Object[] grown(Object[] s) {
        if (s == null) {
            Object[] fresh = new Object[2 * INITIAL_NAMES];
            slots = fresh;
            return fresh;
        }
        int live = 0;
        for (int i = 1; i < s.length; i += 2) {
            if (s[i] != null) {
                live++;
            }
        }
        Object[] fresh = new Object[Math.max(2 * INITIAL_NAMES, 4 * (live + 1))];
        int j = 0;
        for (int i = 0; i < s.length; i += 2) {
            if (s[i + 1] != null) {
                fresh[j] = s[i];
                fresh[j + 1] = s[i + 1];
                j += 2;
            }
        }
        slots = fresh;
        return fresh;
    }

    private static int firstFree(Object[] s) {
        for (int i = 0; i < s.length; i += 2) {
            if (s[i] == null) {
                return i;
            }
        }
        throw new IllegalStateException("a grown variable store has no free slot");
    }

    synchronized void clear() {
        Object[] s = slots;
        if (s != null) {
            for (int i = 1; i < s.length; i += 2) {
                SLOT.setRelease(s, i, null);
            }
        }
    }

    void copyTo(Map<String, Sample> out) {
        forEach(out::put);
    }

    boolean isEmpty() {
        Object[] s = slots;
        if (s != null) {
            for (int i = 0; i < s.length; i += 2) {
                if (SLOT.getAcquire(s, i) == null) {
                    break;
                }
                if (SLOT.getAcquire(s, i + 1) != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each set variable, in the order its name was first set; the action runs without the lock. */
    void forEach(BiConsumer<String, Sample> action) {
        Object[] s = slots;
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.length; i += 2) {
            Object name = SLOT.getAcquire(s, i);
            if (name == null) {
                return;
            }
            Object value = SLOT.getAcquire(s, i + 1);
            if (value != null) {
                action.accept((String) name, (Sample) value);
            }
        }
    }
}

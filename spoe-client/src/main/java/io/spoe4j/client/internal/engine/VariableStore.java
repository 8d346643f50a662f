package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The variables of one scope instance (one proc, one session, one txn ...), by full name. The map
 * is created by the first put: most req and res stores of a transaction stay empty. Thread-safe.
 */
final class VariableStore {
    private static final VarHandle VALUES;

    static {
        try {
            VALUES = MethodHandles.lookup().findVarHandle(VariableStore.class, "values", ConcurrentHashMap.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile ConcurrentHashMap<String, Sample> values;

    Sample get(String fullName) {
        Map<String, Sample> v = values;
        return v == null ? null : v.get(fullName);
    }

    /** Sets {@code fullName}; a {@code null} value unsets it, as a NULL set-var does. */
    void put(String fullName, Sample value) {
        ConcurrentHashMap<String, Sample> v = values;
        if (value == null) {
            if (v != null) {
                v.remove(fullName);
            }
            return;
        }
        if (v == null) {
            // A table of 8 for a start, not 16: a store holds a handful of names.
            ConcurrentHashMap<String, Sample> created = new ConcurrentHashMap<>(4);
            v = (ConcurrentHashMap<String, Sample>) VALUES.compareAndExchange(this, null, created);
            if (v == null) {
                v = created;
            }
        }
        v.put(fullName, value);
    }

    void clear() {
        Map<String, Sample> v = values;
        if (v != null) {
            v.clear();
        }
    }

    void copyTo(Map<String, Sample> out) {
        Map<String, Sample> v = values;
        if (v != null) {
            out.putAll(v);
        }
    }

    boolean isEmpty() {
        Map<String, Sample> v = values;
        return v == null || v.isEmpty();
    }

    void forEach(BiConsumer<String, Sample> action) {
        ConcurrentHashMap<String, Sample> v = values;
        if (v != null && !v.isEmpty()) {
            v.forEach(action);
        }
    }
}

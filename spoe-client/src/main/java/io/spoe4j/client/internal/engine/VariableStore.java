package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** The variables of one scope instance (one proc, one session, one txn ...), by full name. Thread-safe. */
final class VariableStore {
    private final Map<String, Sample> values = new ConcurrentHashMap<>();

    Sample get(String fullName) {
        return values.get(fullName);
    }

    /** Sets {@code fullName}; a {@code null} value unsets it, as a NULL set-var does. */
    void put(String fullName, Sample value) {
        if (value == null) {
            values.remove(fullName);
        } else {
            values.put(fullName, value);
        }
    }

    void copyTo(Map<String, Sample> out) {
        out.putAll(values);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    void forEach(BiConsumer<String, Sample> action) {
        if (!values.isEmpty()) {
            values.forEach(action);
        }
    }
}

package io.spoe4j.client;

import io.spoe4j.acl.Sample;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A read-only view of the SPOE variables a transaction or session sees, by full HAProxy name
 * ({@code txn.coraza.action}, {@code sess.vec.score}, {@code proc.vec.x}). Values are typed as
 * HAProxy stores them: every integer is a signed 64-bit {@link Sample.Int}. Thread-safe; a view
 * reflects later changes.
 */
public interface SpoeVariables {

    /** The value of {@code fullName}, or {@code null} when unset or not an engine scope. */
    Sample get(String fullName);

    /** A snapshot of every variable visible here, by full name, in no particular order. */
    Map<String, Sample> snapshot();

    /** Whether no variable is visible here; cheaper than a snapshot on the engine's views. */
    default boolean isEmpty() {
        return snapshot().isEmpty();
    }

    /**
     * Calls {@code action} once per visible variable, as {@link #snapshot()} would list them, in
     * no particular order; the engine's views iterate their stores without copying them.
     */
    default void forEach(BiConsumer<String, Sample> action) {
        snapshot().forEach(action);
    }
}

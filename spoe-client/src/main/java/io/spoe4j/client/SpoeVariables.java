package io.spoe4j.client;

import io.spoe4j.acl.Sample;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * A read-only view of the SPOE variables a transaction or session sees, by full HAProxy name
 * ({@code txn.coraza.action}, {@code sess.vec.score}, {@code proc.vec.x}). Values are typed as
 * HAProxy stores them: every integer is a signed 64-bit {@link Sample.Int}. The typed accessors
 * ({@link #text}, {@link #integer}, {@link #bool}) read them as haproxy.cfg's {@code var()} with
 * {@code -m str}, {@code -m int} and {@code -m bool} would:
 * {@code if (txn.variables().text("txn.coraza.action").orElse("").equals("deny"))}. Thread-safe; a
 * view reflects later changes.
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

    /** Whether {@code fullName} is set, to a value of any type. */
    default boolean has(String fullName) {
        return get(fullName) != null;
    }

    /**
     * The value as text, as HAProxy casts it to a string ({@link Sample#asText()}): a string as
     * is, binary as its bytes read as UTF-8 (invalid sequences replaced), an integer in decimal, a
     * boolean as {@code 1}/{@code 0}, an address in its text form. Empty when unset.
     */
    default Optional<String> text(String fullName) {
        Sample value = get(fullName);
        return value == null ? Optional.empty() : Optional.ofNullable(value.asText());
    }

    /**
     * The value as an integer, as HAProxy's {@code -m int} casts it ({@link Sample#cast}): an
     * integer as is, a boolean as 1/0, a string by its optional sign and leading digits
     * ({@code "42"} is 42, {@code "12ab"} is 12, {@code "abc"} is 0), an IPv4 address as its 32-bit
     * value. Empty when unset or not castable (binary, IPv6, the empty string).
     */
    default OptionalLong integer(String fullName) {
        Sample value = get(fullName);
        Sample cast = value == null ? null : value.cast(Sample.Type.INT);
        return cast instanceof Sample.Int i ? OptionalLong.of(i.value()) : OptionalLong.empty();
    }

    /**
     * The value as a boolean, as HAProxy's {@code -m bool} casts it: a boolean as is, anything else
     * through {@link #integer}, true when not 0. So the string {@code "1"} is true while
     * {@code "0"}, {@code "true"} and {@code "yes"} are false, as in HAProxy. Empty when unset or
     * not castable.
     */
    default Optional<Boolean> bool(String fullName) {
        Sample value = get(fullName);
        Sample cast = value == null ? null : value.cast(Sample.Type.BOOL);
        return cast instanceof Sample.Bool b ? Optional.of(b.value()) : Optional.empty();
    }
}

package io.spoe4j.http;

/**
 * Where an adapter lets the rule engine replay header edits onto its own message (Netty's
 * {@code HttpHeaders}, Undertow's {@code HeaderMap}, a WebFlux {@code HttpHeaders}). Names are
 * case-insensitive.
 */
public interface HeaderEditor {

    /** Removes every header named {@code name}. */
    void remove(String name);

    /** Adds a header at the end. */
    void add(String name, String value);

    /**
     * Gives the headers named {@code name} new values where they are ({@code replace-header},
     * {@code replace-value}): the i-th of them gets {@code values.get(i)}; there are as many values as
     * headers. The default removes them and adds the values at the end, which moves them: adapters
     * whose headers keep their order override it.
     */
    default void replace(String name, java.util.List<String> values) {
        remove(name);
        values.forEach(v -> add(name, v));
    }
}

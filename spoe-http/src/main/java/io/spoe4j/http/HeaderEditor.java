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
}

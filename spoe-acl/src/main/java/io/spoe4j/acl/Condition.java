package io.spoe4j.acl;

/**
 * A compiled {@code if}/{@code unless} condition: ACL terms, each possibly negated with
 * {@code !}, ANDed when adjacent and ORed across {@code ||}/{@code or}. Immutable, thread-safe.
 */
public interface Condition {

    /** Whether the condition holds (for {@code unless}, whether the terms do not). */
    boolean test(RequestAttributes attributes);

    boolean needsResponse();

    boolean needsRequestBody();

    boolean needsResponseBody();
}

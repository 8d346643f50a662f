package io.spoe4j.client;

/**
 * What a gateway does with a request when its SPOE processing failed (timeout, agent down, too
 * big, ...). HAProxy itself never blocks on an error ({@link #FAIL_OPEN}); {@link #FAIL_CLOSED}
 * makes adapters reject the request instead. Read through {@link SpoeResult#shouldBlock()}.
 */
public enum FailurePolicy {
    /** Let the request through when processing failed, as HAProxy does. */
    FAIL_OPEN,
    /** Reject the request when processing failed. */
    FAIL_CLOSED
}

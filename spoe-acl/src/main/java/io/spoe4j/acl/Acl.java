package io.spoe4j.acl;

/**
 * A named ACL: a criterion (sample expression), a match method and patterns. Several
 * {@code acl} lines with the same name are combined with {@link #or(Acl)}, as HAProxy does.
 * Immutable and thread-safe.
 */
public interface Acl {

    String name();

    /** Whether any value of the criterion matches any pattern. A missing sample never matches. */
    boolean matches(RequestAttributes attributes);

    /** An ACL of the same name matching when this one or {@code other} matches. */
    Acl or(Acl other);

    boolean needsResponse();

    boolean needsRequestBody();

    boolean needsResponseBody();
}

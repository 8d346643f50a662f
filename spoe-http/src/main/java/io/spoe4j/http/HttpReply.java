package io.spoe4j.http;

import io.spoe4j.acl.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A response the proxy writes itself (deny, return, redirect, tarpit, errors), as HAProxy 2.6 would
 * write it: status, reason phrase, headers in order (including {@code content-length}) and body.
 * Immutable; {@link #body()} is shared, do not modify it.
 */
public record HttpReply(int status, String reason, List<HttpHeader> headers, byte[] body) {
    public HttpReply {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be between 100 and 999 (got " + status + ")");
        }
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The body as UTF-8 text (for logs and tests). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HttpReply[" + status + " " + reason + ", " + headers + ", " + body.length + " bytes]";
    }
}

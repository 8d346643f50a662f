package io.spoe4j.http.internal;

import io.spoe4j.config.HttpAction.RequestLinePart;

/** HAProxy's request-target rewrites ({@code set-path}, {@code set-pathq}, {@code set-query}, {@code set-uri}). */
final class RequestLine {
    private RequestLine() {
    }

    /**
     * {@code uri} with {@code part} replaced by {@code value}. An absolute-form target keeps its
     * scheme and authority for set-path, set-pathq and set-query. {@code set-query} keeps an existing
     * {@code ?} even when the new query is empty, and adds one only for a non-empty query.
     */
    static String rewrite(String uri, RequestLinePart part, String value) {
        if (part == RequestLinePart.URI) {
            return value;
        }
        String prefix = "";
        String rest = uri == null ? "" : uri;
        int scheme = rest.indexOf("://");
        if (!rest.startsWith("/") && scheme > 0) {
            int slash = rest.indexOf('/', scheme + 3);
            int q = rest.indexOf('?', scheme + 3);
            int cut = slash < 0 ? (q < 0 ? rest.length() : q) : (q >= 0 && q < slash ? q : slash);
            prefix = rest.substring(0, cut);
            rest = rest.substring(cut);
        }
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? null : rest.substring(q + 1);
        return switch (part) {
            case PATH -> prefix + value + (query == null ? "" : "?" + query);
            case PATHQ -> prefix + value;
            case QUERY -> prefix + path + (query != null || !value.isEmpty() ? "?" + value : "");
            default -> throw new IllegalArgumentException(part.name());
        };
    }
}

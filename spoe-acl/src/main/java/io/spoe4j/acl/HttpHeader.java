package io.spoe4j.acl;

/**
 * One header field as it arrived: name as received (fetches compare names case-insensitively and
 * lower-case them in {@code req.hdrs}) and the value with surrounding whitespace trimmed.
 */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        if (name == null || value == null) {
            throw new IllegalArgumentException("header name and value must not be null");
        }
    }
}

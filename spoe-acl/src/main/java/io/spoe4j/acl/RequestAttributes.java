package io.spoe4j.acl;

import java.net.InetAddress;
import java.util.List;

/**
 * The facts of one HTTP transaction that sample fetches read. A gateway adapter implements it;
 * {@link SimpleRequestAttributes} is a ready-made immutable implementation. Every method may
 * return {@code null} (or -1 for numbers) when the fact is unknown or not yet available, e.g. the
 * response during a request event; the fetch then yields a missing sample. Implementations must
 * be safe to read from the thread evaluating expressions; they are not called concurrently for
 * one transaction by this module.
 */
public interface RequestAttributes {

    /** Client (source) address, or null (e.g. a Unix socket). */
    InetAddress clientAddress();

    /** Client (source) port, or -1. */
    int clientPort();

    /** Address the client connected to (the gateway's local address), or null. */
    InetAddress serverAddress();

    /** Port the client connected to, or -1. */
    int serverPort();

    /** Whether the client connection uses TLS. */
    boolean isTls();

    /** The TLS SNI host name the client sent, or null. */
    String tlsSni();

    /** Request method as received, e.g. {@code GET}. */
    String method();

    /** The raw request target: {@code /p?q=1}, or {@code http://host/p} in absolute form. */
    String uri();

    /** HTTP version without the {@code HTTP/} prefix: {@code "1.0"}, {@code "1.1"}, {@code "2.0"}. */
    String httpVersion();

    /**
     * Request headers in arrival order, repeated headers kept as separate entries. For HTTP/2,
     * adapters put {@code :authority} first as {@code host} and omit other pseudo-headers. To
     * reproduce HAProxy's {@code req.hdrs} byte for byte, omit the {@code Connection} header:
     * HAProxy's HTTP/1 parser consumes it (see the 2.6.12 capture, where
     * {@code Connection: close} was sent but is absent from {@code req.hdrs}).
     */
    List<HttpHeader> requestHeaders();

    /**
     * Cookies of the request as name/value pairs in order, by default parsed from the
     * {@code Cookie} headers; adapters whose gateway already parsed them may override.
     */
    default List<HttpHeader> requestCookies() {
        return io.spoe4j.acl.internal.Cookies.parse(requestHeaders());
    }

    /**
     * The buffered request body, or null when the body was not buffered. A request without a
     * body should return an empty array (HAProxy yields an empty binary, not a missing sample).
     */
    byte[] requestBody();

    /**
     * Trailer fields of a chunked request body in arrival order, when the body was buffered to its
     * end; empty otherwise (the default). Read by {@code req.len}.
     */
    default List<HttpHeader> requestTrailers() {
        return List.of();
    }

    /** A unique transaction id (HAProxy's {@code unique-id}), or null. */
    String uniqueId();

    /** The response status, or -1 while there is no response. */
    int responseStatus();

    /** The response HTTP version ({@code "1.1"}), or null while there is no response. */
    String responseVersion();

    /**
     * The response's reason phrase as received ({@code "OK"}, possibly empty), or null while there
     * is no response or when unknown (the default; {@code res.len} then counts it as empty).
     */
    default String responseReason() {
        return null;
    }

    /** Response headers in arrival order, or null while there is no response. */
    List<HttpHeader> responseHeaders();

    /** The buffered response body, or null. */
    byte[] responseBody();

    /** Trailer fields of a chunked response body buffered to its end; empty otherwise (the default). */
    default List<HttpHeader> responseTrailers() {
        return List.of();
    }

    /**
     * A variable by full name ({@code txn.coraza.id}, {@code sess.span_id}, {@code req.x}), or
     * null when unset. The engine owns the variable store.
     */
    Sample variable(String fullName);
}

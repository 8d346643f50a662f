package io.spoe4j.undertow.internal;

import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.RequestAttributes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * An exchange's unique id ({@code unique-id-format}), kept as an exchange attachment so that every
 * SPOE handler of the chain and every attribute snapshot of the exchange share it: generated on
 * first use and kept, as HAProxy does per stream. Thread-safe.
 */
final class UniqueIdSource {
    private static final AttachmentKey<UniqueIdSource> KEY = AttachmentKey.create(UniqueIdSource.class);

    private final LogFormat format;
    private final long acceptedAt;
    private String value;
    private boolean generating;

    private UniqueIdSource(LogFormat format, long acceptedAt) {
        this.format = format;
        this.acceptedAt = acceptedAt;
    }

    /** The exchange's source, made with {@code format} unless an earlier handler attached one. */
    static UniqueIdSource attach(HttpServerExchange exchange, LogFormat format) {
        synchronized (exchange) {
            UniqueIdSource s = exchange.getAttachment(KEY);
            if (s == null) {
                long started = exchange.getRequestStartTime();
                long accepted = started > 0
                        ? System.currentTimeMillis() - (System.nanoTime() - started) / 1_000_000
                        : System.currentTimeMillis();
                s = new UniqueIdSource(format, accepted);
                exchange.putAttachment(KEY, s);
            }
            return s;
        }
    }

    /** The exchange's source, or {@code null} when no handler gave a format. */
    static UniqueIdSource attached(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    /** The id, evaluated against {@code attributes} the first time; a format reading unique-id sees it missing meanwhile. */
    synchronized String get(RequestAttributes attributes) {
        if (value == null && !generating) {
            generating = true;
            try {
                value = format.evaluate(attributes, acceptedAt);
            } finally {
                generating = false;
            }
        }
        return value;
    }
}

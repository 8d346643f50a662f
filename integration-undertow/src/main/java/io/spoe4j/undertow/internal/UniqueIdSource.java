package io.spoe4j.undertow.internal;

import io.spoe4j.acl.LogFormat;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * An exchange's unique id ({@code unique-id-format}), kept as an exchange attachment so that every
 * SPOE handler of the chain and every attribute snapshot of the exchange share it: generated on
 * first use and kept, as HAProxy does per stream. Thread-safe.
 */
final class UniqueIdSource {
    private static final AttachmentKey<LogFormat.UniqueId> KEY = AttachmentKey.create(LogFormat.UniqueId.class);

    private UniqueIdSource() {
    }

    /** The exchange's id, made with {@code format} unless an earlier handler attached one. */
    static LogFormat.UniqueId attach(HttpServerExchange exchange, LogFormat format) {
        synchronized (exchange) {
            LogFormat.UniqueId id = exchange.getAttachment(KEY);
            if (id == null) {
                long started = exchange.getRequestStartTime();
                long accepted = started > 0
                        ? System.currentTimeMillis() - (System.nanoTime() - started) / 1_000_000
                        : System.currentTimeMillis();
                id = format.newId(accepted);
                exchange.putAttachment(KEY, id);
            }
            return id;
        }
    }

    /** The exchange's id, or {@code null} when no handler gave a format. */
    static LogFormat.UniqueId attached(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }
}

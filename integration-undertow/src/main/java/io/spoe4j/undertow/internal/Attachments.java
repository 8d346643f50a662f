package io.spoe4j.undertow.internal;

import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.undertow.SpoeExchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attachment keys: per exchange, each engine's {@link SpoeExchange} (txn scope); per
 * connection, each engine's {@link SpoeSession} (sess scope), closed when the connection closes.
 */
public final class Attachments {
    private static final AttachmentKey<Map<String, SpoeExchange>> EXCHANGES = AttachmentKey.create(Map.class);
    private static final AttachmentKey<Map<SpoeEngine, SpoeSession>> SESSIONS = AttachmentKey.create(Map.class);

    private Attachments() {
    }

    /** The engines' views of {@code exchange}, by engine name in handler order; empty when none ran. */
    public static Map<String, SpoeExchange> exchanges(HttpServerExchange exchange) {
        Map<String, SpoeExchange> map = exchange.getAttachment(EXCHANGES);
        if (map == null) {
            return Map.of();
        }
        synchronized (map) {
            return new LinkedHashMap<>(map);
        }
    }

    static boolean attach(HttpServerExchange exchange, SpoeExchange state) {
        Map<String, SpoeExchange> map;
        synchronized (exchange) {
            map = exchange.getAttachment(EXCHANGES);
            if (map == null) {
                map = Collections.synchronizedMap(new LinkedHashMap<>());
                exchange.putAttachment(EXCHANGES, map);
            }
        }
        return map.putIfAbsent(state.engine(), state) == null;
    }

    static SpoeExchange attached(HttpServerExchange exchange, String engine) {
        Map<String, SpoeExchange> map = exchange.getAttachment(EXCHANGES);
        return map == null ? null : map.get(engine);
    }

    /** The connection's session for {@code engine}, opened (firing on-client-session) on first use. */
    static SpoeSession session(HttpServerExchange exchange, SpoeEngine engine) {
        ServerConnection connection = exchange.getConnection();
        Map<SpoeEngine, SpoeSession> sessions;
        boolean first = false;
        synchronized (connection) {
            sessions = connection.getAttachment(SESSIONS);
            if (sessions == null) {
                sessions = new ConcurrentHashMap<>();
                connection.putAttachment(SESSIONS, sessions);
                first = true;
            }
        }
        if (first) {
            Map<SpoeEngine, SpoeSession> toClose = sessions;
            connection.addCloseListener(c -> toClose.values().forEach(SpoeSession::close));
        }
        return sessions.computeIfAbsent(engine, e -> e.newSession(ExchangeAttributes.connectionOf(exchange)));
    }
}

package io.spoe4j.spring.internal;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SPOE sessions of one client connection and one processor, one per engine: opened by the
 * connection's first request (firing {@code on-client-session} once per connection, as HAProxy does)
 * and closed with the connection. HTTP/2 streams share their connection's. On a server that is not
 * Reactor Netty there is no connection to hang them on: each request then gets its own sessions,
 * closed with it. Thread-safe.
 */
final class ConnectionSessions {
    final List<SpoeSession> sessions;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final boolean perRequest;

    private ConnectionSessions(List<SpoeSession> sessions, boolean perRequest) {
        this.sessions = sessions;
        this.perRequest = perRequest;
    }

    static ConnectionSessions open(List<SpoeEngine> engines, RequestAttributes connection, boolean perRequest) {
        List<SpoeSession> list = new ArrayList<>(engines.size());
        for (SpoeEngine e : engines) {
            list.add(e.newSession(connection));
        }
        return new ConnectionSessions(List.copyOf(list), perRequest);
    }

    /** The sessions of {@code connection} under {@code key}, opened now by the connection's first request. */
    static ConnectionSessions of(Channel connection, AttributeKey<ConnectionSessions> key, List<SpoeEngine> engines,
            RequestAttributes connectionAttributes) {
        ConnectionSessions s = connection.attr(key).get();
        if (s != null) {
            return s;
        }
        ConnectionSessions opened = open(engines, connectionAttributes, false);
        s = connection.attr(key).setIfAbsent(opened);
        if (s != null) {
            opened.close();
            return s;
        }
        connection.closeFuture().addListener(f -> opened.close());
        return opened;
    }

    /** Whether this is the first request of the sessions (the engines then report on-client-session). */
    boolean first() {
        return reported.compareAndSet(false, true);
    }

    /** Closes per-request sessions when their request ends; connection sessions close with the connection. */
    void requestDone() {
        if (perRequest) {
            close();
        }
    }

    void close() {
        for (SpoeSession s : sessions) {
            s.close();
        }
    }

    static LogFormat.UniqueId newId(LogFormat format) {
        return format == null ? null : format.newId(System.currentTimeMillis());
    }
}

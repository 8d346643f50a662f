package io.spoe4j.netty.internal;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeSession;
import java.util.ArrayList;
import java.util.List;

/**
 * The SPOE sessions of one client connection, one per engine. For HTTP/2 every stream channel
 * shares those of the parent connection (created by the first stream, closed with the connection),
 * so {@code on-client-session} runs once per connection as in HAProxy. Used on the connection's event loop.
 */
final class SharedSessions {
    private static final AttributeKey<SharedSessions> KEY = AttributeKey.valueOf(SharedSessions.class, "sessions");

    final List<SpoeSession> sessions;
    boolean reported;

    private SharedSessions(List<SpoeSession> sessions) {
        this.sessions = sessions;
    }

    static SharedSessions open(List<SpoeEngine> engines, RequestAttributes connection) {
        List<SpoeSession> list = new ArrayList<>(engines.size());
        for (SpoeEngine e : engines) {
            list.add(e.newSession(connection));
        }
        return new SharedSessions(List.copyOf(list));
    }

    /** The sessions of {@code connection}, opened on first use and closed when it closes; {@code unique-id} there is the connection's own. */
    static SharedSessions of(Channel connection, List<SpoeEngine> engines, io.spoe4j.acl.LogFormat uniqueIdFormat) {
        SharedSessions s = connection.attr(KEY).get();
        if (s == null) {
            NettyRequestAttributes attributes = new NettyRequestAttributes(connection, null);
            attributes.uniqueId(NettyRequestAttributes.newId(uniqueIdFormat));
            s = open(engines, attributes);
            connection.attr(KEY).set(s);
            SharedSessions opened = s;
            connection.closeFuture().addListener(f -> opened.close());
        }
        return s;
    }

    void close() {
        for (SpoeSession s : sessions) {
            s.close();
        }
    }
}

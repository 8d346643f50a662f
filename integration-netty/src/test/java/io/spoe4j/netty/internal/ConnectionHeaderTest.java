package io.spoe4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.spoe4j.acl.HttpHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** req.hdrs / res.hdrs see Connection headers as HAProxy's HTX does (found by the conformance suite). */
class ConnectionHeaderTest {

    @Test
    void closeAndKeepAliveTokensAreDroppedLikeHaproxy() {
        HttpHeaders h = new DefaultHttpHeaders().add("Host", "a").add("Connection", "close")
                .add("connection", "Keep-Alive, Upgrade").add("X", "y");
        assertEquals(List.of(new HttpHeader("Host", "a"), new HttpHeader("connection", "Upgrade"),
                new HttpHeader("X", "y")), NettyRequestAttributes.copy(h));
    }
}

package io.spoe4j.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.spoe4j.http.internal.Replies;

/**
 * An answer the proxy makes itself instead of the server's (no server: 503, the server failed: 502,
 * timed out: 504), written by a handler after the SPOE handler. The SPOE handler answers it as
 * HAProxy does its own errors: with the proxy's {@code errorfile} or HAProxy's page for the status,
 * through the http-after-response rules only (no response event, no http-response rule), keeping or
 * closing the connection as HAProxy would. Without a SPOE handler it is HAProxy's page as is.
 */
public final class ProxyError extends DefaultFullHttpResponse {

    private ProxyError(HttpResponseStatus status, byte[] body) {
        super(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body), false);
    }

    /** HAProxy's own answer for {@code status} (a status it has a page for, e.g. 502, 503, 504). */
    public static ProxyError of(int status) {
        var reply = Replies.error(status, java.util.Map.of());
        ProxyError e = new ProxyError(new HttpResponseStatus(reply.status(), reply.reason()), reply.body());
        reply.headers().forEach(h -> e.headers().add(h.name(), h.value()));
        if (!e.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            e.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        }
        return e;
    }
}

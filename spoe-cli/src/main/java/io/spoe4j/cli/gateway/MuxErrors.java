package io.spoe4j.cli.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.internal.Replies;

/**
 * The answers HAProxy 2.6's HTTP/1 mux writes by itself, before any rule, on a request it cannot
 * parse (400), that is not complete in time (408) or whose transfer-coding it does not support (422:
 * {@code Transfer-Encoding: gzip, chunked}); each is followed by closing the connection. Byte for
 * byte as HAProxy 2.6.12 writes them (its header names: {@code Content-length}, {@code
 * Cache-Control}; {@code Connection: close} on 400 and 408 only).
 */
final class MuxErrors {
    private MuxErrors() {
    }

    static FullHttpResponse response(int status) {
        HttpReply page = Replies.error(status);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(status, page.reason()), Unpooled.wrappedBuffer(page.body()), false);
        r.headers().add("Content-length", Integer.toString(page.body().length));
        r.headers().add("Cache-Control", "no-cache");
        if (status == 400 || status == 408) {
            r.headers().add("Connection", "close");
        }
        r.headers().add("Content-Type", "text/html");
        return r;
    }
}

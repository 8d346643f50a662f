package io.spoe4j.cli.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.spoe4j.netty.ProxyError;

/** Responses of the gateway itself. */
final class Responses {
    private Responses() {
    }

    /**
     * HAProxy 2.6's own error for {@code status} (502 when the server fails, 503 with no server, 504
     * on timeout), as a {@link ProxyError}: the SPOE handler answers it as HAProxy does its own errors
     * (errorfile, http-after-response rules only, its connection rules).
     */
    static FullHttpResponse error(HttpRequest request, int status) {
        FullHttpResponse r = ProxyError.of(status);
        HttpUtil.setKeepAlive(r, HttpUtil.isKeepAlive(request));
        return r;
    }

    static FullHttpResponse text(HttpRequest request, int status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                ByteBufUtil.writeUtf8(ByteBufAllocator.DEFAULT, body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(r, r.content().readableBytes());
        HttpUtil.setKeepAlive(r, HttpUtil.isKeepAlive(request));
        return r;
    }
}

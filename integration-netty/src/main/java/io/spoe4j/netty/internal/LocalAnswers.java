package io.spoe4j.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.spoe4j.acl.HttpHeader;
import io.spoe4j.http.HeaderEditor;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.internal.Replies;
import java.util.List;
import java.util.Map;

/**
 * The Netty side of the proxy's own answers and of the rules' header edits: a rule engine's
 * {@link HttpReply} as a Netty response, the client request as {@link Replies#toClient} needs it,
 * and a {@link HeaderEditor} over Netty headers. What to answer is decided in spoe-http; this only
 * translates. Stateless and thread-safe.
 */
final class LocalAnswers {
    private LocalAnswers() {
    }

    /** A reply as Netty's response (status, reason, headers in order, body). */
    static FullHttpResponse toNetty(HttpReply reply) {
        ByteBuf content = reply.body().length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body());
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(reply.status(), reply.reason()), content, false);
        for (HttpHeader h : reply.headers()) {
            r.headers().add(h.name(), h.value());
        }
        return r;
    }

    /**
     * {@code reply} as it goes to the client of {@code head} (HTTP version, {@code connection}
     * tokens), as Netty's response; {@link Replies.Wire#close()} says whether the connection ends.
     */
    static Replies.Wire toClient(HttpReply reply, HttpRequest head, boolean bodyless, boolean bodyReceived) {
        return Replies.toClient(reply, new Replies.ClientRequest(
                head.protocolVersion().minorVersion() >= 1 && head.protocolVersion().majorVersion() == 1,
                head.headers().getAll(HttpHeaderNames.CONNECTION), bodyless, bodyReceived), false);
    }

    static boolean hasBody(HttpRequest head) {
        return HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
    }

    static void markClose(HttpHeaders headers) {
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }

    static boolean closes(HttpHeaders headers) {
        return headers.contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
    }

    /**
     * Moves the {@code connection} header after the others, where HAProxy writes it: it is not part
     * of the message the rules see (HAProxy's H1 layer removes it and adds its own when it writes).
     */
    static void connectionLast(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        if (!values.isEmpty()) {
            headers.remove(HttpHeaderNames.CONNECTION);
            values.forEach(v -> headers.add(HttpHeaderNames.CONNECTION, v));
        }
    }

    /** The rules' header edits applied to Netty headers, order kept. */
    static HeaderEditor editor(HttpHeaders headers) {
        return new HeaderEditor() {
            @Override
            public void remove(String name) {
                headers.remove(name);
            }

            @Override
            public void add(String name, String value) {
                headers.add(name, value);
            }

            @Override
            public void replace(String name, List<String> values) {
                List<Map.Entry<String, String>> all = headers.entries();
                headers.clear();
                int i = 0;
                for (Map.Entry<String, String> e : all) {
                    boolean match = e.getKey().equalsIgnoreCase(name) && i < values.size();
                    headers.add(e.getKey(), match ? values.get(i++) : e.getValue());
                }
            }
        };
    }
}

package io.spoe4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.SpoeHttpOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local answers and held requests on an embedded channel, rules without an engine (found by the actions conformance suite). */
class LocalAnswerTest {

    private static EmbeddedChannel channel(String... rules) {
        HttpRules.Builder b = HttpRules.builder();
        for (String r : rules) {
            b.rule(r);
        }
        SpoeHttpOptions options = SpoeHttpOptions.builder().rules(b.build()).requestHeaderPrefix(null).accessLog(null)
                .build();
        return new EmbeddedChannel(options.newHandler());
    }

    private static HttpRequest post(int length) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/b");
        r.headers().set(HttpHeaderNames.HOST, "example.org").set(HttpHeaderNames.CONTENT_LENGTH, length);
        return r;
    }

    private static String text(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    @Test
    void waitForBodyAtLeastGoesOnWithAPartialBody() {
        EmbeddedChannel ch = channel("http-request wait-for-body time 10s at-least 4",
                "http-request return status 200 content-type text/plain lf-string %[req.body_len]");
        ch.writeInbound(post(10));
        ch.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("abcdef", StandardCharsets.US_ASCII)));
        ch.runPendingTasks();
        FullHttpResponse r = assertInstanceOf(FullHttpResponse.class, ch.readOutbound(),
                "answered once at-least bytes came, as HAProxy does");
        assertEquals(200, r.status().code());
        assertEquals("close", r.headers().get(HttpHeaderNames.CONNECTION), "the rest of the body never came");
        assertEquals("6", text(r));
        ch.finishAndReleaseAll();
    }

    @Test
    void aDenyKeepsTheConnectionWhenTheBodyCameWithTheHead() {
        SpoeHttpOptions options = SpoeHttpOptions.builder().rules(HttpRules.builder()
                .rule("http-request deny deny_status 403 content-type text/plain string no").build())
                .requestHeaderPrefix(null).accessLog(null).build();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), options.newHandler());
        // one read brings the head and the body: the rules decide on the head, the body is then queued
        ch.writeInbound(Unpooled.copiedBuffer("POST /b HTTP/1.1\r\nHost: example.org\r\nContent-Length: 3\r\n\r\nabc",
                StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            io.netty.buffer.ByteBuf b = (io.netty.buffer.ByteBuf) o;
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        assertEquals("HTTP/1.1 403 Forbidden\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nno", out.toString(),
                "HAProxy 2.6 keeps the connection (no connection: close): the body was received");
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void rejectClosesWithoutAnswering() {
        EmbeddedChannel reject = channel("tcp-request content reject");
        reject.writeInbound(post(0));
        reject.runPendingTasks();
        assertFalse(reject.isOpen());
        assertNull(reject.readOutbound(), "nothing is sent");
        reject.finishAndReleaseAll();
    }

    @Test
    void theConnectionHeaderComesLastAfterResponseRewrites() {
        EmbeddedChannel ch = channel("http-response set-header x-after 1");
        HttpRequest get = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        ch.writeInbound(get, new DefaultLastHttpContent());
        ch.runPendingTasks();
        List<Object> in = List.of(ch.readInbound(), ch.readInbound());
        in.forEach(ReferenceCountUtil::release);
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.EMPTY_BUFFER);
        resp.headers().add("content-length", "0").add("connection", "close").add("x-up", "1");
        ch.writeOutbound(resp);
        ch.runPendingTasks();
        FullHttpResponse out = assertInstanceOf(FullHttpResponse.class, ch.readOutbound());
        assertEquals(List.of("content-length", "x-up", "x-after", "connection"),
                out.headers().entries().stream().map(e -> e.getKey()).toList());
        out.release();
        ch.finishAndReleaseAll();
    }
}

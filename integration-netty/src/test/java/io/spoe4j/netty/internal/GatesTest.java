package io.spoe4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.SpoeHttpOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The inbound and response gates on an embedded channel (rules without an engine, so every step
 * runs on the test thread): what is held, in which order it goes on, and that every buffer held is
 * released once, whatever ends the hold (the leak detector runs at PARANOID).
 */
class GatesTest {

    private static EmbeddedChannel channel(String... rules) {
        HttpRules.Builder b = HttpRules.builder().tarpitTimeout(Duration.ofSeconds(2));
        for (String r : rules) {
            b.rule(r);
        }
        SpoeHttpOptions options = SpoeHttpOptions.builder().rules(b.build()).requestHeaderPrefix(null)
                .accessLog(null).build();
        return new EmbeddedChannel(options.newHandler());
    }

    private static HttpRequest get(String path) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        r.headers().set(HttpHeaderNames.HOST, "example.org");
        return r;
    }

    private static HttpContent chunk(String s) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
    }

    private static LastHttpContent last(String s) {
        return new DefaultLastHttpContent(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
    }

    private static HttpResponse head(int length) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        return r;
    }

    /** The path of the next request head passed on, its last content released. */
    private static String passedOn(EmbeddedChannel ch) {
        HttpRequest r = assertInstanceOf(HttpRequest.class, ch.readInbound());
        ReferenceCountUtil.release(assertInstanceOf(LastHttpContent.class, ch.readInbound()));
        return r.uri();
    }

    @Test
    void aPipelinedRequestWaitsWhileTheOneBeforeIsHeldAndGoesOnAfterItsAnswer() {
        EmbeddedChannel ch = channel("http-request tarpit if { path /slow }");
        ch.writeInbound(get("/slow"), LastHttpContent.EMPTY_LAST_CONTENT, get("/next"),
                LastHttpContent.EMPTY_LAST_CONTENT);
        assertNull(ch.readInbound(), "nothing passes while the first request is held");
        assertNull(ch.readOutbound());
        assertFalse(ch.config().isAutoRead(), "reading pauses while messages are queued");

        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        FullHttpResponse tarpit = assertInstanceOf(FullHttpResponse.class, ch.readOutbound());
        assertEquals(500, tarpit.status().code());
        tarpit.release();
        assertEquals("/next", passedOn(ch), "the queued request goes on once the first is answered");
        assertNull(ch.readInbound());
        assertTrue(ch.config().isAutoRead(), "reading resumes once the queue is empty");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aGetBeingDecidedKeepsReadingUntilANextRequestIsQueued() throws Exception {
        // The agent's port takes connections and never answers: the request stays with the engine
        // until the port closes (which resets the connection and fails it).
        ServerSocket silentAgent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        try {
            SpoeEngine engine = SpoeEngine.builder()
                    .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", """
                            spoe-agent a
                                messages m
                                option var-prefix a
                                timeout hello 30s
                                timeout processing 30s
                                use-backend agents
                            spoe-message m
                                args path=path
                                event on-frontend-http-request
                            """, null))
                    .server("127.0.0.1:" + silentAgent.getLocalPort()).threads(1).build();
            try {
                SpoeHttpOptions options = SpoeHttpOptions.builder().engine(engine).requestHeaderPrefix(null)
                        .accessLog(null).build();
                EmbeddedChannel ch = new EmbeddedChannel(options.newHandler());
                ch.writeInbound(get("/a"), LastHttpContent.EMPTY_LAST_CONTENT);
                assertNull(ch.readInbound(), "the request waits for its decision");
                assertTrue(ch.config().isAutoRead(),
                        "the bodiless end of the request being decided does not pause reading");
                ch.writeInbound(get("/b"), LastHttpContent.EMPTY_LAST_CONTENT);
                assertNull(ch.readInbound());
                assertFalse(ch.config().isAutoRead(), "a next request queued behind it pauses reading");
                ch.close();
                assertFalse(ch.finishAndReleaseAll());
            } finally {
                silentAgent.close();
                engine.close();
            }
        } finally {
            silentAgent.close();
        }
    }

    @Test
    void aPipelinedRequestWaitsForTheResponseStepsOfTheOneBefore() {
        EmbeddedChannel ch = channel("http-response set-header x-body-seen 1 if { res.body -m sub z }");
        ch.writeInbound(get("/one"), LastHttpContent.EMPTY_LAST_CONTENT, get("/two"),
                LastHttpContent.EMPTY_LAST_CONTENT);
        assertEquals("/one", passedOn(ch));
        assertNull(ch.readInbound(), "HAProxy runs one request's response steps before the next request's");

        ch.write(head(3));
        ch.write(chunk("x"));
        assertNull(ch.readOutbound(), "the response is held while its body is collected");
        ch.writeAndFlush(last("yz"));
        ch.runPendingTasks();
        HttpResponse out = assertInstanceOf(HttpResponse.class, ch.readOutbound());
        assertEquals("1", out.headers().get("x-body-seen"), "the steps saw the whole body");
        ReferenceCountUtil.release(ch.readOutbound());
        ReferenceCountUtil.release(ch.readOutbound());

        ch.runPendingTasks();
        assertEquals("/two", passedOn(ch), "its turn comes once the response before it is written");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aHeldResponseIsReplacedByALocalAnswerAndItsRestDiscarded() {
        EmbeddedChannel ch = channel("http-response deny deny_status 502 if { res.body -m sub secret }");
        ch.writeInbound(get("/"), LastHttpContent.EMPTY_LAST_CONTENT);
        assertEquals("/", passedOn(ch));

        ByteBuf first = Unpooled.copiedBuffer("a secret", StandardCharsets.US_ASCII);
        ChannelFuture headWrite = ch.write(head(20));
        ChannelFuture firstWrite = ch.write(new DefaultHttpContent(first));
        assertFalse(firstWrite.isDone(), "held");
        ch.flush(); // the steps start with what is held, as HAProxy sends what its buffer has
        ch.runPendingTasks();

        assertTrue(headWrite.isSuccess() && firstWrite.isSuccess(), "replaced writes complete as written");
        assertEquals(0, first.refCnt(), "and their buffers are released");
        FullHttpResponse denied = assertInstanceOf(FullHttpResponse.class, ch.readOutbound());
        assertEquals(502, denied.status().code());
        assertEquals("close", denied.headers().get(HttpHeaderNames.CONNECTION),
                "the upstream's answer was cut short: the connection cannot be reused");
        denied.release();

        ByteBuf rest = Unpooled.copiedBuffer("rest", StandardCharsets.US_ASCII);
        ch.writeAndFlush(new DefaultLastHttpContent(rest));
        assertEquals(0, rest.refCnt(), "the rest of the replaced response is released, not sent");
        assertNull(ch.readOutbound());
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aLocalAnswerWaitsForTheResponseOfTheRequestBeforeIt() {
        EmbeddedChannel ch = channel("http-request deny deny_status 403 if { path /deny }");
        ch.writeInbound(get("/ok"), LastHttpContent.EMPTY_LAST_CONTENT, get("/deny"),
                LastHttpContent.EMPTY_LAST_CONTENT, get("/after"), LastHttpContent.EMPTY_LAST_CONTENT);
        assertEquals("/ok", passedOn(ch));
        assertNull(ch.readInbound(), "the request after the denied one waits for its answer");
        assertNull(ch.readOutbound(), "the 403 waits for the response of /ok");

        ch.write(head(2));
        ch.writeAndFlush(last("ok"));
        ch.runPendingTasks();
        assertInstanceOf(HttpResponse.class, ch.readOutbound());
        ReferenceCountUtil.release(ch.readOutbound());
        FullHttpResponse denied = assertInstanceOf(FullHttpResponse.class, ch.readOutbound(), "then the local answer");
        assertEquals(403, denied.status().code());
        denied.release();
        assertEquals("/after", passedOn(ch));
        assertTrue(ch.isOpen());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void closingTheChannelMidHoldReleasesEverythingHeldOnBothSides() {
        EmbeddedChannel ch = channel("http-response set-header x-a 1 if { res.body -m sub z }");
        ch.writeInbound(get("/one"), LastHttpContent.EMPTY_LAST_CONTENT);
        assertEquals("/one", passedOn(ch));
        ByteBuf queuedBody = Unpooled.copiedBuffer("queued", StandardCharsets.US_ASCII);
        HttpRequest post = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/two");
        post.headers().set(HttpHeaderNames.CONTENT_LENGTH, 6);
        ch.writeInbound(post, new DefaultLastHttpContent(queuedBody));
        assertNull(ch.readInbound(), "queued behind the first request's response");

        ByteBuf heldBody = Unpooled.copiedBuffer("held", StandardCharsets.US_ASCII);
        ChannelFuture headWrite = ch.write(head(10));
        ChannelFuture bodyWrite = ch.write(new DefaultHttpContent(heldBody));
        assertFalse(bodyWrite.isDone());

        ch.close();
        assertInstanceOf(ClosedChannelException.class, headWrite.cause());
        assertInstanceOf(ClosedChannelException.class, bodyWrite.cause());
        assertEquals(0, heldBody.refCnt(), "a held write is released once");
        assertEquals(0, queuedBody.refCnt(), "a queued request body is released once");
        assertNull(ch.readOutbound());
        assertNull(ch.readInbound());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aPendingWriteCarriesItsContent() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ByteBuf b = Unpooled.buffer(1).writeByte(1);
        PendingWrite plain = new PendingWrite(b, ch.newPromise());
        assertSame(b, plain.content());
        assertNull(new PendingWrite(head(0), ch.newPromise()).content());
        plain.discard();
        assertEquals(0, b.refCnt());
        assertTrue(plain.promise().isSuccess());
        ch.finishAndReleaseAll();
    }
}

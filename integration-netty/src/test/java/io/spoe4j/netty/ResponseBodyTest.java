package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.Origin;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.testkit.Dispatcher;
import io.spoe4j.testkit.RecordedNotify;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * res.body at on-http-response and in response groups (the handler holds the response's content
 * writes until the last one, a flush or maxBodyBytes), and req variables pruned once the request
 * was forwarded, as HAProxy does.
 */
class ResponseBodyTest {
    static final String CONF = """
            [ex]
            spoe-agent ex-agent
                messages req-msg res-msg
                groups body-grp
                option var-prefix ex
                timeout hello 5s
                timeout idle 30s
                timeout processing 5s
                use-backend agents
            spoe-message req-msg
                args p=path
                event on-frontend-http-request
            spoe-message res-msg
                args status=status body=res.body len=res.body_len r=var(req.ex.r) t=var(txn.ex.t)
                event on-http-response
            spoe-message grp-msg
                args gbody=res.body
            spoe-group body-grp
                messages grp-msg
            """;
    static final String UPSTREAM_BODY = "abcdefghij";

    private final GatewayHarness h = new GatewayHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** The agent sets req.ex.r and txn.ex.t on the request message and nothing else. */
    private void start(String conf, int maxBodyBytes, List<SendSpoeGroupRule> groups) throws InterruptedException {
        h.agent();
        h.agent.dispatcher(Dispatcher.of(messages -> {
            List<Action> actions = new ArrayList<>();
            for (Message m : messages) {
                if (m.name().equals("req-msg")) {
                    actions.add(Action.setVar(Scope.REQ, "r", TypedValue.string("req-scope")));
                    actions.add(Action.setVar(Scope.TXN, "t", TypedValue.string("txn-scope")));
                }
            }
            return actions;
        }));
        SpoeHttpOptions options = SpoeHttpOptions.builder().maxBodyBytes(maxBodyBytes).groupRules(groups)
                .engine(h.engine(conf, h.agent.endpoint(), FailurePolicy.FAIL_OPEN)).build();
        h.server = new ServerBootstrap().group(h.group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), options.newHandler(),
                                new HttpObjectAggregator(1 << 16), new WritingApp());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    private RecordedNotify responseNotify() {
        RecordedNotify request = h.agent.takeNotify(GatewayHarness.WAIT);
        assertEquals("req-msg", request.messages().get(0).name(), request::toString);
        return h.agent.takeNotify(GatewayHarness.WAIT);
    }

    private void expectUnchangedAnswer(String path) throws Exception {
        java.net.http.HttpResponse<String> r = h.get(path);
        assertEquals(200, r.statusCode());
        assertEquals(UPSTREAM_BODY, r.body(), "the held writes reach the client unchanged");
        assertEquals(Optional.of("req-scope"), r.headers().firstValue("x-saw-r"),
                "the upstream still gets the req variables as headers");
    }

    @Test
    void aFullResponseIsSentAsResBodyAndReqVariablesAreGoneAtResponseTime() throws Exception {
        start(CONF, SpoeHttpOptions.DEFAULT_MAX_BODY_BYTES, List.of());
        expectUnchangedAnswer("/full");
        RecordedNotify res = responseNotify();
        assertEquals(TypedValue.binary(UPSTREAM_BODY.getBytes(StandardCharsets.US_ASCII)), res.arg("res-msg", "body"));
        assertEquals(TypedValue.int64(UPSTREAM_BODY.length()), res.arg("res-msg", "len"));
        assertEquals(TypedValue.int64(200), res.arg("res-msg", "status"));
        assertEquals(TypedValue.NULL, res.arg("res-msg", "r"), "HAProxy prunes req variables once the request is forwarded");
        assertEquals(TypedValue.string("txn-scope"), res.arg("res-msg", "t"), "txn variables stay");
    }

    @Test
    void streamedContentIsHeldUntilTheLastChunk() throws Exception {
        start(CONF, SpoeHttpOptions.DEFAULT_MAX_BODY_BYTES, List.of());
        expectUnchangedAnswer("/chunks");
        assertEquals(TypedValue.binary(UPSTREAM_BODY.getBytes(StandardCharsets.US_ASCII)),
                responseNotify().arg("res-msg", "body"));
    }

    @Test
    void aFlushStartsTheStepsWithWhatArrivedSoFar() throws Exception {
        start(CONF, SpoeHttpOptions.DEFAULT_MAX_BODY_BYTES, List.of());
        expectUnchangedAnswer("/flush");
        assertEquals(TypedValue.binary("abcd".getBytes(StandardCharsets.US_ASCII)), responseNotify().arg("res-msg", "body"));
    }

    @Test
    void theBodyIsCutAtMaxBodyBytes() throws Exception {
        start(CONF, 6, List.of());
        expectUnchangedAnswer("/chunks");
        assertEquals(TypedValue.binary("abcdef".getBytes(StandardCharsets.US_ASCII)), responseNotify().arg("res-msg", "body"));
    }

    @Test
    void aResponseGroupReadingResBodyGetsItToo() throws Exception {
        SendSpoeGroupRule rule = new SendSpoeGroupRule("gw", RuleDirection.HTTP_RESPONSE, "ex", "body-grp",
                Optional.empty(), Origin.JAVA);
        start(CONF.replace("body=res.body len=res.body_len ", ""), SpoeHttpOptions.DEFAULT_MAX_BODY_BYTES, List.of(rule));
        expectUnchangedAnswer("/chunks");
        RecordedNotify res = responseNotify();
        assertEquals("res-msg", res.messages().get(0).name());
        RecordedNotify group = h.agent.takeNotify(GatewayHarness.WAIT);
        assertEquals(TypedValue.binary(UPSTREAM_BODY.getBytes(StandardCharsets.US_ASCII)), group.arg("grp-msg", "gbody"));
    }

    /**
     * The upstream: answers {@code abcdefghij} as one full response ({@code /full}), as a head
     * and three chunks written without flushing ({@code /chunks}), or with a flush after the first
     * four bytes ({@code /flush}); it reports the req variable header it saw in {@code x-saw-r}.
     */
    static final class WritingApp extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            byte[] body = UPSTREAM_BODY.getBytes(StandardCharsets.US_ASCII);
            String saw = String.valueOf(req.headers().get("x-spoe-req-ex-r"));
            if (req.uri().equals("/full")) {
                DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(body));
                full.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length).set("x-saw-r", saw);
                ctx.writeAndFlush(full);
                return;
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length).set("x-saw-r", saw);
            ctx.write(head);
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 0, 4)));
            if (req.uri().equals("/flush")) {
                ctx.flush();
            }
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 4, 3)));
            LastHttpContent last = new DefaultLastHttpContent(Unpooled.wrappedBuffer(body, 7, 3));
            ctx.writeAndFlush(last);
        }
    }
}

package io.spoe4j.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.testkit.Dispatcher;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.SpoaAgent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Netty gateway for the tests: HttpServerCodec, the SPOE handler, then an echo application
 * answering with the {@code x-spoe-} headers, the path, body and backend it received, one per line.
 * The testkit agent answers check-client-ip like the example agent and echoes every other message.
 */
final class GatewayHarness implements AutoCloseable {
    /** Rules written as haproxy.cfg lines. */
    static java.util.List<io.spoe4j.config.ProxyRule> rules(String... lines) {
        return java.util.Arrays.stream(lines).map(l -> io.spoe4j.config.SpoeConfigReader.standard().parseRule(l)).toList();
    }

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String CONF = """
            [ex]
            spoe-agent ex-agent
                messages check-client-ip echo
                groups grp
                option var-prefix ex
                option set-on-error error
                timeout hello 5s
                timeout idle 30s
                timeout processing %s
                use-backend agents
            spoe-message check-client-ip
                args ip=src
                event on-client-session
            spoe-message echo
                args method=method path=path
                event on-frontend-http-request
            spoe-message grp-msg
                args group_path=path
            spoe-group grp
                messages grp-msg
            """;

    final EventLoopGroup group = new NioEventLoopGroup(2);
    final List<AutoCloseable> closeables = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    SpoaAgent agent;
    Channel server;

    /** Echoes every message's args as txn variables, except check-client-ip (the example agent's score). */
    static final Dispatcher ECHO_ALL = Dispatcher.of(messages -> {
        List<Action> actions = new ArrayList<>();
        for (Message m : messages) {
            if (m.name().equals(ExampleAgent.CHECK_CLIENT_IP)) {
                actions.addAll(ExampleAgent.actionsFor(List.of(m)));
            } else {
                for (Arg a : m.args()) {
                    actions.add(Action.setVar(Scope.TXN, a.name(), a.value()));
                }
            }
        }
        return actions;
    });

    SpoaAgent agent() {
        agent = track(SpoaAgent.builder().dispatcher(ECHO_ALL).build().start());
        return agent;
    }

    SpoeEngine engine(String conf, String agentAddress, FailurePolicy policy) {
        return track(SpoeEngine.builder()
                .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", conf, "ex"))
                .server(agentAddress).eventLoopGroup(group).failurePolicy(policy).build());
    }

    SpoeEngine engine(FailurePolicy policy) {
        return engine(CONF.formatted("5s"), agent.endpoint(), policy);
    }

    <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    /** Starts the gateway on port 0 with these options. */
    void start(SpoeHttpOptions options) throws InterruptedException {
        start(options, p -> { });
    }

    void start(SpoeHttpOptions options, Consumer<io.netty.channel.ChannelPipeline> extra) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), options.newHandler(),
                                new HttpObjectAggregator(1 << 20), new EchoApp());
                        extra.accept(ch.pipeline());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The echo body as a map from line key to value. */
    static Map<String, String> lines(String body) {
        Map<String, String> m = new TreeMap<>();
        for (String line : body.split("\n")) {
            int c = line.indexOf(": ");
            if (c > 0) {
                m.put(line.substring(0, c), line.substring(c + 2));
            }
        }
        return m;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close().await(WAIT.toMillis());
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT.toMillis());
    }

    /** The upstream application of the test gateway. */
    static final class EchoApp extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            StringBuilder sb = new StringBuilder();
            sb.append("path: ").append(req.uri()).append('\n');
            Map<String, String> spoe = new TreeMap<>();
            for (Map.Entry<String, String> e : req.headers()) {
                String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
                if (name.startsWith("x-spoe-")) {
                    spoe.put(name, e.getValue());
                }
            }
            spoe.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
            sb.append("body: ").append(req.content().toString(StandardCharsets.UTF_8)).append('\n');
            SpoeExchange.current(ctx.channel()).flatMap(SpoeExchange::backend)
                    .ifPresent(r -> sb.append("backend: ").append(r).append('\n'));
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    ByteBufUtil.writeUtf8(ctx.alloc(), sb));
            HttpUtil.setContentLength(resp, resp.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            var f = ctx.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}

package io.spoe4j.cli.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.SpoeHttpOptions;
import io.spoe4j.testkit.SpoaAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A gateway in the test JVM: a recording agent with an {@code on-frontend-http-request} message, a
 * {@link RecordingUpstream}, the given limits; {@link #raw} talks to it on a socket.
 */
final class GatewayFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String CONF = """
            [ex]
            spoe-agent ex-agent
                messages req
                option var-prefix ex
                timeout hello 5s
                timeout idle 30s
                timeout processing 5s
                use-backend agents
            spoe-message req
                args path=path
                event on-frontend-http-request
            """;

    final EventLoopGroup group = new NioEventLoopGroup(2);
    final SpoaAgent agent = SpoaAgent.builder().build().start();
    final RecordingUpstream upstream;
    final SpoeEngine engine;
    final Gateway gateway;

    GatewayFixture(GatewayLimits limits, Upstream target, SslContext ssl, String... rules) throws IOException {
        upstream = new RecordingUpstream();
        engine = SpoeEngine.builder().config(SpoeConfigReader.standard().parseSpoeConf("t.conf", CONF, "ex"))
                .server(agent.endpoint()).eventLoopGroup(group).build();
        HttpRules.Builder r = HttpRules.builder().engine(engine);
        for (String rule : rules) {
            r.rule(rule);
        }
        SpoeHttpOptions options = SpoeHttpOptions.builder().rules(r.build()).accessLog(null).build();
        gateway = Gateway.start(group, new InetSocketAddress("127.0.0.1", 0), options,
                target != null ? target : upstream.upstream(), null, limits, ssl);
    }

    GatewayFixture(GatewayLimits limits) throws IOException {
        this(limits, null, null);
    }

    int port() {
        return gateway.address().getPort();
    }

    /** What came back on one connection: the bytes until the gateway closed it, or until {@code wait}. */
    record Raw(String text, boolean closed) {
        int status() {
            return text.isEmpty() ? -1 : Integer.parseInt(text.substring(9, 12));
        }
    }

    Raw raw(String request, Duration wait) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readUntilClosed(s, wait);
        }
    }

    static Raw readUntilClosed(Socket s, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
            return new Raw(out.toString(StandardCharsets.ISO_8859_1), true);
        } catch (SocketTimeoutException e) {
            return new Raw(out.toString(StandardCharsets.ISO_8859_1), false);
        } catch (java.net.SocketException reset) {
            return new Raw(out.toString(StandardCharsets.ISO_8859_1), true);
        }
    }

    @Override
    public void close() throws Exception {
        gateway.shutdown(Duration.ofSeconds(1));
        engine.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        agent.close();
        upstream.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
    }
}

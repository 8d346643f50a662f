package io.spoe4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.SpoaAgent;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty and Undertow examples, queried with the JDK's HttpClient from 127.0.0.1. */
class ServersExampleTest {

    /** What the example agent scores 127.0.0.1, the address every request here comes from. */
    private static final long LOCAL_SCORE = ExampleAgent.ipScore(new byte[] {127, 0, 0, 1});

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SpoaAgent agent;
    private SpoeEngine engine;

    @BeforeEach
    void start() throws Exception {
        agent = ExampleAgent.start("127.0.0.1:0");
        engine = EngineExample.engine(Configs.iprep(), agent.endpoint());
        // connected and HELLO done before the first request, as a server would at start-up: on a
        // loaded machine the first connect alone can outlast the example's 500 ms processing timeout
        engine.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        engine.close();
        agent.close();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nettyPassesTheScoreToTheAppAndDeniesAdmin() throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        Channel server = NettyExample.start(engine, group);
        try {
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            HttpResponse<String> hello = get(port, "/hello");
            assertEquals(200, hello.statusCode());
            assertEquals("score: " + LOCAL_SCORE + "\n", hello.body());
            assertEquals(403, get(port, "/admin").statusCode());
        } finally {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void undertowDeniesALowScoreAndOtherwisePassesIt() throws Exception {
        Undertow server = UndertowExample.start(engine);
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            HttpResponse<String> hello = get(port, "/hello");
            if (LOCAL_SCORE < 20) {
                assertEquals(403, hello.statusCode());
            } else {
                assertEquals(200, hello.statusCode());
                assertEquals("score: " + LOCAL_SCORE + "\n", hello.body());
            }
        } finally {
            server.stop();
        }
    }
}

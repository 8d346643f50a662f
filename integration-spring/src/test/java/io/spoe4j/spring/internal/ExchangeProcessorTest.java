package io.spoe4j.spring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.spoe4j.spring.SpoeExchange;
import io.spoe4j.spring.SpoeProperties;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The processor without a server, on mock exchanges: an engine built from a haproxy.cfg proxy (its
 * {@code filter spoe} line, agent backend, rules, unique-id), and cancellation ending the transaction.
 */
class ExchangeProcessorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private SpoaAgent agent;
    private EventLoopGroup group;
    private ExchangeProcessor processor;

    @BeforeEach
    void start() throws Exception {
        agent = SpoaAgent.builder().dispatcher(n -> io.spoe4j.spring.ScriptedAgentsAccess.answer(n)).build().start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Files.copy(Path.of("src/test/resources/spoe-test.conf"), dir.resolve("spoe-test.conf"));
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), """
                frontend fe
                    mode http
                    unique-id-format %%[uuid()]
                    unique-id-header X-Unique-ID
                    filter spoe engine main config spoe-test.conf
                    http-request deny deny_status 403 if { var(txn.main.action) -m str deny }
                backend agents
                    mode tcp
                    server a1 %s
                """.formatted(agent.endpoint()));
        SpoeProperties.Engine p = new SpoeProperties.Engine();
        p.setHaproxyCfg(new FileSystemResource(cfg));
        p.setProxy("fe");
        processor = ProcessorFactory.build("waf", p, group);
    }

    @AfterEach
    void stop() {
        processor.engines().forEach(e -> e.close());
        agent.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aHaproxyCfgProxyRunsItsFilterAndRules() {
        MockServerWebExchange denied = MockServerWebExchange.from(MockServerHttpRequest.get("/deny"));
        processor.filter(denied, ex -> Mono.error(new AssertionError("a denied request went on"))).block(WAIT);
        assertEquals(HttpStatus.FORBIDDEN, denied.getResponse().getStatusCode());
        assertTrue(denied.getResponse().getBodyAsString().block(WAIT).contains("403 Forbidden"));

        MockServerWebExchange ok = MockServerWebExchange.from(MockServerHttpRequest.get("/hello"));
        AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
        processor.filter(ok, ex -> {
            forwarded.set(ex);
            return Mono.empty();
        }).block(WAIT);
        var headers = forwarded.get().getRequest().getHeaders();
        assertEquals("42", headers.getFirst("x-spoe-txn-main-score"));
        assertNotNull(headers.getFirst("X-Unique-ID"), "unique-id-header from the haproxy.cfg");
        assertEquals("42", forwarded.get().getAttribute("spoe4j.var.txn.main.score"));
        assertEquals("waf", SpoeExchange.of(forwarded.get()).orElseThrow().engine());
    }

    @Test
    void cancellingTheExchangeEndsTheTransaction() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/slow"));
        AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
        Disposable running = processor.filter(exchange, ex -> {
            forwarded.set(ex);
            return Mono.empty();
        }).subscribe();
        agent.takeNotify(WAIT); // the request is at the agent, which answers in 3 s
        ExchangeState state = exchange.getAttribute(SpoeExchange.ATTRIBUTE);
        assertNotNull(state);
        running.dispose(); // the client went away
        assertTrue(state.finished(), "the transaction is closed at once");
        assertNull(forwarded.get());
    }
}

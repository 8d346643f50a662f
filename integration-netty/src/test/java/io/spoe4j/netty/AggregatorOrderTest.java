package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelPipelineException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.SpoeConfigReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An HttpObjectAggregator before the SPOE handler fails at once with a message naming the fix. */
class AggregatorOrderTest {
    private static final String CONF = """
            spoe-agent a
                messages m
                option var-prefix a
                timeout processing 1s
                use-backend agents
            spoe-message m
                args path=path
                event on-frontend-http-request
            """;

    private final SpoeEngine engine = SpoeEngine.builder()
            .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", CONF, null))
            .server("127.0.0.1:9").threads(1).build();
    private final SpoeHttpOptions spoe = SpoeHttpOptions.builder().engine(engine).build();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void addingTheHandlerAfterAnAggregatorFailsWithAMessageNamingTheFixAndClosesTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1 << 16));
        ch.pipeline().addLast(spoe.newHandler()); // Netty removes it and fires the exception down the pipeline
        ChannelPipelineException e = assertThrows(ChannelPipelineException.class, ch::checkException);
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(cause.getMessage().contains("must come before the HttpObjectAggregator"), cause::getMessage);
        assertTrue(cause.getMessage().contains("spoe.newHandler(), new HttpObjectAggregator(...)"), cause::getMessage);
        assertFalse(ch.isOpen(), "no request may bypass SPOE");
        ch.finishAndReleaseAll();
    }

    @Test
    void aChannelInitializerPuttingAnAggregatorFirstGetsItsChannelsClosed() {
        // EmbeddedChannel adds its handlers from a ChannelInitializer, as servers do: Netty logs the
        // exception (WARN "Failed to initialize a channel") and closes the channel.
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                spoe.newHandler());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void anAggregatorAfterTheHandlerIsTheSupportedOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), spoe.newHandler(),
                new HttpObjectAggregator(1 << 16));
        ch.checkException();
        assertTrue(ch.isOpen());
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }
}

package io.spoe4j.undertow;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.SpoeConfigReader;
import io.undertow.Undertow;
import io.undertow.util.Headers;

/**
 * The README's example: HAProxy's IP-reputation setup in front of a hello handler. Run the example
 * agent ({@code spoe4j agent}, 127.0.0.1:12345), then this class, then {@code curl -i localhost:8080/}.
 */
public final class ExampleServer {
    static final String SPOE_CONF = """
            spoe-agent iprep-agent
                messages check-client-ip
                option var-prefix iprep
                timeout hello 2s
                timeout idle 2m
                timeout processing %s
                use-backend agents
            spoe-message check-client-ip
                args ip=src
                event on-client-session
            """;

    private ExampleServer() {
    }

    public static void main(String[] args) {
        Running running = start(args.length > 0 ? args[0] : "127.0.0.1:12345", 8080, "100ms");
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
    }

    /** The running example: close the engine after stopping the server. */
    record Running(Undertow undertow, SpoeEngine engine) implements AutoCloseable {
        @Override
        public void close() {
            undertow.stop();
            engine.close();
        }
    }

    static Running start(String agent, int port, String processingTimeout) {
        SpoeEngine engine = SpoeEngine.builder()
                .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", SPOE_CONF.formatted(processingTimeout), null))
                .server(agent).failurePolicy(FailurePolicy.FAIL_OPEN).build();
        SpoeHandler spoe = SpoeHandler.builder(engine)
                .variableHeaders("x-spoe-")                          // x-spoe-sess-iprep-ip_score for the app
                .rule("http-request deny deny_status 403 if { var(sess.iprep.ip_score) -m int lt 20 }")
                .build(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    exchange.getResponseSender().send("score: "
                            + exchange.getRequestHeaders().getFirst("x-spoe-sess-iprep-ip_score") + "\n");
                });
        Undertow undertow = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(spoe).build();
        undertow.start();
        return new Running(undertow, engine);
    }
}

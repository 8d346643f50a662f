package io.spoe4j.examples;

import io.spoe4j.client.SpoeEngine;
import io.spoe4j.undertow.SpoeHandler;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;

/** The Undertow handler wrapping an application handler. */
public final class UndertowExample {

    private UndertowExample() {
    }

    /** Starts Undertow on 127.0.0.1, port 0; {@code stop()} it when done. */
    public static Undertow start(SpoeEngine engine) {
        // README:undertow:start
        HttpHandler app = exchange -> exchange.getResponseSender().send("score: "
                + exchange.getRequestHeaders().getFirst("x-spoe-sess-iprep-ip_score") + "\n");
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")   // 8080 in real life
                .setHandler(SpoeHandler.builder(engine).variableHeaders()
                        .rule("http-request deny deny_status 403 if { var(sess.iprep.ip_score) -m int lt 20 }")
                        .build(app))
                .build();
        server.start();
        // README:undertow:end
        return server;
    }
}

package io.spoe4j.examples;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.config.SpoeEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/** Plain engine use: one group or one event for one request, without sessions or transactions. */
public final class EngineExample {

    private EngineExample() {
    }

    /** An engine on {@code spoe-iprep.conf}'s {@code [iprep]} scope, talking to the agent at {@code agent}. */
    public static SpoeEngine engine(Path conf, String agent) {
        // README:engine:start
        SpoeEngine engine = SpoeEngine.builder()
                .spoeConf(conf, "iprep")                   // conf = Path.of("spoe-iprep.conf"), its [iprep] scope
                .server(agent)                             // "127.0.0.1:12345": `spoe4j agent`
                .build();
        // README:engine:end
        return engine;
    }

    /** The request the examples send: GET /hello from 192.0.2.1. */
    public static RequestAttributes request() throws UnknownHostException {
        // README:request:start
        RequestAttributes request = SimpleRequestAttributes.builder()
                .client(InetAddress.getByName("192.0.2.1"), 40000)
                .method("GET").uri("/hello").httpVersion("1.1").header("host", "example.org")
                .build();
        // README:request:end
        return request;
    }

    /** Sends {@code echo-group} and reads what the agent set, as text. */
    public static CompletionStage<Optional<String>> echoedPath(SpoeEngine engine, RequestAttributes request) {
        // README:sendGroup:start
        return engine.sendGroup("echo-group", request)       // fails the stage for an unknown group
                .thenApply(result -> result.variables().text("txn.iprep.path")); // Optional[/hello]
        // README:sendGroup:end
    }

    /** Fires {@code on-client-session} and reads the IP score as an integer. */
    public static CompletionStage<OptionalLong> ipScore(SpoeEngine engine, RequestAttributes request) {
        // README:fire:start
        return engine.fire(SpoeEvent.ON_CLIENT_SESSION, request)
                .thenApply(SpoeResult::variables)
                .thenApply(vars -> vars.integer("sess.iprep.ip_score")); // as `-m int` reads it
        // README:fire:end
    }
}

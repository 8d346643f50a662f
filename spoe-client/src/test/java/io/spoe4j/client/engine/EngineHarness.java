package io.spoe4j.client.engine;

import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Agents, engines and bounded waits for the engine tests. Closes what it made oldest first, so
 * agents go before the engines using them: an engine's close then does not wait for exchanges the
 * agent was told to stall.
 */
final class EngineHarness implements AutoCloseable {
    /** Far above every processing timeout used in the tests: a stage not done by then never completed. */
    static final long BOUND_SECONDS = 30;
    static final Duration WAIT = Duration.ofSeconds(BOUND_SECONDS);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    SpoaAgent agent() {
        return agent(AgentHelloSpec.standard());
    }

    SpoaAgent agent(AgentHelloSpec hello) {
        return track(SpoaAgent.builder().hello(hello).build().start());
    }

    SpoaAgent agent(SpoaAgent.Builder builder) {
        return track(builder.build().start());
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    static EngineConfig parse(String spoeConf, String engine) {
        return SpoeConfigReader.standard().parseSpoeConf("spoe.conf", spoeConf, engine);
    }

    SpoeEngine engine(String spoeConf, SpoaAgent agent) {
        return engine(parse(spoeConf, null), agent, FailurePolicy.FAIL_OPEN);
    }

    SpoeEngine engine(EngineConfig config, SpoaAgent agent, FailurePolicy policy) {
        return track(SpoeEngine.builder().config(config).server(agent.endpoint()).threads(1).failurePolicy(policy)
                .build());
    }

    static SimpleRequestAttributes.Builder request(String method, String uri) {
        try {
            return SimpleRequestAttributes.builder()
                    .client(InetAddress.getByName("192.0.2.10"), 40000)
                    .server(InetAddress.getByName("127.0.0.1"), 8080)
                    .method(method).uri(uri).httpVersion("1.1").header("Host", "example.org");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static RequestAttributes get(String uri) {
        return request("GET", uri).build();
    }

    static SpoeResult await(CompletionStage<SpoeResult> stage) {
        try {
            return stage.toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a SpoeResult stage must never fail, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("no result within " + BOUND_SECONDS + " s: the stage never completed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static RecordedNotify take(SpoaAgent agent) {
        return agent.takeNotify(WAIT);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        closeables.clear();
        if (first != null) {
            throw first;
        }
    }
}

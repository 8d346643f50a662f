package io.spoe4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.SpoaAgent;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineExampleTest {

    private SpoaAgent agent;
    private SpoeEngine engine;

    @BeforeEach
    void start() {
        agent = ExampleAgent.start("127.0.0.1:0");
        engine = EngineExample.engine(Configs.iprep(), agent.endpoint());
    }

    @AfterEach
    void stop() {
        engine.close();
        agent.close();
    }

    @Test
    void sendGroupReadsTheEchoedPathAsText() throws Exception {
        RequestAttributes request = EngineExample.request();
        assertEquals(Optional.of("/hello"),
                EngineExample.echoedPath(engine, request).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void fireReadsTheIpScoreAsAnInteger() throws Exception {
        RequestAttributes request = EngineExample.request();
        long expected = ExampleAgent.ipScore(new byte[] {(byte) 192, 0, 2, 1});
        assertEquals(OptionalLong.of(expected),
                EngineExample.ipScore(engine, request).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void anUnknownGroupFailsTheStage() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> engine
                .sendGroup("nope", EngineExample.request()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
}

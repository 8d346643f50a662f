package io.spoe4j.client;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits with clear messages for client tests. */
final class Await {
    /** Far above every deadline used in the tests: a stage not done by then never completed. */
    static final long BOUND_SECONDS = 20;

    private Await() {
    }

    static List<Message> msg(String name, long n) {
        return List.of(Message.of(name, new Arg("n", TypedValue.int64(n))));
    }

    static AgentReply reply(CompletionStage<AgentReply> stage) {
        try {
            return stage.toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("request did not complete within " + BOUND_SECONDS + " s (its deadline was shorter)");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static SpoeClientException error(CompletionStage<AgentReply> stage) {
        try {
            AgentReply r = stage.toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
            return fail("expected a failure, got " + r);
        } catch (ExecutionException e) {
            return assertInstanceOf(SpoeClientException.class, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("request did not complete within " + BOUND_SECONDS + " s (its deadline was shorter)");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static int code(CompletionStage<AgentReply> stage) {
        return error(stage).errorCode();
    }
}

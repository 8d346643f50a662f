package io.spoe4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The testkit: a scripted agent on port 0, the code under test, then what the agent received. */
class TestkitExampleTest {

    @Test
    void theAgentAnswersWhatWasEnqueuedAndRecordsTheNotify() throws Exception {
        Path conf = Configs.iprep();
        RequestAttributes request = EngineExample.request();   // GET /hello from 192.0.2.1
        // README:testkit:start
        try (SpoaAgent agent = SpoaAgent.builder().build().start();           // 127.0.0.1:<free port>
             SpoeEngine engine = SpoeEngine.builder().spoeConf(conf, "iprep").server(agent.endpoint()).build()) {
            agent.enqueue(Response.actions(Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(7))));

            SpoeResult result = engine.fire(SpoeEvent.ON_CLIENT_SESSION, request)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertEquals(OptionalLong.of(7), result.variables().integer("sess.iprep.ip_score"));
            RecordedNotify notify = agent.takeNotify(Duration.ofSeconds(5));
            assertEquals(TypedValue.ipv4(new byte[] {(byte) 192, 0, 2, 1}), notify.arg("check-client-ip", "ip"));
        }
        // README:testkit:end
    }
}

package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.SpoaAgent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README example runs against the example agent and serves what the agent scored. */
class ExampleServerTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void theExampleServesTheAgentsScore() throws Exception {
        SpoaAgent agent = h.track(ExampleAgent.start("127.0.0.1:0"));
        ExampleServer.Running running = h.track(ExampleServer.start(agent.endpoint(), 0, "20s"));
        int port = ((InetSocketAddress) running.undertow().getListenerInfo().get(0).getAddress()).getPort();
        long score = ExampleAgent.ipScore(InetAddress.getByName("127.0.0.1").getAddress());
        HttpResponse<String> r = h.get(URI.create("http://127.0.0.1:" + port), "/");
        assertEquals(score < 20 ? 403 : 200, r.statusCode());
        if (score >= 20) {
            assertEquals("score: " + score + "\n", r.body());
        }
    }
}

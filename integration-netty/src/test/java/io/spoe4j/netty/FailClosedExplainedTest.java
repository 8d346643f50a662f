package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fail-closed answer names the engine and the set-on-error code: header, page and access log line. */
class FailClosedExplainedTest {
    private final GatewayHarness h = new GatewayHarness();

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void timeoutIsExplainedInHeaderBodyAndAccessLog() throws Exception {
        h.agent();
        List<String> log = new CopyOnWriteArrayList<>();
        h.start(SpoeHttpOptions.builder().failClosedStatus(504).accessLog(log::add)
                .engine(h.engine(GatewayHarness.CONF.formatted("300ms"), h.agent.endpoint(),
                        FailurePolicy.FAIL_CLOSED)).build());
        h.agent.enqueue(Response.empty());
        h.agent.enqueue(Response.fault(new Fault.Stall()));
        HttpResponse<String> r = h.get("/slow");
        assertEquals(504, r.statusCode());
        assertEquals(List.of("engine=ex; code=1"), r.headers().allValues("x-spoe-error"));
        assertEquals("<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n"
                + "SPOE engine 'ex' failed (set-on-error code 1).\n</body></html>\n", r.body());
        assertEquals(String.valueOf(r.body().length()), r.headers().firstValue("content-length").orElseThrow());
        long deadline = System.nanoTime() + GatewayHarness.WAIT.toNanos();
        while (log.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(log.get(0).contains("\"GET /slow HTTP/1.1\" 504 ") && log.get(0).contains(" fail-closed engine=ex code=1"),
                log.toString());
    }
}

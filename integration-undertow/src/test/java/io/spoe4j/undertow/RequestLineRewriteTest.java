package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * set-path, set-query, set-uri as the next handler sees them: request URI without the query, the
 * query string replaced or emptied (found by the actions conformance suite: the query was doubled,
 * or kept after a set-uri without one).
 */
class RequestLineRewriteTest {
    private final Harness h = new Harness();

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void theNextHandlerSeesTheRewrittenTarget() throws Exception {
        SpoeEngine engine = h.engine(h.agent(), FailurePolicy.FAIL_OPEN, "20s");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        HttpHandler next = ex -> {
            seen.add(ex.getRequestURI() + " | " + ex.getQueryString() + " | " + ex.getRequestPath() + " | "
                    + ex.getQueryParameters().keySet());
            ex.getResponseSender().send("ok");
        };
        URI base = h.server(SpoeHandler.builder(engine)
                .rule("http-request set-path /new if { path /p }")
                .rule("http-request set-query n=2 if { path /q }")
                .rule("http-request set-uri /u if { path /u1 }")
                .rule("http-request set-uri http://example.org/abs?x=1 if { path /a }")
                .build(next));
        h.get(base, "/p?q=1");
        assertEquals("/new | q=1 | /new | [q]", seen.poll(Harness.BOUND_SECONDS, TimeUnit.SECONDS));
        h.get(base, "/q");
        assertEquals("/q | n=2 | /q | [n]", seen.poll(Harness.BOUND_SECONDS, TimeUnit.SECONDS));
        h.get(base, "/u1?old=1");
        assertEquals("/u |  | /u | []", seen.poll(Harness.BOUND_SECONDS, TimeUnit.SECONDS));
        h.get(base, "/a");
        assertEquals("http://example.org/abs | x=1 | /abs | [x]", seen.poll(Harness.BOUND_SECONDS, TimeUnit.SECONDS));
    }
}

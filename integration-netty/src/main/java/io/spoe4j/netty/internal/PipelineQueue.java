package io.spoe4j.netty.internal;

import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 pipelining: the requests of one connection that were passed on and wait for their
 * response, oldest first. Responses come back in request order, so the next response head written
 * belongs to {@link #oldest()}; a local answer waits until this is empty. Shared by the
 * {@link InboundGate} (adds) and the {@link ResponseGate} (removes); event loop only.
 */
final class PipelineQueue {
    private final ArrayDeque<RequestState> awaiting = new ArrayDeque<>();
    private final boolean responseSteps;

    PipelineQueue(boolean responseSteps) {
        this.responseSteps = responseSteps;
    }

    void add(RequestState req) {
        awaiting.add(req);
    }

    /** The request the next response answers, or {@code null}. */
    RequestState oldest() {
        return awaiting.peek();
    }

    void remove(RequestState req) {
        awaiting.remove(req);
    }

    boolean isEmpty() {
        return awaiting.isEmpty();
    }

    RequestState poll() {
        return awaiting.poll();
    }

    /**
     * Whether {@code msg}, the next pipelined request, must wait until the responses before it are
     * written: when response steps exist, as HAProxy (which processes an HTTP/1 connection's
     * requests one at a time) sends all NOTIFYs of a request, response ones included, before the
     * next request's.
     */
    boolean holdsNext(Object msg) {
        return msg instanceof HttpRequest && responseSteps && !awaiting.isEmpty();
    }
}

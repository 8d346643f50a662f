package io.spoe4j.netty.internal;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.netty.SpoeExchange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One request on its way through the handler: its transactions (one per engine), the body chunks
 * held while it is processed, and what was decided. Mutated only on the channel's event loop;
 * {@link #results} is synchronized because the access log may read it from any thread.
 */
final class RequestState implements SpoeExchange {
    enum Phase { COLLECTING, PROCESSING, FORWARDING, DISCARDING, DONE }

    final HttpRequest head;
    final NettyRequestAttributes attributes;
    final List<SpoeTransaction> transactions;
    final SpoeVariables variables;
    final long startNanos = System.nanoTime();
    final List<HttpContent> held = new ArrayList<>(2);
    private final List<SpoeResult> results = Collections.synchronizedList(new ArrayList<>(4));
    Phase phase;
    int heldBytes;
    boolean complete;
    boolean blocked;
    String route;
    FullHttpResponse localAnswer;
    int status = -1;
    boolean finished;

    RequestState(HttpRequest head, NettyRequestAttributes attributes, List<SpoeTransaction> transactions,
            SpoeVariables variables) {
        this.head = head;
        this.attributes = attributes;
        this.transactions = transactions;
        this.variables = variables;
    }

    void add(SpoeResult result) {
        results.add(result);
        if (result.shouldBlock()) {
            blocked = true;
        }
    }

    void releaseHeld() {
        for (HttpContent c : held) {
            ReferenceCountUtil.release(c);
        }
        held.clear();
        heldBytes = 0;
    }

    /** Ends the transactions and frees what is still held; idempotent. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (SpoeTransaction t : transactions) {
            t.close();
        }
        releaseHeld();
        if (localAnswer != null) {
            ReferenceCountUtil.release(localAnswer);
            localAnswer = null;
        }
    }

    @Override
    public HttpRequest request() {
        return head;
    }

    @Override
    public RequestAttributes attributes() {
        return attributes;
    }

    @Override
    public SpoeVariables variables() {
        return variables;
    }

    @Override
    public List<SpoeResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    @Override
    public boolean blocked() {
        return blocked;
    }

    @Override
    public Optional<String> route() {
        return Optional.ofNullable(route);
    }
}

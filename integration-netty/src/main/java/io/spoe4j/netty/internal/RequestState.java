package io.spoe4j.netty.internal;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.netty.SpoeExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One request on its way through the handler: its rule-engine transaction, the body chunks held
 * while it is processed, and what was decided. Mutated only on the channel's event loop.
 */
final class RequestState implements SpoeExchange {
    enum Phase { COLLECTING, PROCESSING, FORWARDING, DISCARDING, DONE }

    final HttpRequest head;
    final NettyRequestAttributes attributes;
    final HttpTransaction txn;
    final long startNanos = System.nanoTime();
    final List<HttpContent> held = new ArrayList<>(2);
    Phase phase;
    int heldBytes;
    boolean complete;
    /** A local answer waited once for the rest of the read that brought the head (see InboundGate). */
    boolean answerDeferred;
    FullHttpResponse localAnswer;
    ScheduledFuture<?> timer;
    int status = -1;
    boolean finished;

    RequestState(HttpRequest head, NettyRequestAttributes attributes, HttpTransaction txn) {
        this.head = head;
        this.attributes = attributes;
        this.txn = txn;
    }

    void releaseHeld() {
        for (HttpContent c : held) {
            ReferenceCountUtil.release(c);
        }
        held.clear();
        heldBytes = 0;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Ends the transaction and frees what is still held; idempotent. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        txn.close();
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
        return txn.attributes();
    }

    @Override
    public SpoeVariables variables() {
        return txn.variables();
    }

    @Override
    public List<SpoeResult> results() {
        return txn.results();
    }

    @Override
    public boolean blocked() {
        return txn.blocked();
    }

    @Override
    public Optional<String> backend() {
        return txn.backend();
    }
}

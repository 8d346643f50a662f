package io.spoe4j.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.internal.Replies;
import io.spoe4j.netty.ProxyError;
import io.spoe4j.netty.SpoeHttpOptions;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * The response side of {@link SpoeHttpHandler}, Netty's counterpart of the Undertow adapter's
 * {@code ResponseGateConduit}: the response head of the oldest request passed on is held (with the
 * writes after it, as {@link PendingWrite}s) while the response side runs (events, http-response
 * and http-after-response rules). When a step reads {@code res.body}, the content writes are held
 * too, until the last one, a flush or {@code maxBodyBytes}, and the steps start with what is held
 * then. Then the held writes go on with the rules' edits, or are released and replaced by a local
 * answer, or the connection is dropped. A {@link ProxyError} becomes the proxy's own answer.
 *
 * <p>Event loop only: writes arrive there, and the response steps complete on any thread and hop
 * back. Not thread-safe.
 */
final class ResponseGate {
    private final SpoeHttpHandler owner;
    private final ChannelHandlerContext ctx;
    private final SpoeHttpOptions options;
    private final HttpRules rules;
    private final PipelineQueue pipeline;
    private final InboundGate inbound;
    private final ArrayDeque<PendingWrite> held = new ArrayDeque<>();
    /** The request whose response is being written (or held), until its last content. */
    private RequestState responding;
    private boolean holding;
    private boolean collectingBody;
    private long bodyBytes;
    private boolean flushHeld;
    /** The rest of a response a local answer replaced: released as it comes. */
    private boolean discarding;

    ResponseGate(SpoeHttpHandler owner, ChannelHandlerContext ctx, PipelineQueue pipeline, InboundGate inbound) {
        this.owner = owner;
        this.ctx = ctx;
        this.options = owner.options;
        this.rules = owner.rules;
        this.pipeline = pipeline;
        this.inbound = inbound;
    }

    void write(Object msg, ChannelPromise promise) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            promise.setSuccess();
            if (msg instanceof LastHttpContent) {
                discarding = false;
            }
            return;
        }
        if (holding) {
            held.add(new PendingWrite(msg, promise));
            if (collectingBody) {
                collectBody(msg);
            }
            return;
        }
        if (msg instanceof ProxyError error && responding == null && !pipeline.isEmpty()) {
            proxyError(error, promise);
            return;
        }
        if (msg instanceof HttpResponse resp && resp.status().codeClass() != HttpStatusClass.INFORMATIONAL
                && responding == null && !pipeline.isEmpty()) {
            RequestState req = pipeline.oldest();
            responding = req;
            req.status = resp.status().code();
            req.attributes.response(resp);
            if (rules.hasResponseSteps() && !owner.isClosed()) {
                holding = true;
                held.add(new PendingWrite(msg, promise));
                if (rules.needsResponseBody()) {
                    collectingBody = true;
                    bodyBytes = 0;
                    collectBody(msg);
                } else {
                    startSteps(req);
                }
                return;
            }
            addResponseHeaders(req, resp);
            LocalAnswers.connectionLast(resp.headers());
        }
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && responding != null) {
            responseDone(responding);
        }
    }

    void flush() {
        if (holding) {
            flushHeld = true;
            if (collectingBody) {
                bodyHeld();
            }
        } else {
            ctx.flush();
        }
    }

    /**
     * The proxy's own error instead of the server's answer: HAProxy's page (or the errorfile) for its
     * status through the http-after-response rules, no response event or http-response rule, the
     * connection kept or closed as HAProxy's H1 mux does.
     */
    private void proxyError(ProxyError error, ChannelPromise promise) {
        RequestState req = pipeline.oldest();
        responding = req;
        int status = error.status().code();
        // the proxy closes when the request body had not all arrived (its error says connection: close)
        boolean proxyCloses = LocalAnswers.closes(error.headers());
        error.release();
        Decision.Respond r = req.txn.localReply(rules.errorReply(status), false);
        HttpRequest head = req.head;
        Replies.Wire wire = LocalAnswers.toClient(r.reply(), head, !LocalAnswers.hasBody(head), true);
        FullHttpResponse out = LocalAnswers.toNetty(wire.reply());
        req.status = out.status().code();
        boolean close = r.close() || wire.close() || proxyCloses;
        if (close) {
            LocalAnswers.markClose(out.headers());
            owner.markClosed();
            promise = promise.unvoid();
            promise.addListener(ChannelFutureListener.CLOSE);
        }
        ctx.write(out, promise);
        responseDone(req);
    }

    private void startSteps(RequestState req) {
        req.txn.response(owner.steps).whenCompleteAsync((decision, error) -> stepsDone(req, decision, error), owner.steps);
    }

    /**
     * A held write of a response whose steps read res.body: they start once the body is complete,
     * reached maxBodyBytes, or cannot be read (a FileRegion); {@link #flush} starts them too, with
     * what has arrived, as HAProxy sends what its buffer holds.
     */
    private void collectBody(Object msg) {
        ByteBuf content = PendingWrite.content(msg);
        if (content != null) {
            bodyBytes += content.readableBytes();
        }
        if (msg instanceof LastHttpContent last) {
            responding.attributes.responseTrailers(last.trailingHeaders());
        }
        if (msg instanceof LastHttpContent || (content == null && !(msg instanceof HttpObject))
                || bodyBytes >= options.maxBodyBytes()) {
            bodyHeld();
        }
    }

    private void bodyHeld() {
        collectingBody = false;
        RequestState req = responding;
        int size = (int) Math.min(bodyBytes, options.maxBodyBytes());
        byte[] body = new byte[size];
        int at = 0;
        for (PendingWrite w : held) {
            ByteBuf b = w.content();
            if (b != null && at < size) {
                int n = Math.min(b.readableBytes(), size - at);
                b.getBytes(b.readerIndex(), body, at, n);
                at += n;
            }
        }
        req.attributes.responseBody(body);
        startSteps(req);
    }

    private void addResponseHeaders(RequestState req, HttpResponse resp) {
        String prefix = options.responseHeaderPrefix();
        if (prefix != null) {
            VariableHeaders.add(resp.headers(), prefix, req.txn.variables(), true);
        }
    }

    private void stepsDone(RequestState req, Decision decision, Throwable error) {
        if (owner.gone(req)) {
            return;
        }
        holding = false;
        if (error != null) {
            AccessLog.stepFailed(error);
            decision = req.txn.localReply(rules.errorReply(502), true);
        }
        if (!(decision instanceof Decision.Forward)) {
            replaceHeld(req, decision);
            return;
        }
        PendingWrite first = held.peek();
        if (first != null && first.msg() instanceof HttpResponse resp) {
            int status = req.txn.editedStatus();
            if (status >= 0) {
                resp.setStatus(new HttpResponseStatus(status, req.txn.editedReason().orElse(Replies.reason(status))));
                req.status = status;
            }
            req.txn.applyResponseEdits(LocalAnswers.editor(resp.headers()));
            addResponseHeaders(req, resp);
            LocalAnswers.connectionLast(resp.headers());
        }
        while (!held.isEmpty() && !holding) {
            PendingWrite w = held.poll();
            write(w.msg(), w.promise());
        }
        if (flushHeld) {
            // A pipelined response held again (its own on-http-response) keeps the pending flush.
            flushHeld = holding;
            ctx.flush();
        }
    }

    /** The response steps answered or dropped: the held writes are released, the rest of the response discarded. */
    private void replaceHeld(RequestState req, Decision decision) {
        boolean sawLast = false;
        for (PendingWrite w : held) {
            sawLast |= w.msg() instanceof LastHttpContent;
            w.discard();
        }
        held.clear();
        flushHeld = false;
        if (decision instanceof Decision.Drop d) {
            req.status = -1;
            responseDone(req);
            inbound.drop(req, d.reset());
            return;
        }
        Decision.Respond r = (Decision.Respond) decision;
        discarding = !sawLast;
        FullHttpResponse resp = LocalAnswers.toNetty(r.reply());
        // the upstream's answer is cut short when it was not all here: the connection cannot be reused
        boolean close = r.close() || !sawLast || !HttpUtil.isKeepAlive(req.head);
        if (close) {
            LocalAnswers.markClose(resp.headers());
            owner.markClosed();
        }
        req.status = r.reply().status();
        var future = ctx.writeAndFlush(resp);
        if (close) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        responseDone(req);
    }

    private void responseDone(RequestState req) {
        pipeline.remove(req);
        if (responding == req) {
            responding = null;
        }
        owner.finish(req);
        if (pipeline.isEmpty() && !owner.isClosed()) {
            inbound.responsesWritten();
        }
    }

    /** The channel is gone: every held write is released and its promise failed. */
    void close() {
        PendingWrite w;
        while ((w = held.poll()) != null) {
            w.fail(new ClosedChannelException());
        }
        holding = false;
        collectingBody = false;
    }
}

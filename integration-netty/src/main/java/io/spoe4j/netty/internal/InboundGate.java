package io.spoe4j.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.spoe4j.config.HttpAction;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.http.internal.Replies;
import io.spoe4j.netty.SpoeExchange;
import io.spoe4j.netty.SpoeHttpOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The request side of {@link SpoeHttpHandler}: holds a request (auto-read off, later messages queued
 * in order) while its body is collected and the request rules run, then passes it on with the
 * rules' rewrites and the variable headers, answers it locally (after the responses of the
 * requests before it) or drops the connection. Messages are handled one request at a time, so a
 * pipelined request starts only once the one before it was passed on or answered.
 *
 * <p>Event loop only: the request rules complete on any thread and hop back here; the
 * {@code wait-for-body} and tarpit timers run on the channel's executor.
 */
final class InboundGate {
    private final SpoeHttpHandler owner;
    private final ChannelHandlerContext ctx;
    private final EventExecutor executor;
    private final SpoeHttpOptions options;
    private final HttpRules rules;
    private final PipelineQueue pipeline;
    private final ArrayDeque<HttpObject> queued = new ArrayDeque<>();
    /** The request whose messages are being read, until its last content. */
    private RequestState current;
    /** A request is being decided or answered: nothing is handled and reads are swallowed. */
    private boolean suspended;
    private boolean pausedRead;
    private boolean draining;
    private boolean readSwallowed;
    /** A local answer waiting for the responses of the requests before it. */
    private RequestState pendingLocal;

    InboundGate(SpoeHttpHandler owner, ChannelHandlerContext ctx, PipelineQueue pipeline) {
        this.owner = owner;
        this.ctx = ctx;
        this.executor = ctx.executor();
        this.options = owner.options;
        this.rules = owner.rules;
        this.pipeline = pipeline;
    }

    /** A message from the HTTP codec: handled now, or queued behind a held request. */
    void read(HttpObject msg) {
        if (owner.isClosed()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (suspended || !queued.isEmpty() || pipeline.holdsNext(msg)) {
            enqueue(msg);
            return;
        }
        handle(msg);
        drain();
    }

    /** An outbound read request: swallowed while a request is held, replayed when it resumes. */
    void requestRead() {
        if (suspended) {
            readSwallowed = true;
        } else {
            ctx.read();
        }
    }

    private void enqueue(HttpObject msg) {
        if (msg instanceof FullHttpRequest full) {
            // Split so that the head and the body take separate turns, like a streamed request.
            queued.add(head(full));
            queued.add(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
        } else {
            queued.add(msg);
            if (msg instanceof LastHttpContent last && !last.content().isReadable() && last.trailingHeaders().isEmpty()
                    && queued.size() == 1) {
                // The bodiless end of the request being decided (the codec hands it on right after
                // the head of a GET): it holds no memory, so reading goes on, as for the decided
                // request itself. Pausing here would cost two epoll_ctl calls per request.
                return;
            }
        }
        pauseRead();
    }

    private static HttpRequest head(FullHttpRequest full) {
        HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
        head.setDecoderResult(full.decoderResult());
        return head;
    }

    private void pauseRead() {
        if (!pausedRead && ctx.channel().config().isAutoRead()) {
            pausedRead = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** Handles the queued messages until a request is held again; then reads resume. */
    void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!suspended && !owner.isClosed() && !queued.isEmpty() && !pipeline.holdsNext(queued.peek())) {
                handle(queued.poll());
            }
        } finally {
            draining = false;
        }
        if (!suspended && !owner.isClosed() && queued.isEmpty()) {
            if (pausedRead) {
                pausedRead = false;
                ctx.channel().config().setAutoRead(true);
            } else if (readSwallowed) {
                readSwallowed = false;
                ctx.read();
            }
        }
    }

    private void handle(HttpObject msg) {
        if (msg instanceof HttpRequest head) {
            if (msg instanceof FullHttpRequest full) {
                queued.addFirst(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
                startRequest(head(full));
                return;
            }
            startRequest(head);
            return;
        }
        HttpContent content = (HttpContent) msg;
        RequestState req = current;
        if (req == null || req.phase == RequestState.Phase.DISCARDING) {
            content.release();
            if (req != null && content instanceof LastHttpContent) {
                req.complete = true;
                current = null;
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (req.phase == RequestState.Phase.FORWARDING) {
            ctx.fireChannelRead(content);
            if (last) {
                req.complete = true;
                current = null;
            }
            return;
        }
        req.held.add(content);
        req.heldBytes += content.content().readableBytes();
        if (last) {
            req.complete = true;
        }
        if (req.phase == RequestState.Phase.COLLECTING) {
            HttpAction.WaitForBody wait = rules.waitForBody().orElse(null);
            // As HAProxy (http-buffer-request, wait-for-body): a full buffer goes on with the part there.
            if (last || req.heldBytes >= options.maxBodyBytes()
                    || wait != null && wait.atLeast() > 0 && req.heldBytes >= wait.atLeast()) {
                req.cancelTimer();
                req.attributes.body(body(req.held, options.maxBodyBytes()));
                if (last) {
                    req.attributes.trailers(((LastHttpContent) content).trailingHeaders());
                }
                process(req);
            }
        }
    }

    private static byte[] body(List<HttpContent> chunks, int max) {
        int n = 0;
        for (HttpContent c : chunks) {
            n += c.content().readableBytes();
        }
        byte[] b = new byte[Math.min(n, max)];
        int at = 0;
        for (HttpContent c : chunks) {
            ByteBuf buf = c.content();
            int len = Math.min(buf.readableBytes(), b.length - at);
            buf.getBytes(buf.readerIndex(), b, at, len);
            at += len;
        }
        return b;
    }

    private void startRequest(HttpRequest head) {
        if (head.decoderResult().isFailure()) {
            owner.markClosed();
            FullHttpResponse bad = LocalAnswers.toNetty(rules.errorReply(400));
            LocalAnswers.markClose(bad.headers());
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        RequestState req = owner.newRequest(head);
        current = req;
        if (rules.needsRequestBody()
                && (HttpUtil.getContentLength(head, 0L) > 0 || HttpUtil.isTransferEncodingChunked(head))) {
            req.phase = RequestState.Phase.COLLECTING;
            if (HttpUtil.is100ContinueExpected(head)) {
                // The next handlers only see the head once the body is here, so answer the expectation now.
                head.headers().remove(HttpHeaderNames.EXPECT);
                ctx.writeAndFlush(new DefaultFullHttpResponse(head.protocolVersion(), HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
            rules.waitForBody().ifPresent(w -> req.timer = executor.schedule(() -> bodyTimedOut(req),
                    w.time().toNanos(), TimeUnit.NANOSECONDS));
        } else {
            if (rules.needsRequestBody()) {
                req.attributes.body(new byte[0]);
            }
            process(req);
        }
    }

    /** {@code wait-for-body time T} ran out before the body arrived: HAProxy answers 408. */
    private void bodyTimedOut(RequestState req) {
        req.timer = null;
        if (!owner.gone(req) && req.phase == RequestState.Phase.COLLECTING) {
            answer(req, req.txn.localReply(rules.errorReply(408), true));
        }
    }

    private void process(RequestState req) {
        req.phase = RequestState.Phase.PROCESSING;
        suspended = true;
        // Reading goes on while the request is decided (as HAProxy keeps filling its buffer): what
        // arrives meanwhile is queued, and the first message queued pauses reading (enqueue). Pausing
        // here instead would cost two epoll_ctl calls per request for the common keep-alive client,
        // which sends nothing until it has its answer.
        req.txn.request(owner.steps).whenCompleteAsync((decision, error) -> requestProcessed(req, decision, error), owner.steps);
    }

    private void requestProcessed(RequestState req, Decision decision, Throwable error) {
        if (owner.gone(req)) {
            return;
        }
        if (error != null) {
            AccessLog.stepFailed(error);
            decision = req.txn.localReply(rules.errorReply(500), false);
        }
        if (decision instanceof Decision.Respond r) {
            if (!req.answerDeferred && !req.complete && !lastContentQueued() && LocalAnswers.hasBody(req.head)) {
                // Decided while the read that brought the head is still being handed on: let it end,
                // so that a body that came along is queued, as it is in HAProxy's buffer by then.
                req.answerDeferred = true;
                Decision later = decision;
                executor.execute(() -> requestProcessed(req, later, null));
                return;
            }
            answer(req, r);
        } else if (decision instanceof Decision.Drop d) {
            drop(req, d.reset());
        } else {
            forward(req);
        }
    }

    /**
     * {@code silent-drop} ({@code reset}: HAProxy makes the connection vanish, a reset is the closest
     * a socket can do), {@code tcp-request content reject} (a plain close, as HAProxy's): close at
     * once, sending nothing. The response side drops this way too.
     */
    void drop(RequestState req, boolean reset) {
        req.releaseHeld();
        req.status = -1;
        owner.finish(req);
        owner.markClosed();
        suspended = true;
        if (reset && ctx.channel().config() instanceof SocketChannelConfig sc) {
            try {
                sc.setSoLinger(0);
            } catch (RuntimeException ignored) {
                // not a TCP socket option here (e.g. a local channel): a plain close
            }
        }
        ctx.channel().close();
    }

    private void forward(RequestState req) {
        HttpHeaders headers = req.head.headers();
        HttpTransaction txn = req.txn;
        txn.editedMethod().ifPresent(m -> req.head.setMethod(HttpMethod.valueOf(m)));
        txn.editedUri().ifPresent(req.head::setUri);
        txn.applyRequestEdits(LocalAnswers.editor(headers));
        String prefix = options.requestHeaderPrefix();
        if (prefix != null) {
            VariableHeaders.strip(headers, prefix);
            VariableHeaders.add(headers, prefix, txn.variables(), false);
        }
        if (options.uniqueIdFormat() != null) {
            // HAProxy generates the id before passing the request on even when nothing read it.
            String id = req.attributes.uniqueId();
            if (options.uniqueIdHeader() != null) {
                headers.add(options.uniqueIdHeader(), id);
            }
        }
        txn.requestForwarded();
        ctx.channel().attr(SpoeExchange.KEY).set(req);
        pipeline.add(req);
        req.phase = RequestState.Phase.FORWARDING;
        if (req.complete) {
            current = null;
        }
        List<HttpContent> held = req.held.isEmpty() ? List.of() : new ArrayList<>(req.held);
        req.held.clear();
        req.heldBytes = 0;
        suspended = false;
        ctx.fireChannelRead(req.head);
        for (HttpContent c : held) {
            ctx.fireChannelRead(c);
        }
        drain();
    }

    /** Answers {@code req} with the rules' reply, after its tarpit delay, keeping the connection as HAProxy would. */
    private void answer(RequestState req, Decision.Respond respond) {
        if (respond.delay().isZero()) {
            HttpRequest head = req.head;
            boolean bodyless = !HttpUtil.isTransferEncodingChunked(head) && HttpUtil.getContentLength(head, 0L) == 0;
            Replies.Wire wire = LocalAnswers.toClient(respond.reply(), head, bodyless,
                    bodyless || req.complete || lastContentQueued());
            answer(req, LocalAnswers.toNetty(wire.reply()), respond.close() || wire.close());
            return;
        }
        req.releaseHeld();
        req.phase = RequestState.Phase.DISCARDING;
        suspended = true;
        pauseRead();
        req.timer = executor.schedule(() -> {
            req.timer = null;
            if (!owner.gone(req)) {
                answer(req, new Decision.Respond(respond.reply(), respond.close(), Duration.ZERO));
            }
        }, respond.delay().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Whether the end of the current request's body was read and is waiting in the queue (it came
     * with the head, and the request was held before it was handled): HAProxy, which has it in its
     * buffer by then, counts it as received.
     */
    private boolean lastContentQueued() {
        for (HttpObject m : queued) {
            if (m instanceof HttpRequest) {
                return false;
            }
            if (m instanceof LastHttpContent) {
                return true;
            }
        }
        return false;
    }

    /** Answers {@code req} locally, after the responses of the requests before it. */
    private void answer(RequestState req, FullHttpResponse response, boolean close) {
        req.releaseHeld();
        req.phase = RequestState.Phase.DISCARDING;
        if (req.complete) {
            current = null;
        }
        if (close) {
            LocalAnswers.markClose(response.headers());
        }
        req.localAnswer = response;
        suspended = true;
        pauseRead();
        if (pipeline.isEmpty()) {
            writeLocal(req);
        } else {
            pendingLocal = req;
        }
    }

    private void writeLocal(RequestState req) {
        pendingLocal = null;
        FullHttpResponse response = req.localAnswer;
        req.localAnswer = null;
        req.status = response.status().code();
        boolean close = LocalAnswers.closes(response.headers());
        var future = ctx.writeAndFlush(response);
        owner.finish(req);
        if (close) {
            owner.markClosed();
            future.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        suspended = false;
        drain();
    }

    /**
     * The pipeline emptied (the last awaited response was written) on an open connection: the local
     * answer waiting for it is written now, or a request held behind those responses gets its turn,
     * outside the write call that got here.
     */
    void responsesWritten() {
        if (pendingLocal != null) {
            writeLocal(pendingLocal);
        } else if (!queued.isEmpty()) {
            executor.execute(this::drain);
        }
    }

    /** The channel is gone: releases what is queued and ends the request being read and the local answer still waiting. */
    void close() {
        HttpObject m;
        while ((m = queued.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        if (current != null) {
            owner.finish(current);
            current = null;
        }
        if (pendingLocal != null) {
            owner.finish(pendingLocal);
            pendingLocal = null;
        }
    }
}

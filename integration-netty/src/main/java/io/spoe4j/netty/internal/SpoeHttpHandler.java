package io.spoe4j.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.config.HttpAction;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HeaderEditor;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.http.internal.Replies;
import io.spoe4j.netty.SpoeExchange;
import io.spoe4j.netty.SpoeHttpOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SPOE and the proxy's HTTP rules ({@link HttpRules}) for one HTTP/1.1 server channel, or one
 * HTTP/2 stream channel (behind {@code Http2StreamFrameToHttpObjectCodec}; the sessions are then the
 * parent connection's). Inbound: a request is held (auto-read off, later messages queued in order)
 * while the request side runs, then passed on with the rules' rewrites and the variable headers (the
 * req and res variables are then dropped, as HAProxy does once connected to the server), answered
 * locally (deny, return, redirect, tarpit, fail-closed) or dropped (silent-drop).
 * Outbound: a response head is held while the response side runs (events, http-response and
 * http-after-response rules);
 * when one of them reads {@code res.body}, its content writes too, until the last one, a flush or
 * {@code maxBodyBytes}, and they start with what is held then. Every callback hops to the
 * channel's event loop; nothing blocks. Not sharable.
 */
public final class SpoeHttpHandler extends ChannelDuplexHandler {
    private final SpoeHttpOptions options;
    private final HttpRules rules;
    private ChannelHandlerContext ctx;
    private EventExecutor executor;
    private List<SpoeSession> sessions = List.of();
    private SharedSessions shared;
    private boolean ownsSessions;
    /** The unique id of the connection's events, which the first request (HAProxy's first stream) takes over. */
    private LogFormat.UniqueId firstUniqueId;
    private final ArrayDeque<HttpObject> inbound = new ArrayDeque<>();
    private RequestState current;
    private boolean suspended;
    private boolean pausedRead;
    private boolean draining;
    private boolean readSwallowed;
    private RequestState pendingLocal;
    private final ArrayDeque<RequestState> awaitingResponse = new ArrayDeque<>();
    private RequestState responding;
    private final ArrayDeque<Object[]> heldWrites = new ArrayDeque<>();
    private boolean holdingWrites;
    private boolean collectingResponseBody;
    private long responseBodyBytes;
    private boolean flushHeld;
    private boolean discardingResponse;
    private boolean closed;

    public SpoeHttpHandler(SpoeHttpOptions options) {
        this.options = options;
        this.rules = options.httpRules();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        rejectAggregatorBefore(ctx);
        this.ctx = ctx;
        this.executor = ctx.executor();
        if (ctx.channel().isActive()) {
            openSessions();
        }
    }

    /**
     * The handler works on the streamed request (head first, then content, with auto-read off while
     * SPOE runs); with an aggregator before it, requests hang with no message. Fail at once instead:
     * the channel is closed and Netty reports the exception, so no request bypasses SPOE either.
     */
    private void rejectAggregatorBefore(ChannelHandlerContext ctx) {
        for (Map.Entry<String, ChannelHandler> e : ctx.pipeline()) {
            if (e.getValue() == this) {
                return;
            }
            if (e.getValue() instanceof HttpObjectAggregator) {
                ctx.channel().close();
                throw new IllegalStateException("the spoe4j handler must come before the HttpObjectAggregator '"
                        + e.getKey() + "' in the pipeline: it needs the request head before the body is read."
                        + " Add it right after the HTTP codec: pipeline.addLast(new HttpServerCodec(),"
                        + " spoe.newHandler(), new HttpObjectAggregator(...), app)");
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (shared == null) {
            openSessions();
        }
        super.channelActive(ctx);
    }

    private void openSessions() {
        Channel parent = NettyRequestAttributes.connectionOf(ctx.channel());
        if (parent != ctx.channel()) {
            shared = SharedSessions.of(parent, options.engines(), options.uniqueIdFormat());
        } else {
            NettyRequestAttributes connection = new NettyRequestAttributes(ctx.channel(), null);
            firstUniqueId = NettyRequestAttributes.newId(options.uniqueIdFormat());
            connection.uniqueId(firstUniqueId);
            shared = SharedSessions.open(options.engines(), connection);
            ownsSessions = true;
        }
        sessions = shared.sessions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject http)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (suspended || !inbound.isEmpty() || holdsNext(http)) {
            enqueue(http);
            return;
        }
        handle(http);
        drain();
    }

    private void enqueue(HttpObject msg) {
        if (msg instanceof FullHttpRequest full) {
            // Split so that the head and the body take separate turns, like a streamed request.
            HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(),
                    full.headers());
            head.setDecoderResult(full.decoderResult());
            inbound.add(head);
            inbound.add(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
        } else {
            inbound.add(msg);
        }
        pauseRead();
    }

    private void pauseRead() {
        if (!pausedRead && ctx.channel().config().isAutoRead()) {
            pausedRead = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (suspended) {
            readSwallowed = true;
        } else {
            ctx.read();
        }
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!suspended && !closed && !inbound.isEmpty() && !holdsNext(inbound.peek())) {
                handle(inbound.poll());
            }
        } finally {
            draining = false;
        }
        if (!suspended && !closed && inbound.isEmpty()) {
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
            if (msg instanceof FullHttpRequest) {
                enqueueFront((FullHttpRequest) msg);
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

    private void enqueueFront(FullHttpRequest full) {
        HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
        head.setDecoderResult(full.decoderResult());
        inbound.addFirst(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
        startRequest(head);
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
            closed = true;
            FullHttpResponse bad = toNetty(rules.errorReply(400));
            bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        NettyRequestAttributes attrs = new NettyRequestAttributes(ctx.channel(), head);
        attrs.uniqueId(firstUniqueId != null ? firstUniqueId : NettyRequestAttributes.newId(options.uniqueIdFormat()));
        firstUniqueId = null;
        HttpTransaction txn = rules.newTransaction(sessions, attrs, !shared.reported);
        shared.reported = true;
        attrs.variables(txn.variables());
        RequestState req = new RequestState(head, attrs, txn);
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
                attrs.body(new byte[0]);
            }
            process(req);
        }
    }

    /** {@code wait-for-body time T} ran out before the body arrived: HAProxy answers 408. */
    private void bodyTimedOut(RequestState req) {
        req.timer = null;
        if (!gone(req) && req.phase == RequestState.Phase.COLLECTING) {
            answer(req, req.txn.localReply(rules.errorReply(408), true));
        }
    }

    private void process(RequestState req) {
        req.phase = RequestState.Phase.PROCESSING;
        suspended = true;
        pauseRead();
        req.txn.request(executor).whenComplete((decision, error) -> {
            if (executor.inEventLoop()) {
                requestProcessed(req, decision, error);
            } else {
                executor.execute(() -> requestProcessed(req, decision, error));
            }
        });
    }

    private boolean gone(RequestState req) {
        return closed || req.finished;
    }

    private void requestProcessed(RequestState req, Decision decision, Throwable error) {
        if (gone(req)) {
            return;
        }
        if (error != null) {
            AccessLog.stepFailed(error);
            decision = req.txn.localReply(rules.errorReply(500), false);
        }
        if (decision instanceof Decision.Respond r) {
            if (!req.answerDeferred && !req.complete && !lastContentQueued() && hasBody(req.head)) {
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
     * once, sending nothing.
     */
    private void drop(RequestState req, boolean reset) {
        req.releaseHeld();
        req.status = -1;
        complete(req);
        closed = true;
        suspended = true;
        if (reset && ctx.channel().config() instanceof io.netty.channel.socket.SocketChannelConfig sc) {
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
        txn.editedMethod().ifPresent(m -> req.head.setMethod(io.netty.handler.codec.http.HttpMethod.valueOf(m)));
        txn.editedUri().ifPresent(req.head::setUri);
        txn.applyRequestEdits(editor(headers));
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
        awaitingResponse.add(req);
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

    static HeaderEditor editor(HttpHeaders headers) {
        return new HeaderEditor() {
            @Override
            public void remove(String name) {
                headers.remove(name);
            }

            @Override
            public void add(String name, String value) {
                headers.add(name, value);
            }

            @Override
            public void replace(String name, List<String> values) {
                List<java.util.Map.Entry<String, String>> all = headers.entries();
                headers.clear();
                int i = 0;
                for (java.util.Map.Entry<String, String> e : all) {
                    boolean match = e.getKey().equalsIgnoreCase(name) && i < values.size();
                    headers.add(e.getKey(), match ? values.get(i++) : e.getValue());
                }
            }
        };
    }

    /** A reply as Netty's response (status, reason, headers in order, body). */
    public static FullHttpResponse toNetty(HttpReply reply) {
        ByteBuf content = reply.body().length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body());
        FullHttpResponse r = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                new HttpResponseStatus(reply.status(), reply.reason()), content, false);
        for (HttpHeader h : reply.headers()) {
            r.headers().add(h.name(), h.value());
        }
        return r;
    }

    /** Answers {@code req} with the rules' reply, after its tarpit delay, keeping the connection as HAProxy would. */
    private void answer(RequestState req, Decision.Respond respond) {
        if (respond.delay().isZero()) {
            HttpRequest head = req.head;
            boolean bodyless = !HttpUtil.isTransferEncodingChunked(head) && HttpUtil.getContentLength(head, 0L) == 0;
            Replies.Wire wire = Replies.toClient(respond.reply(), new Replies.ClientRequest(
                    head.protocolVersion().minorVersion() >= 1 && head.protocolVersion().majorVersion() == 1,
                    head.headers().getAll(HttpHeaderNames.CONNECTION), bodyless, bodyless || req.complete
                    || lastContentQueued()), false);
            answer(req, toNetty(wire.reply()), respond.close() || wire.close());
            return;
        }
        req.releaseHeld();
        req.phase = RequestState.Phase.DISCARDING;
        suspended = true;
        pauseRead();
        req.timer = executor.schedule(() -> {
            req.timer = null;
            if (!gone(req)) {
                answer(req, new Decision.Respond(respond.reply(), respond.close(), java.time.Duration.ZERO));
            }
        }, respond.delay().toNanos(), TimeUnit.NANOSECONDS);
    }

    private static boolean hasBody(HttpRequest head) {
        return HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
    }

    /**
     * Whether the end of the current request's body was read and is waiting in the queue (it came
     * with the head, and the request was held before it was handled): HAProxy, which has it in its
     * buffer by then, counts it as received.
     */
    private boolean lastContentQueued() {
        for (HttpObject m : inbound) {
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
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        req.localAnswer = response;
        suspended = true;
        pauseRead();
        if (awaitingResponse.isEmpty()) {
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
        boolean close = response.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        var future = ctx.writeAndFlush(response);
        complete(req);
        if (close) {
            closed = true;
            future.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        suspended = false;
        drain();
    }

    private void complete(RequestState req) {
        if (!req.finished) {
            req.finish();
            if (options.accessLog() != null) {
                try {
                    AccessLog.log(req, options.accessLog());
                } catch (RuntimeException e) {
                    AccessLog.stepFailed(e);
                }
            }
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (discardingResponse) {
            ReferenceCountUtil.release(msg);
            promise.setSuccess();
            if (msg instanceof LastHttpContent) {
                discardingResponse = false;
            }
            return;
        }
        if (holdingWrites) {
            heldWrites.add(new Object[] {msg, promise});
            if (collectingResponseBody) {
                collectResponseBody(msg);
            }
            return;
        }
        if (msg instanceof io.spoe4j.netty.ProxyError error && responding == null && !awaitingResponse.isEmpty()) {
            proxyError(error, promise);
            return;
        }
        if (msg instanceof HttpResponse resp && resp.status().codeClass() != io.netty.handler.codec.http
                .HttpStatusClass.INFORMATIONAL && responding == null && !awaitingResponse.isEmpty()) {
            RequestState req = awaitingResponse.peek();
            responding = req;
            req.status = resp.status().code();
            req.attributes.response(resp);
            if (rules.hasResponseSteps() && !closed) {
                holdingWrites = true;
                heldWrites.add(new Object[] {msg, promise});
                if (rules.needsResponseBody()) {
                    collectingResponseBody = true;
                    responseBodyBytes = 0;
                    collectResponseBody(msg);
                } else {
                    startResponseSteps(req);
                }
                return;
            }
            addResponseHeaders(req, resp);
            connectionLast(resp.headers());
        }
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && responding != null) {
            responseDone(responding);
        }
    }

    /**
     * The proxy's own error instead of the server's answer: HAProxy's page (or the errorfile) for its
     * status through the http-after-response rules, no response event or http-response rule, the
     * connection kept or closed as HAProxy's H1 mux does.
     */
    private void proxyError(io.spoe4j.netty.ProxyError error, ChannelPromise promise) {
        RequestState req = awaitingResponse.peek();
        responding = req;
        int status = error.status().code();
        // the proxy closes when the request body had not all arrived (its error says connection: close)
        boolean proxyCloses = error.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        error.release();
        Decision.Respond r = req.txn.localReply(rules.errorReply(status), false);
        HttpRequest head = req.head;
        boolean bodyless = !hasBody(head);
        Replies.Wire wire = Replies.toClient(r.reply(), new Replies.ClientRequest(
                head.protocolVersion().minorVersion() >= 1 && head.protocolVersion().majorVersion() == 1,
                head.headers().getAll(HttpHeaderNames.CONNECTION), bodyless, true), false);
        FullHttpResponse out = toNetty(wire.reply());
        req.status = out.status().code();
        boolean close = r.close() || wire.close() || proxyCloses;
        if (close) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            closed = true;
            promise = promise.unvoid();
            promise.addListener(ChannelFutureListener.CLOSE);
        }
        ctx.write(out, promise);
        responseDone(req);
    }

    private void startResponseSteps(RequestState req) {
        req.txn.response(executor).whenComplete((decision, error) -> {
            if (executor.inEventLoop()) {
                responseProcessed(req, decision, error);
            } else {
                executor.execute(() -> responseProcessed(req, decision, error));
            }
        });
    }

    /**
     * A held write of a response whose steps read res.body: they start once the body is complete,
     * reached maxBodyBytes, or cannot be read (a FileRegion); {@link #flush} starts them too, with
     * what has arrived, as HAProxy sends what its buffer holds.
     */
    private void collectResponseBody(Object msg) {
        ByteBuf content = msg instanceof HttpContent c ? c.content() : msg instanceof ByteBuf b ? b : null;
        if (content != null) {
            responseBodyBytes += content.readableBytes();
        }
        if (msg instanceof LastHttpContent last) {
            responding.attributes.responseTrailers(last.trailingHeaders());
        }
        if (msg instanceof LastHttpContent || (content == null && !(msg instanceof HttpObject))
                || responseBodyBytes >= options.maxBodyBytes()) {
            responseBodyHeld();
        }
    }

    private void responseBodyHeld() {
        collectingResponseBody = false;
        RequestState req = responding;
        int size = (int) Math.min(responseBodyBytes, options.maxBodyBytes());
        byte[] body = new byte[size];
        int at = 0;
        for (Object[] w : heldWrites) {
            ByteBuf b = w[0] instanceof HttpContent c ? c.content() : w[0] instanceof ByteBuf buf ? buf : null;
            if (b != null && at < size) {
                int n = Math.min(b.readableBytes(), size - at);
                b.getBytes(b.readerIndex(), body, at, n);
                at += n;
            }
        }
        req.attributes.responseBody(body);
        startResponseSteps(req);
    }

    /**
     * Moves the {@code connection} header after the others, where HAProxy writes it: it is not part
     * of the message the rules see (HAProxy's H1 layer removes it and adds its own when it writes).
     */
    static void connectionLast(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        if (!values.isEmpty()) {
            headers.remove(HttpHeaderNames.CONNECTION);
            values.forEach(v -> headers.add(HttpHeaderNames.CONNECTION, v));
        }
    }

    private void addResponseHeaders(RequestState req, HttpResponse resp) {
        String prefix = options.responseHeaderPrefix();
        if (prefix != null) {
            VariableHeaders.add(resp.headers(), prefix, req.txn.variables(), true);
        }
    }

    private void responseProcessed(RequestState req, Decision decision, Throwable error) {
        if (gone(req)) {
            return;
        }
        holdingWrites = false;
        if (error != null) {
            AccessLog.stepFailed(error);
            decision = req.txn.localReply(rules.errorReply(502), true);
        }
        if (!(decision instanceof Decision.Forward)) {
            boolean sawLast = false;
            for (Object[] w : heldWrites) {
                sawLast |= w[0] instanceof LastHttpContent;
                ReferenceCountUtil.release(w[0]);
                ((ChannelPromise) w[1]).setSuccess();
            }
            heldWrites.clear();
            flushHeld = false;
            if (decision instanceof Decision.Drop d) {
                req.status = -1;
                responseDone(req);
                drop(req, d.reset());
                return;
            }
            Decision.Respond r = (Decision.Respond) decision;
            discardingResponse = !sawLast;
            FullHttpResponse resp = toNetty(r.reply());
            // the upstream's answer is cut short when it was not all here: the connection cannot be reused
            boolean close = r.close() || !sawLast || !HttpUtil.isKeepAlive(req.head);
            if (close) {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                closed = true;
            }
            req.status = r.reply().status();
            var future = ctx.writeAndFlush(resp);
            if (close) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
            responseDone(req);
            return;
        }
        Object[] first = heldWrites.peek();
        if (first != null && first[0] instanceof HttpResponse resp) {
            int status = req.txn.editedStatus();
            if (status >= 0) {
                resp.setStatus(new HttpResponseStatus(status, req.txn.editedReason()
                        .orElse(io.spoe4j.http.internal.Replies.reason(status))));
                req.status = status;
            }
            req.txn.applyResponseEdits(editor(resp.headers()));
            addResponseHeaders(req, resp);
            connectionLast(resp.headers());
        }
        while (!heldWrites.isEmpty() && !holdingWrites) {
            Object[] w = heldWrites.poll();
            write(ctx, w[0], (ChannelPromise) w[1]);
        }
        if (flushHeld) {
            // A pipelined response held again (its own on-http-response) keeps the pending flush.
            flushHeld = holdingWrites;
            ctx.flush();
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (holdingWrites) {
            flushHeld = true;
            if (collectingResponseBody) {
                responseBodyHeld();
            }
        } else {
            ctx.flush();
        }
    }

    private void responseDone(RequestState req) {
        awaitingResponse.remove(req);
        if (responding == req) {
            responding = null;
        }
        complete(req);
        if (pendingLocal != null && awaitingResponse.isEmpty() && !closed) {
            writeLocal(pendingLocal);
        } else if (awaitingResponse.isEmpty() && !closed && !inbound.isEmpty()) {
            // A pipelined request held by holdsNext: its turn now, outside this write call.
            executor.execute(this::drain);
        }
    }

    /**
     * Whether {@code msg}, the next pipelined request, must wait until the responses before it are
     * written: when response steps exist, as HAProxy (which processes an HTTP/1 connection's
     * requests one at a time) sends all NOTIFYs of a request, response ones included, before the
     * next request's.
     */
    private boolean holdsNext(Object msg) {
        return msg instanceof HttpRequest && rules.hasResponseSteps() && !awaitingResponse.isEmpty();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        cleanup();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closed = true;
        cleanup();
    }

    private void cleanup() {
        HttpObject m;
        while ((m = inbound.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        Object[] w;
        while ((w = heldWrites.poll()) != null) {
            ReferenceCountUtil.release(w[0]);
            ((ChannelPromise) w[1]).tryFailure(new java.nio.channels.ClosedChannelException());
        }
        holdingWrites = false;
        collectingResponseBody = false;
        if (current != null) {
            complete(current);
            current = null;
        }
        if (pendingLocal != null) {
            complete(pendingLocal);
            pendingLocal = null;
        }
        RequestState r;
        while ((r = awaitingResponse.poll()) != null) {
            complete(r);
        }
        if (ownsSessions) {
            shared.close();
        }
    }
}

package io.spoe4j.undertow.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HeaderEditor;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.http.internal.Replies;
import io.spoe4j.undertow.SpoeHandler;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The SPOE handler: snapshots the exchange and runs the request side of the shared rule engine
 * ({@link HttpRules}: on-client-session's outcome, the events and the proxy's rules in HAProxy's
 * order; synchronous rules run inline on the thread the previous step completed on, so they never
 * block), suspends the exchange meanwhile as Undertow's {@code RequestLimit} does (dispatch with a
 * same-thread executor, resume with {@code exchange.dispatch}), then carries out the decision
 * (answer, drop, or the rewrites, headers and predicates) and calls the next handler; the req and res variables are dropped as it is called (HAProxy prunes
 * them once the request reached the server). The response steps run behind a
 * {@link ResponseGateConduit}; {@code res.body} is what the application's first write offers.
 */
public final class DefaultSpoeHandler implements SpoeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSpoeHandler.class);

    private final HandlerOptions options;
    private final HttpHandler next;
    private final SpoeEngine engine;
    private final String varInfix;
    private final HttpRules rules;

    public DefaultSpoeHandler(HandlerOptions options, HttpHandler next) {
        this.options = options;
        this.next = next;
        this.engine = options.engine();
        this.rules = options.rules();
        this.varInfix = "." + engine.config().varPrefix() + ".";
    }

    @Override
    public SpoeEngine engine() {
        return engine;
    }

    @Override
    public HttpHandler next() {
        return next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (Attachments.attached(exchange, engine.name()) != null) {
            // this engine already ran on this exchange (the handler is in the chain twice)
            next.handleRequest(exchange);
            return;
        }
        if (options.uniqueIdFormat() != null) {
            UniqueIdSource.attach(exchange, options.uniqueIdFormat());
        }
        SpoeSession session = Attachments.session(exchange, engine);
        ExchangeAttributes attributes = ExchangeAttributes.requestOf(exchange, null);
        HttpTransaction txn = rules.newTransaction(List.of(session), attributes, true);
        ExchangeState state = new ExchangeState(engine.name(), session, txn, attributes);
        Attachments.attach(exchange, state);
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                txn.close();
            } finally {
                nextListener.proceed();
            }
        });
        boolean inIoThread = exchange.isInIoThread();
        if (rules.needsRequestBody()) {
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> RequestBodyReader.read(exchange, options.maxBodyBytes(),
                    new RequestBodyReader.Callback() {
                        @Override
                        public void body(byte[] body) {
                            if (body != null) {
                                state.attributes(ExchangeAttributes.requestOf(exchange, body));
                            }
                            txn.request(DIRECT).whenComplete((d, e) -> resume(exchange, state, d, e, inIoThread));
                        }

                        @Override
                        public void failed(Throwable error) {
                            // the client connection broke while sending the body: nothing to answer
                            txn.close();
                            IoUtils.safeClose(exchange.getConnection());
                        }
                    }));
            return;
        }
        CompletableFuture<Decision> done = txn.request(DIRECT).toCompletableFuture();
        if (done.isDone()) {
            Decision d = done.getNow(null);
            afterRequest(exchange, state, d);
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE,
                () -> done.whenComplete((d, e) -> resume(exchange, state, d, e, inIoThread)));
    }

    /** Hands the exchange back to Undertow: its IO thread when it arrived there, else a worker. */
    private void resume(HttpServerExchange exchange, ExchangeState state, Decision decision, Throwable error,
            boolean inIoThread) {
        if (exchange.isComplete()) {
            // ended meanwhile (connection closed and the exchange terminated): nothing left to resume
            return;
        }
        Decision d = error == null ? decision : state.txn().localReply(rules.errorReply(500), false);
        if (error != null) {
            LOG.warn("SPOE request rules of engine {} failed unexpectedly", engine.name(), error);
        }
        HttpHandler continuation = ex -> afterRequest(ex, state, d);
        if (inIoThread) {
            exchange.dispatch(exchange.getIoThread(), continuation);
        } else {
            exchange.dispatch(continuation);
        }
    }

    private void afterRequest(HttpServerExchange exchange, ExchangeState state, Decision decision) throws Exception {
        HttpTransaction txn = state.txn();
        if (decision instanceof Decision.Respond r) {
            respond(exchange, r);
            return;
        }
        if (decision instanceof Decision.Drop) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        txn.editedMethod().ifPresent(m -> exchange.setRequestMethod(HttpString.tryFromString(m)));
        txn.editedUri().ifPresent(uri -> setUri(exchange, uri));
        txn.applyRequestEdits(editor(exchange.getRequestHeaders()));
        if (options.requestHeaderPrefix() != null) {
            copyRequestHeaders(exchange, state);
        }
        if (options.uniqueIdFormat() != null) {
            // HAProxy generates the id before passing the request on even when nothing read it.
            String id = state.attributes().uniqueId();
            if (options.uniqueIdHeader() != null) {
                exchange.getRequestHeaders().add(HttpString.tryFromString(options.uniqueIdHeader()), id);
            }
        }
        if (options.deny() != null && options.deny().resolve(exchange)) {
            int status = options.denyStatus();
            HttpReply reply = Replies.hasErrorPage(status) ? rules.errorReply(status)
                    : Replies.reply(status, (String) null, null, List.of());
            respond(exchange, new Decision.Respond(reply, false, Duration.ZERO));
            return;
        }
        HttpHandler target = next;
        for (HandlerOptions.PredicateRoute route : options.routes()) {
            if (route.predicate().resolve(exchange)) {
                target = route.handler();
                break;
            }
        }
        if (rules.hasResponseSteps()) {
            exchange.addResponseWrapper((factory, ex) -> new ResponseGateConduit(factory.create(), ex,
                    new ResponseGate(ex, state)));
        }
        // HAProxy prunes the req/res variables once the request reached the server
        txn.requestForwarded();
        target.handleRequest(exchange);
    }

    private static final java.util.concurrent.Executor DIRECT = Runnable::run;

    /**
     * {@code set-path}, {@code set-query}, {@code set-uri}...: the request target, path and query
     * string as Undertow keeps them: the request URI without the query (with scheme and authority for
     * an absolute-form target), the query string empty when the new target has none.
     */
    static void setUri(HttpServerExchange exchange, String uri) {
        exchange.getQueryParameters().clear();
        exchange.getPathParameters().clear();
        exchange.setQueryString("");
        int scheme = uri.startsWith("/") ? -1 : uri.indexOf("://");
        String originForm = uri;
        if (scheme > 0) {
            int slash = uri.indexOf('/', scheme + 3);
            int q = uri.indexOf('?', scheme + 3);
            originForm = slash >= 0 && (q < 0 || slash < q) ? uri.substring(slash) : "/" + (q < 0 ? "" : uri.substring(q));
        }
        try {
            Connectors.setExchangeRequestPath(exchange, originForm, "UTF-8", true, false, new StringBuilder(), 1000);
        } catch (io.undertow.util.ParameterLimitException | io.undertow.util.BadRequestException e) {
            throw new IllegalStateException("the rewritten request target has too many parameters: " + uri, e);
        }
        if (scheme > 0) {
            int q = uri.indexOf('?');
            exchange.setRequestURI(q < 0 ? uri : uri.substring(0, q), true);
        }
    }

    static HeaderEditor editor(HeaderMap headers) {
        return new HeaderEditor() {
            @Override
            public void remove(String name) {
                headers.remove(name);
            }

            @Override
            public void add(String name, String value) {
                headers.add(HttpString.tryFromString(name), value);
            }

            @Override
            public void replace(String name, List<String> values) {
                HeaderValues current = headers.get(name);
                if (current == null || current.size() != values.size()) {
                    HeaderEditor.super.replace(name, values);
                    return;
                }
                for (int i = 0; i < values.size(); i++) {
                    current.set(i, values.get(i));
                }
            }
        };
    }

    /** Answers with the rules' reply (after its tarpit delay), as HAProxy writes it. */
    private static void respond(HttpServerExchange exchange, Decision.Respond r) {
        if (!r.delay().isZero()) {
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> exchange.getIoThread().executeAfter(
                    () -> exchange.dispatch(exchange.getIoThread(), ex -> send(ex, r)),
                    r.delay().toMillis(), TimeUnit.MILLISECONDS));
            return;
        }
        send(exchange, r);
    }

    private static void send(HttpServerExchange exchange, Decision.Respond r) {
        HttpReply reply = r.reply();
        exchange.setStatusCode(reply.status());
        exchange.setReasonPhrase(reply.reason());
        HeaderMap headers = exchange.getResponseHeaders();
        headers.clear();
        for (HttpHeader h : reply.headers()) {
            headers.add(HttpString.tryFromString(h.name()), h.value());
        }
        if (r.close()) {
            exchange.setPersistent(false);
        }
        if (reply.body().length == 0) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(reply.body()));
        }
    }

    private void copyRequestHeaders(HttpServerExchange exchange, ExchangeState state) {
        String prefix = options.requestHeaderPrefix();
        List<HttpString> spoofed = new ArrayList<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            if (values.getHeaderName().toString().regionMatches(true, 0, prefix, 0, prefix.length())) {
                spoofed.add(values.getHeaderName());
            }
        }
        spoofed.forEach(exchange.getRequestHeaders()::remove);
        for (Map.Entry<String, Sample> e : state.variables().snapshot().entrySet()) {
            addHeader(exchange.getRequestHeaders(), prefix, e.getKey(), e.getValue());
        }
    }

    private void addHeader(io.undertow.util.HeaderMap headers, String prefix, String name, Sample value) {
        if (value == null || !name.contains(varInfix)) {
            return;
        }
        String text = io.spoe4j.client.VariableHeaders.value(value);
        if (text != null) {
            headers.add(HttpString.tryFromString(io.spoe4j.client.VariableHeaders.name(prefix, name)), text);
        }
    }

    /** The response side of one exchange: runs the response steps, then adds headers or aborts. */
    private final class ResponseGate implements ResponseGateConduit.Gate {
        private final HttpServerExchange exchange;
        private final ExchangeState state;
        private int firstResult;
        private volatile Decision decision;

        ResponseGate(HttpServerExchange exchange, ExchangeState state) {
            this.exchange = exchange;
            this.state = state;
        }

        @Override
        public int bodyLimit() {
            return rules.needsResponseBody() ? options.maxBodyBytes() : -1;
        }

        @Override
        public CompletionStage<?> start(byte[] body) {
            firstResult = state.results().size();
            state.attributes(state.attributes().withResponse(exchange, body));
            return state.txn().response(DIRECT).whenComplete((d, e) -> decision = e != null ? null : d);
        }

        @Override
        public void beforeOpen() {
            HttpTransaction txn = state.txn();
            if (!(decision instanceof Decision.Forward) || txn.editedStatus() >= 0
                    && txn.editedStatus() != exchange.getStatusCode()) {
                // the status line is final once the application writes: a response the rules replace,
                // drop or re-status cannot be let out, so the connection is closed (as under fail-closed)
                IoUtils.safeClose(exchange.getConnection());
                return;
            }
            txn.applyResponseEdits(editor(exchange.getResponseHeaders()));
            if (options.responseHeaderPrefix() != null) {
                List<SpoeResult> results = state.results();
                for (SpoeResult r : results.subList(firstResult, results.size())) {
                    for (SpoeResult.Variable v : r.applied()) {
                        addHeader(exchange.getResponseHeaders(), options.responseHeaderPrefix(), v.name(), v.value());
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "spoe(engine=" + engine.name() + ")";
    }
}

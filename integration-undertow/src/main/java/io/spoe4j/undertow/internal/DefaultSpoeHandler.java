package io.spoe4j.undertow.internal;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.undertow.SpoeDecider;
import io.spoe4j.undertow.SpoeHandler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The SPOE handler: snapshots the exchange, runs the request steps (on-client-session's outcome,
 * the request events and the proxy's {@code send-spoe-group}, {@code set-var} and {@code unset-var}
 * rules in HAProxy's order; set-var/unset-var run inline on the thread the previous step completed
 * on, against the snapshot, so they never block), suspends the
 * exchange meanwhile as Undertow's {@code RequestLimit} does (dispatch with a same-thread executor,
 * resume with {@code exchange.dispatch}), then applies the policy, the headers and the deciders and
 * calls the next handler; the req and res variables are dropped as it is called (HAProxy prunes
 * them once the request reached the server). The response steps run behind a
 * {@link ResponseGateConduit}; {@code res.body} is what the application's first write offers.
 */
public final class DefaultSpoeHandler implements SpoeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSpoeHandler.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<SpoeResult> NO_RESULT = CompletableFuture.completedFuture(null);

    private final HandlerOptions options;
    private final HttpHandler next;
    private final SpoeEngine engine;
    private final String varInfix;
    private final List<Function<ExchangeState, CompletionStage<SpoeResult>>> requestSteps = new ArrayList<>();
    private final List<Function<ExchangeState, CompletionStage<SpoeResult>>> responseSteps = new ArrayList<>();
    private final boolean needsBody;
    private final boolean needsResponseBody;

    public DefaultSpoeHandler(HandlerOptions options, HttpHandler next) {
        this.options = options;
        this.next = next;
        this.engine = options.engine();
        EngineConfig config = engine.config();
        this.varInfix = "." + config.varPrefix() + ".";
        requestSteps.add(s -> s.session().clientSessionResult());
        boolean body = false;
        body |= addEvent(requestSteps, config, SpoeEvent.ON_FRONTEND_TCP_REQUEST);
        body |= addRules(requestSteps, config, RuleDirection.TCP_REQUEST_CONTENT);
        body |= addEvent(requestSteps, config, SpoeEvent.ON_FRONTEND_HTTP_REQUEST);
        body |= addRules(requestSteps, config, RuleDirection.HTTP_REQUEST);
        body |= addEvent(requestSteps, config, SpoeEvent.ON_BACKEND_TCP_REQUEST);
        body |= addEvent(requestSteps, config, SpoeEvent.ON_BACKEND_HTTP_REQUEST);
        addEvent(responseSteps, config, SpoeEvent.ON_SERVER_SESSION);
        addEvent(responseSteps, config, SpoeEvent.ON_TCP_RESPONSE);
        addRules(responseSteps, config, RuleDirection.TCP_RESPONSE_CONTENT);
        addEvent(responseSteps, config, SpoeEvent.ON_HTTP_RESPONSE);
        addRules(responseSteps, config, RuleDirection.HTTP_RESPONSE);
        this.needsBody = body;
        this.needsResponseBody = readsResponseBody(config, options.rules());
    }

    /** Adds the event's step when it has messages; returns whether they read the request body. */
    private static boolean addEvent(List<Function<ExchangeState, CompletionStage<SpoeResult>>> steps,
            EngineConfig config, SpoeEvent event) {
        List<MessageConfig> messages = config.messagesFor(event);
        if (messages.isEmpty()) {
            return false;
        }
        steps.add(s -> s.transaction().fire(event));
        return messages.stream().anyMatch(MessageConfig::needsRequestBody);
    }

    /**
     * Whether a response event's message, a response group's message, a response rule's condition or
     * a response set-var's expression reads res.body.
     */
    private static boolean readsResponseBody(EngineConfig config, List<ProxyRule> rules) {
        for (SpoeEvent e : List.of(SpoeEvent.ON_SERVER_SESSION, SpoeEvent.ON_TCP_RESPONSE, SpoeEvent.ON_HTTP_RESPONSE)) {
            if (config.messagesFor(e).stream().anyMatch(MessageConfig::needsResponseBody)) {
                return true;
            }
        }
        for (ProxyRule rule : rules) {
            if (!rule.direction().isResponse()) {
                continue;
            }
            if (rule.condition().map(c -> c.needsResponseBody()).orElse(false)) {
                return true;
            }
            if (rule instanceof SetVarRule v && v.expression().map(e -> e.needsResponseBody()).orElse(false)
                    || rule instanceof SendSpoeGroupRule g && config.group(g.group()).map(gc -> gc.messages().stream()
                            .anyMatch(MessageConfig::needsResponseBody)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the rules of one rule set, in file order; returns whether one of them reads the request body. */
    private boolean addRules(List<Function<ExchangeState, CompletionStage<SpoeResult>>> steps, EngineConfig config,
            RuleDirection direction) {
        boolean body = false;
        for (ProxyRule rule : options.rules()) {
            if (rule.direction() != direction) {
                continue;
            }
            body |= rule.condition().map(c -> c.needsRequestBody()).orElse(false);
            if (rule instanceof SetVarRule v) {
                steps.add(s -> setVar(v, s));
                body |= v.expression().map(e -> e.needsRequestBody()).orElse(false);
            } else if (rule instanceof SendSpoeGroupRule g) {
                steps.add(g.condition().isPresent()
                        ? s -> s.transaction().sendGroup(g.group(), g.condition().get())
                        : s -> s.transaction().sendGroup(g.group()));
                body |= config.group(g.group()).map(gc -> gc.messages().stream()
                        .anyMatch(MessageConfig::needsRequestBody)).orElse(false);
            }
        }
        return body;
    }

    /**
     * HAProxy's set-var/unset-var on this engine's transaction: skipped when the condition does not
     * hold; a set-var whose sample is missing (or whose evaluation fails) leaves the variable alone.
     * Completes at once with no result ({@code null}).
     */
    private static CompletionStage<SpoeResult> setVar(SetVarRule rule, ExchangeState state) {
        SpoeTransaction txn = state.transaction();
        try {
            RequestAttributes attrs = txn.attributes();
            Condition condition = rule.condition().orElse(null);
            if (condition != null && !condition.test(attrs)) {
                return NO_RESULT;
            }
            if (rule.isUnset()) {
                txn.unsetVariable(rule.variable());
                return NO_RESULT;
            }
            Sample value = rule.expression().get().evaluate(attrs);
            if (value != null) {
                txn.setVariable(rule.variable(), value);
            }
        } catch (RuntimeException e) {
            // as in the Netty adapter: a failing expression or condition leaves the variable as it was
            LOG.warn("SPOE set-var/unset-var rule on {} failed unexpectedly; the variable is left as it was",
                    rule.variable(), e);
        }
        return NO_RESULT;
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
        SpoeTransaction txn = session.newTransaction(attributes);
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
        if (needsBody) {
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> RequestBodyReader.read(exchange, options.maxBodyBytes(),
                    new RequestBodyReader.Callback() {
                        @Override
                        public void body(byte[] body) {
                            if (body != null) {
                                state.attributes(ExchangeAttributes.requestOf(exchange, body));
                            }
                            run(requestSteps, 0, state).whenComplete((v, e) -> resume(exchange, state, e, inIoThread));
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
        CompletableFuture<Void> done = run(requestSteps, 0, state).toCompletableFuture();
        if (done.isDone()) {
            afterRequest(exchange, state, done.isCompletedExceptionally() ? failure(done) : null);
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE,
                () -> done.whenComplete((v, e) -> resume(exchange, state, e, inIoThread)));
    }

    private static Throwable failure(CompletableFuture<Void> done) {
        try {
            done.join();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static CompletionStage<Void> run(List<Function<ExchangeState, CompletionStage<SpoeResult>>> steps, int i,
            ExchangeState state) {
        if (i == steps.size() || state.blocked()) {
            return DONE;
        }
        return steps.get(i).apply(state).thenCompose(r -> {
            if (r != null) {
                state.add(r);
            }
            return run(steps, i + 1, state);
        });
    }

    /** Hands the exchange back to Undertow: its IO thread when it arrived there, else a worker. */
    private void resume(HttpServerExchange exchange, ExchangeState state, Throwable error, boolean inIoThread) {
        if (exchange.isComplete()) {
            // ended meanwhile (connection closed and the exchange terminated): nothing left to resume
            return;
        }
        HttpHandler continuation = ex -> afterRequest(ex, state, error);
        if (inIoThread) {
            exchange.dispatch(exchange.getIoThread(), continuation);
        } else {
            exchange.dispatch(continuation);
        }
    }

    private void afterRequest(HttpServerExchange exchange, ExchangeState state, Throwable error) throws Exception {
        if (state.blocked() || (error != null && engine.failurePolicy() == FailurePolicy.FAIL_CLOSED)) {
            respond(exchange, options.blockStatus());
            return;
        }
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
            respond(exchange, options.denyStatus());
            return;
        }
        HttpHandler target = next;
        for (HandlerOptions.PredicateRoute route : options.routes()) {
            if (route.predicate().resolve(exchange)) {
                target = route.handler();
                break;
            }
        }
        if (options.decider() != null) {
            SpoeDecider.Verdict verdict = options.decider().decide(exchange, state);
            if (verdict instanceof SpoeDecider.Deny deny) {
                respond(exchange, deny.status());
                return;
            }
            if (verdict instanceof SpoeDecider.Route route) {
                target = route.handler();
            }
        }
        if (!responseSteps.isEmpty()) {
            exchange.addResponseWrapper((factory, ex) -> new ResponseGateConduit(factory.create(), ex,
                    new ResponseGate(ex, state)));
        }
        // HAProxy prunes the req/res variables once the request reached the server
        state.transaction().requestForwarded();
        target.handleRequest(exchange);
    }

    private static void respond(HttpServerExchange exchange, int status) {
        exchange.setStatusCode(status);
        exchange.endExchange();
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
        private volatile Throwable error;

        ResponseGate(HttpServerExchange exchange, ExchangeState state) {
            this.exchange = exchange;
            this.state = state;
        }

        @Override
        public int bodyLimit() {
            return needsResponseBody ? options.maxBodyBytes() : -1;
        }

        @Override
        public CompletionStage<?> start(byte[] body) {
            firstResult = state.results().size();
            state.attributes(state.attributes().withResponse(exchange, body));
            return run(responseSteps, 0, state).whenComplete((v, e) -> error = e);
        }

        @Override
        public void beforeOpen() {
            if (state.blocked() || (error != null && engine.failurePolicy() == FailurePolicy.FAIL_CLOSED)) {
                // the status line is final: under fail-closed the response is not let out at all
                IoUtils.safeClose(exchange.getConnection());
                return;
            }
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

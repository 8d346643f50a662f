package io.spoe4j.spring.internal;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.VariableHeaders;
import io.spoe4j.config.HttpAction;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.spring.SpoeExchange;
import io.spoe4j.spring.SpoeProcessor;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The WebFlux adapter of the shared rule engine, used by the WebFilter and the gateway filters. Per
 * exchange: sessions of its connection, a transaction over {@link WebAttributes}, the request body
 * buffered (bounded, 413 beyond) and replayed downstream when a step reads {@code req.body}, the
 * request side as a {@link Mono}, then its {@link Decision} carried out through the exchange: a
 * local answer (after its tarpit delay), a reset connection, or the request mutated (method, URI,
 * header edits, variable and unique-id headers) and passed on with a {@link ResponseSide} response.
 * Engine stages complete on the agent connection's event loop (Reactor Netty's own, so usually the
 * request's); nothing blocks. The transaction ends when the returned Mono terminates or is cancelled.
 */
public final class ExchangeProcessor implements SpoeProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeProcessor.class);
    /** Steps continue on the thread the engine completed them on (state is handed over through the stages). */
    static final Executor DIRECT = Runnable::run;
    private static final AtomicLong IDS = new AtomicLong();
    private static final Object TOO_LARGE = new Object();
    private static final Object TIMED_OUT = new Object();

    private final ProcessorOptions options;
    private final HttpRules rules;
    private final String ranAttribute;
    private final AttributeKey<ConnectionSessions> sessionsKey;

    public ExchangeProcessor(ProcessorOptions options) {
        this.options = options;
        this.rules = options.rules();
        long id = IDS.incrementAndGet();
        this.ranAttribute = SpoeExchange.ATTRIBUTE + ".ran." + options.name() + "." + id;
        this.sessionsKey = AttributeKey.valueOf(ConnectionSessions.class, options.name() + "#" + id);
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public HttpRules rules() {
        return rules;
    }

    ProcessorOptions options() {
        return options;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> next) {
        if (exchange.getAttributes().putIfAbsent(ranAttribute, Boolean.TRUE) != null) {
            return next.apply(exchange); // this processor already ran on the exchange (global and route filter)
        }
        return Mono.defer(() -> {
            ExchangeState state = start(exchange);
            return readBody(exchange, state, next).doFinally(signal -> state.finish());
        });
    }

    private ExchangeState start(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpServerRequest nativeRequest = NativeConnection.nativeRequest(request);
        Channel channel = NativeConnection.channel(request);
        String version = "1.1";
        if (nativeRequest != null) {
            var v = nativeRequest.version();
            version = v.majorVersion() + "." + v.minorVersion();
        }
        if (channel != null && NativeConnection.connectionOf(channel) != channel) {
            version = "2.0";
        }
        LogFormat format = options.uniqueIdFormat();
        ConnectionSessions sessions = channel == null
                ? ConnectionSessions.open(rules.engines(), WebAttributes.connectionOf(request,
                        ConnectionSessions.newId(format)), true)
                : ConnectionSessions.of(NativeConnection.connectionOf(channel), sessionsKey, rules.engines(),
                        WebAttributes.connectionOf(request, ConnectionSessions.newId(format)));
        WebAttributes attributes = WebAttributes.requestOf(request, version, ConnectionSessions.newId(format));
        HttpTransaction txn = rules.newTransaction(sessions.sessions, attributes, sessions.first());
        attributes.variables(txn.variables());
        ExchangeState state = new ExchangeState(options.name(), txn, attributes, sessions);
        Map<String, Object> attrs = exchange.getAttributes();
        attrs.put(SpoeExchange.ATTRIBUTE + "." + options.name(), state);
        attrs.putIfAbsent(SpoeExchange.ATTRIBUTE, state);
        return state;
    }

    /** Buffers the request body first when a step reads it (HAProxy's {@code option http-buffer-request}). */
    private Mono<Void> readBody(ServerWebExchange exchange, ExchangeState state,
            Function<ServerWebExchange, Mono<Void>> next) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        boolean hasBody = headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (!rules.needsRequestBody()) {
            return requestSide(exchange, state, next);
        }
        if (!hasBody) {
            state.attributes.body(new byte[0]);
            state.bodyRead = true;
            return requestSide(exchange, state, next);
        }
        if (headers.getContentLength() > options.maxBodyBytes()) {
            return respond(exchange, state, state.txn.localReply(rules.errorReply(413), true));
        }
        Mono<Object> body = DataBufferUtils.join(request.getBody(), options.maxBodyBytes()).map(ExchangeProcessor::bytes);
        HttpAction.WaitForBody wait = rules.waitForBody().orElse(null);
        if (wait != null && !wait.time().isZero()) {
            body = body.timeout(wait.time());
        }
        return body.defaultIfEmpty(new byte[0])
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(TOO_LARGE))
                .onErrorResume(TimeoutException.class, e -> Mono.just(TIMED_OUT))
                .flatMap(read -> {
                    if (read == TOO_LARGE) {
                        return respond(exchange, state, state.txn.localReply(rules.errorReply(413), true));
                    }
                    if (read == TIMED_OUT) {
                        return respond(exchange, state, state.txn.localReply(rules.errorReply(408), true));
                    }
                    byte[] bytes = (byte[]) read;
                    state.attributes.body(bytes);
                    state.bodyRead = true;
                    ServerHttpRequest replayed = new ServerHttpRequestDecorator(request) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
                        }
                    };
                    return requestSide(exchange.mutate().request(replayed).build(), state, next);
                });
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] b = new byte[buffer.readableByteCount()];
            buffer.read(b);
            return b;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private Mono<Void> requestSide(ServerWebExchange exchange, ExchangeState state,
            Function<ServerWebExchange, Mono<Void>> next) {
        return Mono.fromFuture(() -> state.txn.request(DIRECT).toCompletableFuture(), true)
                .onErrorResume(e -> {
                    LOG.warn("SPOE request rules of {} failed unexpectedly", options.name(), e);
                    return Mono.just(state.txn.localReply(rules.errorReply(500), false));
                })
                .flatMap(decision -> {
                    if (decision instanceof Decision.Respond r) {
                        return respond(exchange, state, r);
                    }
                    if (decision instanceof Decision.Drop) {
                        return drop(exchange.getRequest(), exchange.getResponse());
                    }
                    return forward(exchange, state, next);
                });
    }

    private Mono<Void> respond(ServerWebExchange exchange, ExchangeState state, Decision.Respond r) {
        Mono<Void> write = Mono.defer(() -> Answers.write(exchange.getRequest(), exchange.getResponse(),
                state.attributes.httpVersion(), r, state.bodyRead));
        return r.delay().isZero() ? write : Mono.delay(r.delay()).then(write);
    }

    /** {@code silent-drop}, {@code tcp-request content reject}: the connection is reset, nothing is written. */
    static Mono<Void> drop(ServerHttpRequest request, ServerHttpResponse response) {
        if (!NativeConnection.reset(request)) {
            LOG.warn("silent-drop on a server that is not Reactor Netty: the connection cannot be reset, answering nothing");
            return response.setComplete();
        }
        return Mono.empty();
    }

    private Mono<Void> forward(ServerWebExchange exchange, ExchangeState state,
            Function<ServerWebExchange, Mono<Void>> next) {
        HttpTransaction txn = state.txn;
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpRequest.Builder b = request.mutate();
        txn.editedMethod().ifPresent(m -> b.method(HttpMethod.valueOf(m)));
        txn.editedUri().ifPresent(u -> b.uri(target(request.getURI(), u)));
        String prefix = options.requestHeaderPrefix();
        b.headers(h -> {
            txn.applyRequestEdits(Answers.editor(h));
            if (prefix != null) {
                Answers.strip(h, prefix);
                Answers.addVariables(h, prefix, txn.variables(), false);
            }
            if (options.uniqueIdFormat() != null) {
                // HAProxy generates the id before passing the request on even when nothing read it.
                String id = state.attributes.uniqueId();
                if (options.uniqueIdHeader() != null && id != null) {
                    h.add(options.uniqueIdHeader(), id);
                }
            }
        });
        Map<String, Object> attributes = exchange.getAttributes();
        txn.variables().forEach((name, value) -> attributes.put(SpoeExchange.VARIABLE_ATTRIBUTE_PREFIX + name,
                VariableHeaders.value(value)));
        txn.backend().ifPresent(name -> attributes.put(SpoeExchange.BACKEND_ATTRIBUTE, name));
        txn.requestForwarded();
        ServerWebExchange.Builder mutated = exchange.mutate().request(b.build());
        boolean responseSide = rules.hasResponseSteps() || options.responseHeaderPrefix() != null;
        if (responseSide) {
            mutated.response(new ResponseSide(request, exchange.getResponse(), state, options));
        }
        ServerWebExchange forwarded = mutated.build();
        Mono<Void> chain = next.apply(forwarded);
        if (!responseSide) {
            return chain;
        }
        // A handler that wrote nothing is completed here, through the response side, while the transaction is open.
        return chain.then(Mono.defer(() -> forwarded.getResponse().isCommitted() ? Mono.empty()
                : forwarded.getResponse().setComplete()));
    }

    /** The request URI after {@code set-path}, {@code set-uri}...: {@code target} is origin-form or absolute. */
    static URI target(URI current, String target) {
        if (target.startsWith("/")) {
            String authority = current.getRawAuthority();
            return URI.create((current.getScheme() == null ? "http" : current.getScheme()) + "://"
                    + (authority == null ? "localhost" : authority) + target);
        }
        return URI.create(target);
    }
}

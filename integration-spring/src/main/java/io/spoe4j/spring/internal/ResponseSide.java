package io.spoe4j.spring.internal;

import io.spoe4j.http.Decision;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.HttpTransaction;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The response side of one exchange: the first write (or completion) of the response runs the
 * response steps (on-http-response, http-response, http-after-response) with the status and headers
 * the next handler set, and, when a step reads {@code res.body}, the body's first
 * {@code maxBodyBytes} (what has arrived by then, as HAProxy sends what its buffer holds). Spring
 * commits the status line only with the first body buffer, so the decision is applied before:
 * {@code set-status} and the header edits, or the rules' own answer in place of the response (its
 * body released unread), or a reset connection.
 */
final class ResponseSide extends ServerHttpResponseDecorator {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseSide.class);

    private final ServerHttpRequest request;
    private final ExchangeState state;
    private final ProcessorOptions options;
    private final HttpRules rules;
    private final AtomicBoolean started = new AtomicBoolean();

    ResponseSide(ServerHttpRequest request, ServerHttpResponse delegate, ExchangeState state, ProcessorOptions options) {
        super(delegate);
        this.request = request;
        this.state = state;
        this.options = options;
        this.rules = options.rules();
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (!started.compareAndSet(false, true)) {
            return getDelegate().writeWith(body);
        }
        if (!rules.needsResponseBody()) {
            return run(null).flatMap(d -> d instanceof Decision.Forward
                    ? getDelegate().writeWith(body)
                    : discard(body).then(replace(d)));
        }
        int max = options.maxBodyBytes();
        AtomicLong seen = new AtomicLong();
        Flux<DataBuffer> out = Flux.<DataBuffer>from(body)
                .bufferUntil(b -> seen.addAndGet(b.readableByteCount()) >= max)
                .switchOnFirst((signal, groups) -> {
                    if (signal.isOnError()) {
                        return groups.flatMapIterable(Function.identity());
                    }
                    List<DataBuffer> first = signal.hasValue() ? signal.get() : List.of();
                    return run(copy(first, max)).flatMapMany(d -> {
                        if (d instanceof Decision.Forward) {
                            return groups.flatMapIterable(Function.identity());
                        }
                        return groups.doOnNext(ResponseSide::release).thenMany(replacement(d));
                    });
                })
                .doOnDiscard(Object.class, ResponseSide::release);
        return getDelegate().writeWith(out);
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        if (!started.compareAndSet(false, true)) {
            return getDelegate().writeAndFlushWith(body);
        }
        // a streamed response: the steps see its status and headers, not its body
        return run(null).flatMap(d -> d instanceof Decision.Forward
                ? getDelegate().writeAndFlushWith(body)
                : Flux.from(body).concatMap(ResponseSide::discard).then(replace(d)));
    }

    @Override
    public Mono<Void> setComplete() {
        if (!started.compareAndSet(false, true)) {
            return getDelegate().setComplete();
        }
        return run(new byte[0]).flatMap(d -> d instanceof Decision.Forward ? getDelegate().setComplete() : replace(d));
    }

    /** Runs the response steps; on Forward applies set-status and the header edits (not yet committed). */
    private Mono<Decision> run(byte[] body) {
        if (state.finished()) {
            return Mono.just(Decision.Forward.none());
        }
        ServerHttpResponse response = getDelegate();
        HttpStatusCode status = response.getStatusCode() == null ? HttpStatus.OK : response.getStatusCode();
        HttpStatus known = HttpStatus.resolve(status.value());
        state.attributes.response(status.value(), known == null ? "" : known.getReasonPhrase(), response.getHeaders(),
                rules.needsResponseBody() ? body : null);
        HttpTransaction txn = state.txn;
        Mono<Decision> steps = rules.hasResponseSteps()
                ? Mono.fromFuture(() -> txn.response(ExchangeProcessor.DIRECT).toCompletableFuture(), true)
                        .onErrorResume(e -> {
                            LOG.warn("SPOE response rules of {} failed unexpectedly", options.name(), e);
                            return Mono.just(txn.localReply(rules.errorReply(502), true));
                        })
                : Mono.just(Decision.Forward.none());
        return steps.doOnNext(d -> {
            if (d instanceof Decision.Forward) {
                if (txn.editedStatus() >= 0) {
                    response.setStatusCode(HttpStatusCode.valueOf(txn.editedStatus()));
                }
                txn.applyResponseEdits(Answers.editor(response.getHeaders()));
                if (options.responseHeaderPrefix() != null) {
                    Answers.addVariables(response.getHeaders(), options.responseHeaderPrefix(), txn.variables(), true);
                }
            }
        });
    }

    /** The rules' answer in place of the response (closing the connection), or a reset for a drop. */
    private Mono<Void> replace(Decision d) {
        if (d instanceof Decision.Respond r) {
            return Answers.write(getDelegate(), r.reply(), true);
        }
        return ExchangeProcessor.drop(request, getDelegate());
    }

    /** As {@link #replace}, inside a body being written: the reply's status and headers, then its body. */
    private Flux<DataBuffer> replacement(Decision d) {
        if (d instanceof Decision.Respond r) {
            ServerHttpResponse response = getDelegate();
            Answers.prepare(response, r.reply(), true);
            return r.reply().body().length == 0 ? Flux.empty()
                    : Flux.just(response.bufferFactory().wrap(r.reply().body()));
        }
        return ExchangeProcessor.drop(request, getDelegate()).thenMany(Flux.empty());
    }

    private static byte[] copy(List<DataBuffer> buffers, int max) {
        int n = 0;
        for (DataBuffer b : buffers) {
            n += b.readableByteCount();
        }
        byte[] out = new byte[Math.min(n, max)];
        int at = 0;
        for (DataBuffer b : buffers) {
            int len = Math.min(b.readableByteCount(), out.length - at);
            if (len <= 0) {
                break;
            }
            b.toByteBuffer(b.readPosition(), java.nio.ByteBuffer.wrap(out, at, len), 0, len);
            at += len;
        }
        return out;
    }

    private static Mono<Void> discard(Publisher<? extends DataBuffer> body) {
        return Flux.from(body).doOnNext(DataBufferUtils::release).then();
    }

    private static void release(Object o) {
        if (o instanceof DataBuffer b) {
            DataBufferUtils.release(b);
        } else if (o instanceof Collection<?> c) {
            c.forEach(ResponseSide::release);
        }
    }
}

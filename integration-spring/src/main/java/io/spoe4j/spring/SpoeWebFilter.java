package io.spoe4j.spring;

import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A WebFlux {@link WebFilter} running one engine ({@link SpoeProcessor}) on every request of a plain
 * WebFlux application; created by the auto-configuration when {@code spoe4j.web-filter.engine} is
 * set. Handlers read the outcome through {@link SpoeExchange}. Thread-safe.
 */
public final class SpoeWebFilter implements WebFilter, Ordered {
    /** Early, so that the handlers and later filters see the rules' rewrites and answers. */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final SpoeProcessor processor;
    private final int order;

    public SpoeWebFilter(SpoeProcessor processor, int order) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.order = order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return processor.filter(exchange, chain::filter);
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public String toString() {
        return "SpoeWebFilter[" + processor.name() + "]";
    }
}

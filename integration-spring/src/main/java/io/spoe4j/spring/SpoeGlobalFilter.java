package io.spoe4j.spring;

import java.util.Objects;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A Spring Cloud Gateway {@link GlobalFilter} running one engine on every route
 * ({@code spoe4j.gateway.global-filter=NAME}), ordered as the route filter
 * ({@link SpoeGatewayFilterFactory#ORDER}). A route that also names the same engine runs it once.
 */
public final class SpoeGlobalFilter implements GlobalFilter, Ordered {
    private final SpoeProcessor processor;

    public SpoeGlobalFilter(SpoeProcessor processor) {
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return processor.filter(exchange, chain::filter);
    }

    @Override
    public int getOrder() {
        return SpoeGatewayFilterFactory.ORDER;
    }
}

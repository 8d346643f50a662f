package io.spoe4j.spring;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Routes by the backend {@code use_backend}/{@code default_backend} chose
 * ({@link SpoeExchange#BACKEND_ATTRIBUTE}): when {@code spoe4j.backends.<name>} maps it to a URI,
 * the request URL the route computed gets that URI's scheme, host and port (path and query kept).
 * Ordered right after {@link RouteToRequestUrlFilter} and before the load balancer, so
 * {@code lb://service} works too.
 */
public final class SpoeBackendFilter implements GlobalFilter, Ordered {
    /** Right after the route's URL is computed. */
    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private final Map<String, URI> backends;

    public SpoeBackendFilter(Map<String, URI> backends) {
        this.backends = Map.copyOf(backends);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String backend = exchange.getAttribute(SpoeExchange.BACKEND_ATTRIBUTE);
        URI target = backend == null ? null : backends.get(backend);
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (target != null && url != null) {
            URI routed = UriComponentsBuilder.fromUri(url).scheme(target.getScheme()).host(target.getHost())
                    .port(target.getPort()).build(true).toUri();
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, routed);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

package io.spoe4j.spring;

import java.util.List;
import java.util.Objects;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

/**
 * The route filter {@code Spoe=NAME}: runs engine {@code spoe4j.engines.NAME} on the route's
 * requests. It is ordered {@link #ORDER}, before every other route filter and before the gateway
 * writes the upstream's response, so that the rules see the request as the client sent it and the
 * response side sees the upstream's response.
 *
 * <pre>
 * spring.cloud.gateway.server.webflux.routes[0].id=app
 * spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:8081
 * spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**
 * spring.cloud.gateway.server.webflux.routes[0].filters[0]=Spoe=coraza
 * </pre>
 */
public final class SpoeGatewayFilterFactory extends AbstractGatewayFilterFactory<SpoeGatewayFilterFactory.Config> {
    /** Just before the gateway's response writer ({@link NettyWriteResponseFilter}), as ModifyResponseBody is. */
    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private final SpoeProcessors processors;

    public SpoeGatewayFilterFactory(SpoeProcessors processors) {
        super(Config.class);
        this.processors = Objects.requireNonNull(processors, "processors");
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("engine");
    }

    @Override
    public GatewayFilter apply(Config config) {
        SpoeProcessor processor = processors.get(config.getEngine());
        return new OrderedGatewayFilter((exchange, chain) -> processor.filter(exchange, chain::filter), ORDER) {
            @Override
            public String toString() {
                return "[Spoe " + processor.name() + ", order = " + ORDER + "]";
            }
        };
    }

    /** The filter's argument: the engine's name. */
    public static class Config {
        private String engine;

        public String getEngine() {
            return engine;
        }

        public void setEngine(String engine) {
            this.engine = engine;
        }
    }
}

package io.spoe4j.spring;

import io.netty.channel.EventLoopGroup;
import io.spoe4j.spring.internal.DefaultSpoeProcessors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

/**
 * Builds the engines of {@code spoe4j.engines.*} ({@link SpoeProcessors}) on Reactor Netty's event
 * loops, and the {@link SpoeWebFilter} of {@code spoe4j.web-filter.engine}. Off with
 * {@code spoe4j.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "spoe4j.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SpoeProperties.class)
public class SpoeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SpoeProcessors.class)
    public DefaultSpoeProcessors spoeProcessors(SpoeProperties properties,
            ObjectProvider<ReactorResourceFactory> resources) {
        return new DefaultSpoeProcessors(properties, eventLoops(resources.getIfAvailable()));
    }

    @Bean
    @ConditionalOnProperty(name = "spoe4j.web-filter.engine")
    @ConditionalOnMissingBean(SpoeWebFilter.class)
    public SpoeWebFilter spoeWebFilter(SpoeProcessors processors, SpoeProperties properties) {
        return new SpoeWebFilter(processors.get(properties.getWebFilter().getEngine()),
                properties.getWebFilter().getOrder());
    }

    /**
     * The server loops of Reactor Netty, where WebFlux requests run: the application's own
     * {@code LoopResources} when its {@link ReactorResourceFactory} has them, else the global
     * {@link HttpResources} (Boot's default). Agent connections then live on the request's loop.
     */
    static EventLoopGroup eventLoops(ReactorResourceFactory factory) {
        LoopResources loops = null;
        if (factory != null && !factory.isUseGlobalResources()) {
            try {
                loops = factory.getLoopResources();
            } catch (IllegalStateException notStartedYet) {
                loops = null;
            }
        }
        if (loops == null) {
            loops = HttpResources.get();
        }
        return loops.onServer(LoopResources.DEFAULT_NATIVE);
    }
}

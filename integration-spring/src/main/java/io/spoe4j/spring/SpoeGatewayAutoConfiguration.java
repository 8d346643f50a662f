package io.spoe4j.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cloud Gateway: the {@code Spoe=NAME} route filter, the global filter of
 * {@code spoe4j.gateway.global-filter}, and routing by {@code spoe4j.backends}.
 */
@AutoConfiguration(after = SpoeAutoConfiguration.class)
@ConditionalOnClass(GlobalFilter.class)
@ConditionalOnBean(SpoeProcessors.class)
public class SpoeGatewayAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SpoeGatewayFilterFactory spoeGatewayFilterFactory(SpoeProcessors processors) {
        return new SpoeGatewayFilterFactory(processors);
    }

    @Bean
    @ConditionalOnProperty(name = "spoe4j.gateway.global-filter")
    @ConditionalOnMissingBean
    public SpoeGlobalFilter spoeGlobalFilter(SpoeProcessors processors, SpoeProperties properties) {
        return new SpoeGlobalFilter(processors.get(properties.getGateway().getGlobalFilter()));
    }

    @Bean
    @ConditionalOnMissingBean
    public SpoeBackendFilter spoeBackendFilter(SpoeProperties properties) {
        return new SpoeBackendFilter(properties.getBackends());
    }
}

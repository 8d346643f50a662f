package io.spoe4j.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.spoe4j.spring.internal.EngineMeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * When {@code spoe-micrometer} is on the classpath: a {@link MeterBinder} bean binding every engine's
 * {@code SpoeEngineMetrics} to Boot's {@code MeterRegistry} (Boot binds MeterBinder beans itself).
 * The module is optional, so it is reached by name.
 */
@AutoConfiguration(after = SpoeAutoConfiguration.class)
@ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder", EngineMeterBinder.ENGINE_METRICS})
@ConditionalOnBean(SpoeProcessors.class)
public class SpoeMetricsAutoConfiguration {

    @Bean
    public MeterBinder spoeEngineMeterBinder(SpoeProcessors processors) {
        return new EngineMeterBinder(processors::engines, EngineMeterBinder.engineMetrics());
    }
}

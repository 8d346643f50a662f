package io.spoe4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.spring.internal.EngineMeterBinder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration's choices and its errors, without a server. */
class AutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(SpoeAutoConfiguration.class, SpoeGatewayAutoConfiguration.class,
                    SpoeMetricsAutoConfiguration.class));

    @Test
    void engineErrorsNameTheProperty() {
        runner.withPropertyValues("spoe4j.engines.waf.spoe-conf=classpath:spoe-test.conf", "spoe4j.engines.waf.scope=main")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("spoe4j.engines.waf.servers: agent servers are required"));
        runner.withPropertyValues("spoe4j.engines.waf.servers=127.0.0.1:1")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("spoe4j.engines.waf: give either spoe-conf (with servers) or haproxy-cfg"));
        runner.withPropertyValues("spoe4j.engines.waf.spoe-conf=classpath:spoe-test.conf", "spoe4j.engines.waf.scope=main",
                "spoe4j.engines.waf.servers=127.0.0.1:1", "spoe4j.engines.waf.rules[0]=http-request deny if { nosuchfetch }")
                .run(ctx -> assertThat(ctx).hasFailed());
        runner.withPropertyValues("spoe4j.engines.waf.spoe-conf=classpath:spoe-test.conf", "spoe4j.engines.waf.scope=main",
                "spoe4j.engines.waf.servers=127.0.0.1:1", "spoe4j.web-filter.engine=nope")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("no SPOE engine 'nope': spoe4j.engines has [waf]"));
    }

    @Test
    void beansByProperty() {
        runner.withPropertyValues("spoe4j.engines.waf.spoe-conf=classpath:spoe-test.conf", "spoe4j.engines.waf.scope=main",
                "spoe4j.engines.waf.servers=127.0.0.1:1", "spoe4j.gateway.global-filter=waf")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(SpoeProcessors.class).hasSingleBean(SpoeGatewayFilterFactory.class)
                            .hasSingleBean(SpoeGlobalFilter.class).hasSingleBean(SpoeBackendFilter.class)
                            .doesNotHaveBean(SpoeWebFilter.class);
                    SpoeProcessor waf = ctx.getBean(SpoeProcessors.class).get("waf");
                    assertEquals("main", waf.engines().get(0).name());
                    // spoe-micrometer is not on this module's classpath: no binder, nothing fails
                    assertThat(ctx).doesNotHaveBean(MeterBinder.class);
                });
        runner.withPropertyValues("spoe4j.enabled=false", "spoe4j.engines.waf.servers=127.0.0.1:1")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SpoeProcessors.class));
    }

    @Test
    void theMeterBinderBindsEveryEngineWithTheModulesBinder() {
        SpoeEngine engine = SpoeEngine.builder().spoeConf(java.nio.file.Path.of("src/test/resources/spoe-test.conf"), "main")
                .server("127.0.0.1:1").build();
        try (engine) {
            List<String> bound = new ArrayList<>();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new EngineMeterBinder(() -> List.of(engine), e -> r -> bound.add(e.name() + "@" + (r == registry)))
                    .bindTo(registry);
            assertEquals(List.of("main@true"), bound);
        }
        IllegalStateException absent = assertThrows(IllegalStateException.class, EngineMeterBinder::engineMetrics);
        assertThat(absent).hasMessageContaining("io.spoe4j.micrometer.SpoeEngineMetrics.of(SpoeEngine) is not available");
    }
}

package io.spoe4j.spring.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.spoe4j.client.SpoeEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/** Binds a {@link MeterBinder} of each engine (spoe-micrometer's {@code SpoeEngineMetrics.of}) to a registry. */
public final class EngineMeterBinder implements MeterBinder {
    /** The optional module's binder class. */
    public static final String ENGINE_METRICS = "io.spoe4j.micrometer.SpoeEngineMetrics";

    private final Supplier<List<SpoeEngine>> engines;
    private final Function<SpoeEngine, MeterBinder> binders;

    public EngineMeterBinder(Supplier<List<SpoeEngine>> engines, Function<SpoeEngine, MeterBinder> binders) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.binders = Objects.requireNonNull(binders, "binders");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SpoeEngine e : engines.get()) {
            binders.apply(e).bindTo(registry);
        }
    }

    /** {@code SpoeEngineMetrics::of}, found by name; {@link IllegalStateException} when the module is absent. */
    public static Function<SpoeEngine, MeterBinder> engineMetrics() {
        return engineMetrics(ENGINE_METRICS);
    }

    static Function<SpoeEngine, MeterBinder> engineMetrics(String className) {
        Method of;
        try {
            of = Class.forName(className, true, EngineMeterBinder.class.getClassLoader()).getMethod("of", SpoeEngine.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + ".of(SpoeEngine) is not available: " + e, e);
        }
        return engine -> {
            try {
                return (MeterBinder) of.invoke(null, engine);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}

package io.spoe4j.testkit;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts a fresh {@link SpoaAgent} before each test and closes it after,
 * like MockWebServer's rule. Register it on an instance field; the agent is also injected into test
 * method parameters of type {@link SpoaAgent}. Use one extension instance per test class; not meant
 * for concurrently running tests of one instance.
 *
 * <pre>{@code
 * @RegisterExtension
 * final SpoaAgentExtension spoa = new SpoaAgentExtension(SpoaAgent.builder().hello(AgentHelloSpec.standard()));
 *
 * @Test
 * void scores() { spoa.agent().enqueue(...); ... }
 * }</pre>
 */
public final class SpoaAgentExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final Supplier<SpoaAgent> factory;
    private volatile SpoaAgent agent;

    /** An extension starting agents with the default options. */
    public SpoaAgentExtension() {
        this(SpoaAgent.builder());
    }

    /** An extension starting one agent per test from {@code builder} (which must not change meanwhile). */
    public SpoaAgentExtension(SpoaAgent.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        this.factory = builder::build;
    }

    /** The current test's agent, started. */
    public SpoaAgent agent() {
        SpoaAgent a = agent;
        if (a == null) {
            throw new IllegalStateException("no agent: SpoaAgentExtension starts one per test, register it with @RegisterExtension");
        }
        return a;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        agent = factory.get().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SpoaAgent a = agent;
        agent = null;
        if (a != null) {
            a.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SpoaAgent.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return agent();
    }
}

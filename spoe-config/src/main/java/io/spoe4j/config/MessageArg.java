package io.spoe4j.config;

import io.spoe4j.acl.SampleExpression;
import java.util.Objects;

/**
 * One {@code args} entry of a {@code spoe-message}: the KV name sent to the agent ({@code ""} for
 * positional arguments, as ModSecurity expects) and the compiled sample expression.
 */
public record MessageArg(String name, SampleExpression expression, Origin origin) {
    public MessageArg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(origin, "origin");
    }

    public static MessageArg of(String name, SampleExpression expression) {
        return new MessageArg(name, expression, Origin.JAVA);
    }
}

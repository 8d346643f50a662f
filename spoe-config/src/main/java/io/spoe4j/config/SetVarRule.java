package io.spoe4j.config;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.SampleExpression;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code set-var(<scope>.<name>) <expr> [if|unless COND]} action ({@code expression} present)
 * or an {@code unset-var(<scope>.<name>) [if|unless COND]} action ({@code expression} empty).
 * {@code variable} is the full name, scope first ({@code txn.path}); the scope is one of
 * {@code proc}, {@code sess}, {@code txn}, {@code req}, {@code res}. As in HAProxy, a set-var whose
 * expression yields no sample leaves the variable as it was.
 */
public record SetVarRule(String proxy, RuleDirection direction, String variable,
        Optional<SampleExpression> expression, Optional<Condition> condition, Origin origin) implements ProxyRule {
    public SetVarRule {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether this is an {@code unset-var} rule. */
    public boolean isUnset() {
        return expression.isEmpty();
    }
}

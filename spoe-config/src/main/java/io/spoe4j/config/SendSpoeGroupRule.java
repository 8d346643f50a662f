package io.spoe4j.config;

import io.spoe4j.acl.Condition;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code send-spoe-group ENGINE GROUP [if|unless COND]} action of a proxy's
 * {@code tcp-request content}, {@code http-request} or {@code http-response} rules, in file order.
 */
public record SendSpoeGroupRule(String proxy, RuleDirection direction, String engine, String group,
        Optional<Condition> condition, Origin origin) implements ProxyRule {
    public SendSpoeGroupRule {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
    }
}

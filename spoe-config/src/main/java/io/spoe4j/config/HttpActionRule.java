package io.spoe4j.config;

import io.spoe4j.acl.Condition;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule carrying an {@link HttpAction}: {@code http-request deny if { var(txn.coraza.action) -m str deny }}
 * and the like, in the rule set {@code direction}, in file order among the proxy's other rules.
 */
public record HttpActionRule(String proxy, RuleDirection direction, HttpAction action, Optional<Condition> condition,
        Origin origin) implements ProxyRule {
    public HttpActionRule {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
    }
}

package io.spoe4j.config;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.LogFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code use_backend <name> [if|unless COND]} ({@code isDefault == false}) or
 * {@code default_backend <name>}: the first {@code use_backend} whose condition holds chooses the
 * backend, else the default. {@code name} is a log-format ({@code use_backend %[req.hdr(host),lower]}
 * is allowed); a constant name is checked against the configuration's backends when read.
 */
public record UseBackendRule(String proxy, LogFormat name, boolean isDefault, Optional<Condition> condition,
        Origin origin) implements ProxyRule {
    public UseBackendRule {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
    }

    /** Always {@link RuleDirection#HTTP_REQUEST}: backends are chosen after the frontend's http-request rules. */
    @Override
    public RuleDirection direction() {
        return RuleDirection.HTTP_REQUEST;
    }
}

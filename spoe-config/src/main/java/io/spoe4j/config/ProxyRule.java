package io.spoe4j.config;

import io.spoe4j.acl.Condition;
import java.util.Optional;

/**
 * A rule of a proxy's {@code tcp-request content}, {@code tcp-response content}, {@code http-request},
 * {@code http-response} or {@code http-after-response} rule set that spoe4j applies, or a
 * {@code use_backend}/{@code default_backend} line. HAProxy runs the rules of one rule set in
 * file order; {@link SpoeSetup#proxyRules()} keeps that order.
 */
public sealed interface ProxyRule permits SendSpoeGroupRule, SetVarRule, HttpActionRule, UseBackendRule {

    /** The proxy (frontend, backend or listen section) the rule belongs to. */
    String proxy();

    /** The rule set. */
    RuleDirection direction();

    /** The {@code if}/{@code unless} condition, empty when the rule always runs. */
    Optional<Condition> condition();

    /** Where the action keyword was read. */
    Origin origin();
}

package io.spoe4j.undertow.internal;

import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.undertow.SpoeDecider;
import io.undertow.predicate.Predicate;
import io.undertow.server.HttpHandler;
import java.util.List;

/**
 * The validated options of a SPOE handler (checked by {@code SpoeHandler.Builder}); {@code rules}
 * are the engine's {@code send-spoe-group} rules and the {@code set-var}/{@code unset-var} rules,
 * in file order. Immutable.
 */
public record HandlerOptions(SpoeEngine engine, List<ProxyRule> rules, String requestHeaderPrefix,
        String responseHeaderPrefix, Predicate deny, int denyStatus, List<PredicateRoute> routes, SpoeDecider decider,
        int blockStatus, int maxBodyBytes, LogFormat uniqueIdFormat, String uniqueIdHeader) {
    public HandlerOptions {
        rules = List.copyOf(rules);
        routes = List.copyOf(routes);
    }

    /** Where exchanges matching {@code predicate} go instead of the next handler. */
    public record PredicateRoute(Predicate predicate, HttpHandler handler) {
    }
}

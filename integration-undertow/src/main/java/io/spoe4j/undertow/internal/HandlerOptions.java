package io.spoe4j.undertow.internal;

import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.http.HttpRules;
import io.undertow.predicate.Predicate;
import io.undertow.server.HttpHandler;
import java.util.List;

/**
 * The validated options of a SPOE handler (checked by {@code SpoeHandler.Builder}); {@code rules}
 * runs the engine with the proxy's haproxy.cfg rules and actions. Immutable.
 */
public record HandlerOptions(SpoeEngine engine, HttpRules rules, String requestHeaderPrefix,
        String responseHeaderPrefix, Predicate deny, int denyStatus, List<PredicateRoute> routes,
        int maxBodyBytes, LogFormat uniqueIdFormat, String uniqueIdHeader) {
    public HandlerOptions {
        routes = List.copyOf(routes);
    }

    /** Where exchanges matching {@code predicate} go instead of the next handler. */
    public record PredicateRoute(Predicate predicate, HttpHandler handler) {
    }
}

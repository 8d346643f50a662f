package io.spoe4j.spring;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeVariables;
import java.util.List;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * What SPOE and the rules made of one exchange, as an exchange attribute for handlers, later filters
 * and predicates: {@code SpoeExchange.of(exchange).map(s -> s.variables().get("txn.coraza.action"))}.
 * Each variable is also an exchange attribute {@code spoe4j.var.<full name>} holding its text (as
 * the variable headers print it), set when the request goes on. Read it on the exchange's thread.
 */
public interface SpoeExchange {
    /** The exchange attribute holding the first engine's {@code SpoeExchange}; {@code ATTRIBUTE + "." + name} holds each engine's. */
    String ATTRIBUTE = SpoeExchange.class.getName();
    /** Prefix of the exchange attributes holding each variable's text: {@code spoe4j.var.txn.coraza.action}. */
    String VARIABLE_ATTRIBUTE_PREFIX = "spoe4j.var.";
    /** The exchange attribute holding the backend {@code use_backend}/{@code default_backend} chose (a String). */
    String BACKEND_ATTRIBUTE = "spoe4j.backend";

    /** The {@code SpoeExchange} of the first engine that ran on {@code exchange}. */
    static Optional<SpoeExchange> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /** The {@code SpoeExchange} of engine {@code name} on {@code exchange}. */
    static Optional<SpoeExchange> of(ServerWebExchange exchange, String name) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE + "." + name));
    }

    /** The engine's name ({@code spoe4j.engines.NAME}). */
    String engine();

    /** What the rules' fetches read: the request (and response) as rewritten, and the variables. */
    RequestAttributes attributes();

    /** Every SPOE engine's variables of this transaction (req/res ones are dropped once the request went upstream, as HAProxy does). */
    SpoeVariables variables();

    /** The results of the events and groups run so far, in order. */
    List<SpoeResult> results();

    /** Whether a fail-closed engine's processing failed. */
    boolean blocked();

    /** The backend {@code use_backend}/{@code default_backend} chose, if any. */
    Optional<String> backend();
}

package io.spoe4j.spring;

import io.spoe4j.client.SpoeEngine;
import io.spoe4j.http.HttpRules;
import java.util.List;
import java.util.function.Function;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One named engine ({@code spoe4j.engines.NAME}) applied to WebFlux exchanges: the request side of
 * its {@link HttpRules} (SPOE events and groups, the haproxy.cfg rules) before {@code next}, the
 * response side on the response {@code next} writes. The filters of this package call it; a custom
 * filter can too. Nothing blocks: the engine's stages become {@link Mono}s. Thread-safe.
 */
public interface SpoeProcessor {

    /** The name the filters refer to. */
    String name();

    /** The rules (and through them the SPOE engines) it runs. */
    HttpRules rules();

    /** The SPOE engines, in order. */
    default List<SpoeEngine> engines() {
        return rules().engines();
    }

    /**
     * Runs the request side for {@code exchange}; answers it (deny, return, redirect, tarpit,
     * fail-closed), closes its connection (silent-drop) or calls {@code next} with the exchange as
     * the rules rewrote it, whose response goes through the response side. Cancelling the returned
     * Mono (the client went away) ends the transaction.
     */
    Mono<Void> filter(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> next);
}

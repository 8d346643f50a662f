package io.spoe4j.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * Decides, once the request events and groups of an engine are done, whether the exchange goes on
 * to the next handler, is denied, or is routed to another handler, typically from the agent's
 * variables ({@code txn.coraza.action}). Runs on the thread that resumes the exchange (its XNIO IO
 * thread when the handler was entered there, else a worker); it must not block.
 */
@FunctionalInterface
public interface SpoeDecider {

    Verdict decide(HttpServerExchange exchange, SpoeExchange spoe);

    /** What to do with the exchange. */
    sealed interface Verdict permits Proceed, Deny, Route {
    }

    /** Continue with the next handler. */
    record Proceed() implements Verdict {
    }

    /** End the exchange with {@code status} and an empty body. */
    record Deny(int status) implements Verdict {
        public Deny {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("deny status must be in [100, 599], got " + status);
            }
        }
    }

    /** Hand the exchange to {@code handler} instead of the next handler. */
    record Route(HttpHandler handler) implements Verdict {
        public Route {
            Objects.requireNonNull(handler, "handler");
        }
    }

    static Verdict proceed() {
        return new Proceed();
    }

    static Verdict deny(int status) {
        return new Deny(status);
    }

    static Verdict route(HttpHandler handler) {
        return new Route(handler);
    }
}

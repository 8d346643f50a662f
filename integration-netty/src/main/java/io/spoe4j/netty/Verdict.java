package io.spoe4j.netty;

import java.util.Objects;

/**
 * What a {@link SpoeRule} decides for one request once its SPOE processing is done: let it
 * through, answer it locally (deny, redirect) or send it to another upstream. Immutable.
 */
public sealed interface Verdict {

    /** Let the request continue to the next rule and then upstream. */
    static Verdict proceed() {
        return Continue.INSTANCE;
    }

    /** Answer {@code status} with a plain-text {@code body}, like {@code http-request deny deny_status}. */
    static Verdict deny(int status, String body) {
        return new Deny(status, body);
    }

    /** Answer 302 with {@code Location: location}, like {@code http-request redirect location}. */
    static Verdict redirect(String location) {
        return new Redirect(302, location);
    }

    /** Forward the request to {@code upstream} (a name or URL the gateway understands). */
    static Verdict route(String upstream) {
        return new Route(upstream);
    }

    /** Let the request through. */
    enum Continue implements Verdict {
        INSTANCE
    }

    /** A local error answer. */
    record Deny(int status, String body) implements Verdict {
        public Deny {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("deny status must be in [200, 599], got " + status);
            }
            Objects.requireNonNull(body, "body");
        }
    }

    /** A local redirect answer. */
    record Redirect(int status, String location) implements Verdict {
        public Redirect {
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                throw new IllegalArgumentException("redirect status must be 301, 302, 303, 307 or 308, got " + status);
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /** The request goes to another upstream, read by the gateway through {@link SpoeExchange#route()}. */
    record Route(String upstream) implements Verdict {
        public Route {
            Objects.requireNonNull(upstream, "upstream");
        }
    }
}

package io.spoe4j.undertow;

import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.http.HttpRules;
import io.spoe4j.http.JavaAction;
import io.spoe4j.undertow.internal.DefaultSpoeHandler;
import io.spoe4j.undertow.internal.HandlerOptions;
import io.spoe4j.undertow.internal.TextConfiguredEngines;
import io.undertow.predicate.Predicate;
import io.undertow.server.HandlerWrapper;
import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An Undertow {@link HttpHandler} that runs one SPOE engine's events and a proxy's haproxy.cfg rules
 * ({@code send-spoe-group}, {@code set-var}, the HTTP actions: deny, return, redirect, header and
 * request-line rewrites...) for each exchange through the shared rule engine ({@link HttpRules}),
 * then hands it to the next handler or answers it. The exchange is suspended while the
 * agent answers, without blocking the IO thread, and resumed on the thread kind it arrived on (its
 * XNIO IO thread, else a worker). Variables are kept as exchange ({@link SpoeExchange}) and
 * connection attachments, optionally copied to request and response headers. Thread-safe.
 * {@code HttpHandler h = SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(next);}
 */
public interface SpoeHandler extends HttpHandler {

    /** The request and response header prefix of {@link Builder#variableHeaders()}. */
    String DEFAULT_HEADER_PREFIX = io.spoe4j.client.VariableHeaders.DEFAULT_PREFIX;
    /** Status of a request blocked because processing failed under {@link FailurePolicy#FAIL_CLOSED}. */
    int DEFAULT_BLOCK_STATUS = HttpRules.DEFAULT_FAIL_CLOSED_STATUS;
    /** Status of a request denied by the {@link Builder#deny} predicate. */
    int DEFAULT_DENY_STATUS = 403;
    /** Request body bytes buffered when a message argument or condition reads the body. */
    int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** The engine this handler runs. */
    SpoeEngine engine();

    /** The handler exchanges go to after the request events. */
    HttpHandler next();

    static Builder builder(SpoeEngine engine) {
        return new Builder(engine);
    }

    /**
     * Closes the engines created by the {@code spoe(...)} text handler configuration (see
     * {@link io.spoe4j.undertow.internal.SpoeHandlerBuilder}); engines built in Java are the caller's to close.
     */
    static void closeConfiguredEngines() {
        TextConfiguredEngines.closeAll();
    }

    /** Options of a {@link SpoeHandler}; each setter validates at once and names the bad option. Not thread-safe. */
    final class Builder {
        private final SpoeEngine engine;
        private final HttpRules.Builder rules = HttpRules.builder();
        private String requestHeaderPrefix;
        private String responseHeaderPrefix;
        private Predicate deny;
        private final List<HandlerOptions.PredicateRoute> routes = new ArrayList<>();
        private int denyStatus = DEFAULT_DENY_STATUS;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private LogFormat uniqueIdFormat;
        private String uniqueIdHeader;

        private Builder(SpoeEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            rules.engine(engine);
        }

        /**
         * {@code send-spoe-group} rules, run in order after the event of their direction
         * (tcp-request content after on-frontend-tcp-request, http-request after
         * on-frontend-http-request, tcp-response content after on-tcp-response, http-response after
         * on-http-response). Rules of other engines are ignored.
         */
        public Builder rules(Collection<SendSpoeGroupRule> rules) {
            Objects.requireNonNull(rules, "rules");
            for (SendSpoeGroupRule r : rules) {
                add(Objects.requireNonNull(r, "rules element"));
            }
            return this;
        }

        /**
         * A proxy's haproxy.cfg rules in file order, e.g. {@code setup.proxyRules("fe")}:
         * {@code send-spoe-group} rules as {@link #rules} says (those of other engines ignored), the
         * HTTP actions and {@code set-var}/{@code unset-var} rules, run in order among them, each rule
         * set right after its event as in HAProxy (see {@link HttpRules}). Response-side final actions
         * and {@code set-status} cannot change a response Undertow has started: such a response is
         * aborted (the connection closed), as under fail-closed. A set-var evaluates its expression against the exchange (its
         * {@code var()} reads this engine's transaction) and stores the sample with
         * {@link io.spoe4j.client.SpoeTransaction#setVariable}; one yielding no sample (or failing)
         * leaves the variable as it was; unset-var removes it; a rule whose condition does not hold
         * is skipped. Each SPOE handler keeps its own variable store, so with several handlers
         * chained, each one given these rules runs them in its own engine's transaction.
         */
        public Builder proxyRules(Collection<? extends ProxyRule> rules) {
            Objects.requireNonNull(rules, "proxyRules");
            for (ProxyRule r : rules) {
                add(Objects.requireNonNull(r, "proxyRules element"));
            }
            return this;
        }

        private void add(ProxyRule rule) {
            if (!(rule instanceof SendSpoeGroupRule g) || g.engine().equals(engine.name())) {
                rules.rule(rule);
            }
        }

        /**
         * Adds a rule written as a haproxy.cfg line, after the rules given so far, e.g.
         * {@code http-request deny deny_status 403 if { var(txn.coraza.action) -m str deny }}; throws
         * {@link io.spoe4j.config.SpoeConfigException} with a caret message when it does not parse.
         */
        public Builder rule(String text) {
            rules.rule(text);
            return this;
        }

        /** Registers the Java action a {@code lua.NAME} rule runs (see {@link JavaAction}). */
        public Builder action(String name, JavaAction action) {
            rules.action(name, action);
            return this;
        }

        /**
         * All the rules of {@code proxy} in a parsed haproxy.cfg ({@link #proxyRules}: this engine's
         * {@code send-spoe-group} rules and the set-var/unset-var rules), and the proxy's
         * {@code unique-id-format} and {@code unique-id-header} when it has them.
         */
        public Builder setup(SpoeSetup setup, String proxy) {
            Objects.requireNonNull(proxy, "proxy");
            Objects.requireNonNull(setup, "setup").uniqueIdFormat(proxy).ifPresent(this::uniqueIdFormat);
            setup.uniqueIdHeader(proxy).ifPresent(this::uniqueIdHeader);
            SpoeSetup own = new SpoeSetup(setup.backends(), setup.filters(), setup.proxyRules().stream()
                    .filter(r -> !(r instanceof SendSpoeGroupRule g) || g.engine().equals(engine.name())).toList(),
                    setup.warnings(), setup.uniqueIdFormats(), setup.httpProxies());
            rules.setup(own, proxy);
            return this;
        }

        /**
         * HAProxy's {@code unique-id-format} (see {@link LogFormat}): each exchange gets an id for
         * {@code unique-id}, generated on first use (by this or another SPOE handler of the chain, the
         * first format wins) and at the latest before the next handler runs. Rejected at once when it
         * does not parse; {@code null} for none.
         */
        public Builder uniqueIdFormat(String format) {
            this.uniqueIdFormat = format == null ? null : LogFormat.parseOption("uniqueIdFormat", format);
            return this;
        }

        /** HAProxy's {@code unique-id-header}: the request header the next handler gets the id in; {@code null} for none. */
        public Builder uniqueIdHeader(String name) {
            this.uniqueIdHeader = name == null ? null : checkPrefix(name, "uniqueIdHeader");
            return this;
        }

        /** {@link #variableHeaders(String)} with {@link #DEFAULT_HEADER_PREFIX}. */
        public Builder variableHeaders() {
            return variableHeaders(DEFAULT_HEADER_PREFIX);
        }

        /** Copies this engine's variables to request headers {@code prefix + fullName} and the response event's to response headers. */
        public Builder variableHeaders(String prefix) {
            return requestVariableHeaders(prefix).responseVariableHeaders(prefix);
        }

        /**
         * After the request events, sets request header {@code prefix + fullName} (e.g.
         * {@code x-spoe-txn-iprep-score}, see {@link io.spoe4j.client.VariableHeaders}) for each variable of this engine's prefix; headers the client sent with
         * that prefix are removed first so that they cannot be spoofed.
         */
        public Builder requestVariableHeaders(String prefix) {
            this.requestHeaderPrefix = checkPrefix(prefix, "requestVariableHeaders");
            return this;
        }

        /** Adds response header {@code prefix + fullName} for each variable the response events and groups set. */
        public Builder responseVariableHeaders(String prefix) {
            this.responseHeaderPrefix = checkPrefix(prefix, "responseVariableHeaders");
            return this;
        }

        private static String checkPrefix(String prefix, String option) {
            Objects.requireNonNull(prefix, option);
            if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new IllegalArgumentException(option + " must be a non-empty header name token, got '" + prefix + "'");
            }
            return prefix;
        }

        /**
         * Denies the exchange with {@link #denyStatus} when {@code predicate} holds after the request events;
         * {@code %{spoe,txn.x.y}} reads a variable in Undertow's predicate language.
         */
        public Builder deny(Predicate predicate) {
            this.deny = Objects.requireNonNull(predicate, "deny");
            return this;
        }

        /**
         * Sends the exchange to {@code handler} instead of the next handler when {@code predicate} holds after
         * the request events (and the {@link #deny} predicate); routes are tried in the order added.
         */
        public Builder route(Predicate predicate, HttpHandler handler) {
            routes.add(new HandlerOptions.PredicateRoute(Objects.requireNonNull(predicate, "route predicate"),
                    Objects.requireNonNull(handler, "route handler")));
            return this;
        }

        /** The status of {@link #deny}: HAProxy's page for it when it has one, else an empty reply. */
        public Builder denyStatus(int status) {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("denyStatus must be in [200, 599], got " + status);
            }
            this.denyStatus = status;
            return this;
        }

        /** Status sent when processing failed and the engine is {@link FailurePolicy#FAIL_CLOSED}. */
        public Builder blockStatus(int status) {
            if (!io.spoe4j.http.internal.Replies.hasErrorPage(status)) {
                throw new IllegalArgumentException("blockStatus must be a status HAProxy has an error page for "
                        + io.spoe4j.http.internal.Replies.ERROR_STATUSES + ", got " + status);
            }
            rules.failClosedStatus(status);
            return this;
        }

        /**
         * Request body bytes buffered for {@code req.body} (the rest stays unread for the next
         * handler); also the most of the first response write copied for {@code res.body}.
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1 || bytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be in [1, 67108864], got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** A handler running the engine, then {@code next}. */
        public SpoeHandler build(HttpHandler next) {
            Objects.requireNonNull(next, "next");
            return new DefaultSpoeHandler(options(), next);
        }

        /** A wrapper building such a handler around each handler it wraps. */
        public HandlerWrapper wrapper() {
            HandlerOptions options = options();
            return next -> new DefaultSpoeHandler(options, Objects.requireNonNull(next, "next"));
        }

        private HandlerOptions options() {
            if (uniqueIdHeader != null && uniqueIdFormat == null) {
                throw new IllegalArgumentException("uniqueIdHeader: '" + uniqueIdHeader
                        + "' needs a uniqueIdFormat to take the id from");
            }
            return new HandlerOptions(engine, rules.build(), requestHeaderPrefix, responseHeaderPrefix, deny, denyStatus,
                    routes, maxBodyBytes, uniqueIdFormat, uniqueIdHeader);
        }
    }
}

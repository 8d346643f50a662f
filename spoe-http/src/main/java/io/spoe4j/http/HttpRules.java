package io.spoe4j.http;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.HttpAction;
import io.spoe4j.config.HttpActionRule;
import io.spoe4j.config.HttpProxyConfig;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.http.internal.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * HAProxy's HTTP analyser for one proxy, shared by every adapter: the SPOE engines and the proxy's
 * rules ({@code tcp-request content}, {@code http-request}, {@code use_backend},
 * {@code http-response}, {@code http-after-response}, the chosen backend's rules) in HAProxy 2.6's
 * order, with the actions they apply. Build it from a haproxy.cfg ({@link Builder#setup}) or rule
 * text ({@link Builder#rule(String)}); each request gets an {@link HttpTransaction}. Immutable and
 * thread-safe.
 */
public final class HttpRules {
    /** Default status answered when a fail-closed engine's processing failed (HAProxy's 503 page). */
    public static final int DEFAULT_FAIL_CLOSED_STATUS = 503;

    private final RuleSet rules;
    private final List<ConfigWarning> warnings;

    private HttpRules(RuleSet rules, List<ConfigWarning> warnings) {
        this.rules = rules;
        this.warnings = List.copyOf(warnings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new transaction over the adapter's {@code attributes}; {@code firstOfSession} for a connection's first request. */
    public HttpTransaction newTransaction(List<SpoeSession> sessions, RequestAttributes attributes,
            boolean firstOfSession) {
        return rules.newTransaction(sessions, attributes, firstOfSession);
    }

    /** The engines, in order. */
    public List<SpoeEngine> engines() {
        return rules.engines();
    }

    /** Every configuration line or rule that does not run as written, with its file:line:col. */
    public List<ConfigWarning> warnings() {
        return warnings;
    }

    /** Whether a request step reads the request body (or a {@code wait-for-body} asks for it): the adapter buffers it first. */
    public boolean needsRequestBody() {
        return rules.needsRequestBody();
    }

    /** Whether a response step reads {@code res.body}. */
    public boolean needsResponseBody() {
        return rules.needsResponseBody();
    }

    /** Whether anything runs on the response side. */
    public boolean hasResponseSteps() {
        return rules.hasResponseSteps();
    }

    /** The {@code wait-for-body time T [at-least N]} of the request rules, if any: how long the adapter waits for the body. */
    public Optional<HttpAction.WaitForBody> waitForBody() {
        return Optional.ofNullable(rules.waitForBody());
    }

    /** HAProxy's own answer for {@code status}: the proxy's {@code errorfile}, else its built-in page. */
    public HttpReply errorReply(int status) {
        return rules.errorReply(status);
    }

    /** Collects engines and rules; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final List<SpoeEngine> engines = new ArrayList<>();
        private final List<ProxyRule> rules = new ArrayList<>();
        private final Map<String, List<ProxyRule>> backends = new LinkedHashMap<>();
        private final Map<Integer, byte[]> errorfiles = new HashMap<>();
        private final Map<String, JavaAction> actions = new HashMap<>();
        private final List<ConfigWarning> warnings = new ArrayList<>();
        private Duration tarpitTimeout = Duration.ZERO;
        private int failClosedStatus = DEFAULT_FAIL_CLOSED_STATUS;

        private Builder() {
        }

        /** Adds an engine; engines run in the order added, like HAProxy's filters. The caller closes them. */
        public Builder engine(SpoeEngine engine) {
            engines.add(Objects.requireNonNull(engine, "engine"));
            return this;
        }

        /** Adds rules of the proxy (in file order). */
        public Builder rules(List<? extends ProxyRule> rules) {
            rules.forEach(r -> this.rules.add(Objects.requireNonNull(r, "rule")));
            return this;
        }

        /**
         * Adds a rule written as a haproxy.cfg line, e.g.
         * {@code http-request deny deny_status 403 if { var(txn.coraza.action) -m str deny }} or
         * {@code http-response set-header X-Score %[var(sess.iprep.ip_score)]}; throws
         * {@link io.spoe4j.config.SpoeConfigException} with a caret message when it does not parse.
         */
        public Builder rule(String text) {
            return rule(SpoeConfigReader.standard().parseRule(text));
        }

        /** Adds one rule. */
        public Builder rule(ProxyRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** The rules of backend {@code name}, run when use_backend/default_backend chooses it. */
        public Builder backend(String name, List<? extends ProxyRule> rules) {
            backends.put(Objects.requireNonNull(name, "name"), List.copyOf(rules));
            return this;
        }

        /**
         * Everything of {@code proxy} in a haproxy.cfg: its rules, the rules of every other HTTP
         * backend it may route to, its {@code errorfile}s and {@code timeout tarpit}, and the file's
         * warnings. The engines are added separately ({@link #engine}).
         */
        public Builder setup(SpoeSetup setup, String proxy) {
            Objects.requireNonNull(setup, "setup");
            rules(setup.proxyRules(proxy));
            for (HttpProxyConfig p : setup.httpProxies()) {
                if (p.isBackend() && !p.name().equals(proxy)) {
                    backend(p.name(), setup.proxyRules(p.name()));
                }
            }
            setup.httpProxy(proxy).ifPresent(p -> {
                errorfiles.putAll(p.errorfiles());
                p.tarpitTimeout().ifPresent(this::tarpitTimeout);
            });
            warnings.addAll(setup.warnings());
            return this;
        }

        /** An {@code errorfile}: the raw HTTP response answered for {@code status}. */
        public Builder errorfile(int status, byte[] response) {
            errorfiles.put(status, response.clone());
            return this;
        }

        /** {@code timeout tarpit}: how long {@code tarpit} holds a request before answering. */
        public Builder tarpitTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("tarpitTimeout must not be negative, got " + timeout);
            }
            this.tarpitTimeout = timeout;
            return this;
        }

        /** Registers the Java action a {@code lua.NAME} rule runs; it overrides one of a {@link JavaActionProvider}. */
        public Builder action(String name, JavaAction action) {
            actions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(action, "action"));
            return this;
        }

        /** Status answered (with HAProxy's page for it) when a fail-closed engine's processing failed. */
        public Builder failClosedStatus(int status) {
            if (!io.spoe4j.http.internal.Replies.hasErrorPage(status)) {
                throw new IllegalArgumentException("failClosedStatus must be a status HAProxy has an error page for "
                        + io.spoe4j.http.internal.Replies.ERROR_STATUSES + ", got " + status);
            }
            this.failClosedStatus = status;
            return this;
        }

        public HttpRules build() {
            Map<String, JavaAction> all = new HashMap<>();
            for (JavaActionProvider p : ServiceLoader.load(JavaActionProvider.class, HttpRules.class.getClassLoader())) {
                all.putAll(p.actions());
            }
            all.putAll(actions);
            List<ConfigWarning> warns = new ArrayList<>(warnings);
            List<String> names = engines.stream().map(SpoeEngine::name).toList();
            List<ProxyRule> everything = new ArrayList<>(rules);
            backends.values().forEach(everything::addAll);
            RuleSet.check(everything, all, names, warns);
            boolean tarpit = everything.stream().anyMatch(r -> r instanceof HttpActionRule a
                    && a.action() instanceof HttpAction.Tarpit);
            if (tarpit && tarpitTimeout.isZero()) {
                everything.stream().filter(r -> r instanceof HttpActionRule a && a.action() instanceof HttpAction.Tarpit)
                        .findFirst().ifPresent(r -> warns.add(new ConfigWarning(r.origin(), "'tarpit' without "
                                + "'timeout tarpit' (or 'timeout connect'): the request is answered at once.")));
            }
            return new HttpRules(new RuleSet(engines, rules, backends, errorfiles, tarpitTimeout, all,
                    failClosedStatus), warns);
        }
    }
}

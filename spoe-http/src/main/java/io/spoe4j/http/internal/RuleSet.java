package io.spoe4j.http.internal;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.HttpAction;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.http.JavaAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The compiled form behind {@code HttpRules}: the program and what its actions need. Immutable, thread-safe. */
public final class RuleSet {
    final Program program;
    private final Map<Integer, byte[]> errorfiles;
    private final Duration tarpitTimeout;
    private final Map<String, JavaAction> actions;
    private final int failClosedStatus;

    public RuleSet(List<SpoeEngine> engines, List<ProxyRule> frontend, Map<String, List<ProxyRule>> backends,
            Map<Integer, byte[]> errorfiles, Duration tarpitTimeout, Map<String, JavaAction> actions,
            int failClosedStatus) {
        this.program = new Program(engines, frontend, backends);
        this.errorfiles = Map.copyOf(errorfiles);
        this.tarpitTimeout = tarpitTimeout;
        this.actions = Map.copyOf(actions);
        this.failClosedStatus = failClosedStatus;
    }

    public HttpTransaction newTransaction(List<SpoeSession> sessions, RequestAttributes attributes,
            boolean firstOfSession) {
        return new DefaultHttpTransaction(this, sessions, attributes, firstOfSession);
    }

    public List<SpoeEngine> engines() {
        return program.engines;
    }

    public boolean needsRequestBody() {
        return program.needsRequestBody;
    }

    public boolean needsResponseBody() {
        return program.needsResponseBody;
    }

    public HttpAction.WaitForBody waitForBody() {
        return program.waitForBody;
    }

    /** Whether anything runs on the response side (events or http-response/http-after-response rules). */
    public boolean hasResponseSteps() {
        return !program.responseEvents.isEmpty() || !program.frontendResponse.isEmpty()
                || !program.frontendAfterResponse.isEmpty()
                || program.backendResponse.values().stream().anyMatch(l -> !l.isEmpty())
                || program.backendAfterResponse.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /** HAProxy's answer for {@code status}: the proxy's errorfile, else its built-in page. */
    public HttpReply errorReply(int status) {
        return Replies.error(status, errorfiles);
    }

    Duration tarpitTimeout() {
        return tarpitTimeout;
    }

    JavaAction action(String name) {
        return actions.get(name);
    }

    /** A fail-closed failure: the configured status on the request side; 502, closing, on the response side. */
    Decision failClosedDecision(DefaultHttpTransaction txn, boolean response) {
        return response ? new Decision.Respond(errorReply(502), true, Duration.ZERO)
                : new Decision.Respond(errorReply(failClosedStatus), false, Duration.ZERO);
    }

    /** Warnings about rules that cannot run as written. */
    public static void check(List<ProxyRule> rules, Map<String, JavaAction> actions, List<String> engineNames,
            List<ConfigWarning> into) {
        for (ProxyRule r : rules) {
            if (r instanceof io.spoe4j.config.HttpActionRule a && a.action() instanceof HttpAction.Lua l
                    && !actions.containsKey(l.name())) {
                into.add(new ConfigWarning(r.origin(), "'" + r.direction().keyword() + " lua." + l.name()
                        + "': no Java action is registered under '" + l.name() + "' (HttpRules.Builder.action or a "
                        + "JavaActionProvider); the rule is ignored."));
            }
            if (r instanceof io.spoe4j.config.SendSpoeGroupRule g && !engineNames.contains(g.engine())) {
                into.add(new ConfigWarning(r.origin(), "'" + r.direction().keyword() + " send-spoe-group " + g.engine()
                        + " " + g.group() + "': engine '" + g.engine() + "' is not run here; the rule is ignored."));
            }
        }
    }
}

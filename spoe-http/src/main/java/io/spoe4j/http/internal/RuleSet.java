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
    private final boolean hasResponseSteps;

    public RuleSet(List<SpoeEngine> engines, List<ProxyRule> frontend, Map<String, List<ProxyRule>> backends,
            Map<Integer, byte[]> errorfiles, Duration tarpitTimeout, Map<String, JavaAction> actions,
            int failClosedStatus) {
        this.program = new Program(engines, frontend, backends);
        this.errorfiles = Map.copyOf(errorfiles);
        this.tarpitTimeout = tarpitTimeout;
        this.actions = Map.copyOf(actions);
        this.failClosedStatus = failClosedStatus;
        this.hasResponseSteps = !program.responseEvents.isEmpty() || !program.frontendResponse.isEmpty()
                || !program.frontendAfterResponse.isEmpty()
                || program.backendResponse.values().stream().anyMatch(l -> !l.isEmpty())
                || program.backendAfterResponse.values().stream().anyMatch(l -> !l.isEmpty());
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
        return hasResponseSteps; // asked for every response: computed once
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

    /**
     * A fail-closed failure: the configured status on the request side; 502, closing, on the response
     * side. The answer says why: an {@code x-spoe-error: engine=NAME; code=N} header (N the
     * set-on-error code) and, in the built-in page, a line naming both.
     */
    Decision failClosedDecision(DefaultHttpTransaction txn, boolean response) {
        int status = response ? 502 : failClosedStatus;
        HttpReply reply = explained(errorReply(status), status, txn.blockEngine, txn.blockCode);
        return new Decision.Respond(reply, response, Duration.ZERO);
    }

    /** The header name of {@link #failClosedDecision}'s explanation. */
    public static final String ERROR_HEADER = "x-spoe-error";

    static HttpReply explained(HttpReply page, int status, String engine, int code) {
        if (engine == null) {
            return page;
        }
        String why = "engine=" + engine + "; code=" + code;
        List<io.spoe4j.acl.HttpHeader> headers = new java.util.ArrayList<>(page.headers().size() + 1);
        byte[] body = page.body();
        boolean builtIn = Replies.hasErrorPage(status) && page == Replies.error(status);
        if (builtIn) {
            String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = text.lastIndexOf("</body>");
            text = text.substring(0, end) + "SPOE engine '" + engine + "' failed (set-on-error code " + code + ").\n"
                    + text.substring(end);
            body = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        for (io.spoe4j.acl.HttpHeader h : page.headers()) {
            headers.add(builtIn && h.name().equalsIgnoreCase("content-length")
                    ? new io.spoe4j.acl.HttpHeader(h.name(), Integer.toString(body.length)) : h);
        }
        headers.add(new io.spoe4j.acl.HttpHeader(ERROR_HEADER, why));
        return new HttpReply(page.status(), page.reason(), headers, body);
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

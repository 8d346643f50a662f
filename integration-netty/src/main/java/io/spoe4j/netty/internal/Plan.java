package io.spoe4j.netty.internal;

import io.spoe4j.acl.Condition;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.GroupConfig;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.netty.SpoeHttpOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs for each request and response, computed once per options: the events that have
 * messages and the proxy's rules ({@code send-spoe-group}, {@code set-var}, {@code unset-var}), in
 * HAProxy's order: an event fires just before the rule set of its analyser (on-frontend-tcp-request,
 * then the tcp-request content rules; on-frontend-http-request, then the http-request rules; the
 * same on the response side), and the rules of one rule set run in file order; and whether they
 * read the request or the response body (which the handler then holds). Immutable.
 */
record Plan(List<Step> firstRequestSteps, List<Step> requestSteps, List<Step> responseSteps,
        boolean needsRequestBody, boolean needsResponseBody) {

    /**
     * One event ({@code group == null}), group or on-client-session outcome ({@code session}) of one
     * engine, or a set-var/unset-var rule ({@code setVar}; {@code engine} unused).
     */
    record Step(int engine, SpoeEvent event, String group, Condition condition, boolean session, SetVarRule setVar) {
        Step(int engine, SpoeEvent event, String group, Condition condition, boolean session) {
            this(engine, event, group, condition, session, null);
        }
    }

    static Plan of(SpoeHttpOptions options) {
        List<SpoeEngine> engines = options.engines();
        List<Step> session = new ArrayList<>();
        List<Step> request = new ArrayList<>();
        List<Step> response = new ArrayList<>();
        boolean body = false;
        boolean resBody = false;
        for (int i = 0; i < engines.size(); i++) {
            session.add(new Step(i, SpoeEvent.ON_CLIENT_SESSION, null, null, true));
        }
        // HAProxy's analyser order in HTTP mode: tcp-request content, then http-request, per side;
        // each event is a pre-analyser of the analyser running the matching rule set.
        body |= addEvents(engines, SpoeEvent.ON_FRONTEND_TCP_REQUEST, request);
        body |= addRules(options, RuleDirection.TCP_REQUEST_CONTENT, request);
        body |= addEvents(engines, SpoeEvent.ON_FRONTEND_HTTP_REQUEST, request);
        body |= addRules(options, RuleDirection.HTTP_REQUEST, request);
        body |= addEvents(engines, SpoeEvent.ON_BACKEND_TCP_REQUEST, request);
        body |= addEvents(engines, SpoeEvent.ON_BACKEND_HTTP_REQUEST, request);
        addEvents(engines, SpoeEvent.ON_SERVER_SESSION, response);
        addEvents(engines, SpoeEvent.ON_TCP_RESPONSE, response);
        addRules(options, RuleDirection.TCP_RESPONSE_CONTENT, response);
        addEvents(engines, SpoeEvent.ON_HTTP_RESPONSE, response);
        addRules(options, RuleDirection.HTTP_RESPONSE, response);
        List<Step> first = new ArrayList<>(session);
        first.addAll(request);
        return new Plan(List.copyOf(first), List.copyOf(request), List.copyOf(response), body,
                readsResponseBody(engines, response));
    }

    /** Whether a response step's messages, condition or set-var expression read res.body. */
    private static boolean readsResponseBody(List<SpoeEngine> engines, List<Step> steps) {
        for (Step s : steps) {
            if (s.condition() != null && s.condition().needsResponseBody()
                    || s.setVar() != null && s.setVar().expression().map(e -> e.needsResponseBody()).orElse(false)) {
                return true;
            }
            List<MessageConfig> messages = s.setVar() != null ? List.of()
                    : s.group() != null ? engines.get(s.engine()).config().group(s.group()).orElseThrow().messages()
                    : engines.get(s.engine()).config().messagesFor(s.event());
            if (messages.stream().anyMatch(MessageConfig::needsResponseBody)) {
                return true;
            }
        }
        return false;
    }

    /** The rules of one rule set, in order; returns whether one of them reads the request body. */
    private static boolean addRules(SpoeHttpOptions options, RuleDirection direction, List<Step> into) {
        List<SpoeEngine> engines = options.engines();
        boolean body = false;
        for (ProxyRule rule : options.proxyRules()) {
            if (rule.direction() != direction) {
                continue;
            }
            Condition cond = rule.condition().orElse(null);
            body |= cond != null && cond.needsRequestBody() && !direction.isResponse();
            if (rule instanceof SetVarRule v) {
                into.add(new Step(0, null, null, cond, false, v));
                body |= v.expression().map(e -> e.needsRequestBody()).orElse(false) && !direction.isResponse();
            } else if (rule instanceof SendSpoeGroupRule r) {
                int engine = indexOf(engines, r.engine());
                into.add(new Step(engine, null, r.group(), cond, false));
                if (!direction.isResponse()) {
                    GroupConfig g = engines.get(engine).config().group(r.group()).orElseThrow();
                    body |= g.messages().stream().anyMatch(MessageConfig::needsRequestBody);
                }
            }
        }
        return body;
    }

    private static boolean addEvents(List<SpoeEngine> engines, SpoeEvent event, List<Step> into) {
        boolean body = false;
        for (int i = 0; i < engines.size(); i++) {
            List<MessageConfig> messages = engines.get(i).config().messagesFor(event);
            if (!messages.isEmpty()) {
                into.add(new Step(i, event, null, null, false));
                body |= messages.stream().anyMatch(MessageConfig::needsRequestBody);
            }
        }
        return body;
    }

    private static int indexOf(List<SpoeEngine> engines, String name) {
        for (int i = 0; i < engines.size(); i++) {
            if (engines.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no engine '" + name + "'");
    }

    List<Step> requestSteps(boolean firstOfSession) {
        return firstOfSession ? firstRequestSteps : requestSteps;
    }

    boolean hasResponseSteps() {
        return !responseSteps.isEmpty();
    }
}

package io.spoe4j.netty.internal;

import io.spoe4j.acl.Condition;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.GroupConfig;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.netty.SpoeHttpOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs for each request and response, computed once per options: the events that have
 * messages and the {@code send-spoe-group} rules, in HAProxy's order, and whether they read the
 * request or the response body (which the handler then holds). Immutable.
 */
record Plan(List<Step> firstRequestSteps, List<Step> requestSteps, List<Step> responseSteps,
        boolean needsRequestBody, boolean needsResponseBody) {

    /** One event ({@code group == null}), group or on-client-session outcome ({@code session}) of one engine. */
    record Step(int engine, SpoeEvent event, String group, Condition condition, boolean session) {
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
        // HAProxy's analyser order in HTTP mode: tcp-request content, then http-request, per side.
        body |= addEvents(engines, SpoeEvent.ON_FRONTEND_TCP_REQUEST, request);
        body |= addEvents(engines, SpoeEvent.ON_FRONTEND_HTTP_REQUEST, request);
        for (SendSpoeGroupRule r : options.groupRules()) {
            int engine = indexOf(engines, r.engine());
            Step step = new Step(engine, null, r.group(), r.condition().orElse(null), false);
            (r.direction().isResponse() ? response : request).add(step);
            if (r.direction().isResponse()) {
                resBody |= engines.get(engine).config().group(r.group()).orElseThrow().messages().stream()
                        .anyMatch(MessageConfig::needsResponseBody)
                        || r.condition().map(Condition::needsResponseBody).orElse(false);
            }
            if (!r.direction().isResponse()) {
                GroupConfig g = engines.get(engine).config().group(r.group()).orElseThrow();
                body |= g.messages().stream().anyMatch(MessageConfig::needsRequestBody)
                        || r.condition().map(Condition::needsRequestBody).orElse(false);
            }
        }
        body |= addEvents(engines, SpoeEvent.ON_BACKEND_TCP_REQUEST, request);
        body |= addEvents(engines, SpoeEvent.ON_BACKEND_HTTP_REQUEST, request);
        List<Step> responseEvents = new ArrayList<>();
        addEvents(engines, SpoeEvent.ON_SERVER_SESSION, responseEvents);
        addEvents(engines, SpoeEvent.ON_TCP_RESPONSE, responseEvents);
        addEvents(engines, SpoeEvent.ON_HTTP_RESPONSE, responseEvents);
        for (SpoeEngine engine : engines) {
            for (SpoeEvent e : List.of(SpoeEvent.ON_SERVER_SESSION, SpoeEvent.ON_TCP_RESPONSE, SpoeEvent.ON_HTTP_RESPONSE)) {
                resBody |= engine.config().messagesFor(e).stream().anyMatch(MessageConfig::needsResponseBody);
            }
        }
        responseEvents.addAll(response);
        List<Step> first = new ArrayList<>(session);
        first.addAll(request);
        return new Plan(List.copyOf(first), List.copyOf(request), List.copyOf(responseEvents), body, resBody);
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

package io.spoe4j.http.internal;

import io.spoe4j.acl.Condition;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.GroupConfig;
import io.spoe4j.config.HttpAction;
import io.spoe4j.config.HttpActionRule;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.config.UseBackendRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy's analysers for one proxy, compiled once: which SPOE events fire and which rules run, in
 * HAProxy 2.6's order. Request: on-frontend-tcp-request, tcp-request content rules,
 * on-frontend-http-request, http-request rules, then use_backend/default_backend, then
 * on-backend-tcp-request and on-backend-http-request and the chosen backend's http-request rules.
 * Response: on-server-session, on-tcp-response, tcp-response content rules, on-http-response,
 * the backend's then the frontend's http-response rules. Then the backend's and the frontend's
 * http-after-response rules, which local replies get too. Immutable.
 */
final class Program {

    /** One thing to do: an engine's event or session outcome, or a rule. */
    record Step(int engine, SpoeEvent event, boolean session, ProxyRule rule) {
        static Step event(int engine, SpoeEvent event) {
            return new Step(engine, event, false, null);
        }

        static Step session(int engine) {
            return new Step(engine, null, true, null);
        }

        static Step rule(int engine, ProxyRule rule) {
            return new Step(engine, null, false, rule);
        }

        boolean async() {
            return rule == null || rule instanceof SendSpoeGroupRule;
        }
    }

    final List<SpoeEngine> engines;
    final List<Step> session;
    final List<Step> request;
    final List<UseBackendRule> backendRules;
    final List<Step> backendEvents;
    final Map<String, List<Step>> backendRequest;
    final List<Step> responseEvents;
    final List<Step> frontendResponse;
    final Map<String, List<Step>> backendResponse;
    final List<Step> frontendAfterResponse;
    final Map<String, List<Step>> backendAfterResponse;
    final boolean needsRequestBody;
    final boolean needsResponseBody;
    final HttpAction.WaitForBody waitForBody;

    /**
     * {@code frontend} holds the rules of the proxy the adapter stands for, in file order; {@code backends}
     * the rules of each backend use_backend may choose.
     */
    Program(List<SpoeEngine> engines, List<ProxyRule> frontend, Map<String, List<ProxyRule>> backends) {
        this.engines = List.copyOf(engines);
        List<Step> sess = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            sess.add(Step.session(i));
        }
        this.session = List.copyOf(sess);
        List<Step> req = new ArrayList<>();
        addEvents(SpoeEvent.ON_FRONTEND_TCP_REQUEST, req);
        addRules(frontend, RuleDirection.TCP_REQUEST_CONTENT, req);
        addEvents(SpoeEvent.ON_FRONTEND_HTTP_REQUEST, req);
        addRules(frontend, RuleDirection.HTTP_REQUEST, req);
        this.request = List.copyOf(req);
        List<UseBackendRule> be = new ArrayList<>();
        for (ProxyRule r : frontend) {
            if (r instanceof UseBackendRule u && !u.isDefault()) {
                be.add(u);
            }
        }
        for (ProxyRule r : frontend) {
            if (r instanceof UseBackendRule u && u.isDefault()) {
                be.add(u);
            }
        }
        this.backendRules = List.copyOf(be);
        List<Step> beEvents = new ArrayList<>();
        addEvents(SpoeEvent.ON_BACKEND_TCP_REQUEST, beEvents);
        addEvents(SpoeEvent.ON_BACKEND_HTTP_REQUEST, beEvents);
        this.backendEvents = List.copyOf(beEvents);
        List<Step> resEvents = new ArrayList<>();
        addEvents(SpoeEvent.ON_SERVER_SESSION, resEvents);
        addEvents(SpoeEvent.ON_TCP_RESPONSE, resEvents);
        addRules(frontend, RuleDirection.TCP_RESPONSE_CONTENT, resEvents);
        addEvents(SpoeEvent.ON_HTTP_RESPONSE, resEvents);
        this.responseEvents = List.copyOf(resEvents);
        this.frontendResponse = rules(frontend, RuleDirection.HTTP_RESPONSE);
        this.frontendAfterResponse = rules(frontend, RuleDirection.HTTP_AFTER_RESPONSE);
        Map<String, List<Step>> beReq = new LinkedHashMap<>();
        Map<String, List<Step>> beRes = new LinkedHashMap<>();
        Map<String, List<Step>> beAfter = new LinkedHashMap<>();
        backends.forEach((name, rules) -> {
            List<Step> r = new ArrayList<>();
            addRules(rules, RuleDirection.TCP_REQUEST_CONTENT, r);
            addRules(rules, RuleDirection.HTTP_REQUEST, r);
            beReq.put(name, List.copyOf(r));
            beRes.put(name, rules(rules, RuleDirection.HTTP_RESPONSE));
            beAfter.put(name, rules(rules, RuleDirection.HTTP_AFTER_RESPONSE));
        });
        this.backendRequest = Map.copyOf(beReq);
        this.backendResponse = Map.copyOf(beRes);
        this.backendAfterResponse = Map.copyOf(beAfter);

        List<Step> allRequest = new ArrayList<>(request);
        allRequest.addAll(backendEvents);
        beReq.values().forEach(allRequest::addAll);
        List<Step> allResponse = new ArrayList<>(responseEvents);
        allResponse.addAll(frontendResponse);
        allResponse.addAll(frontendAfterResponse);
        beRes.values().forEach(allResponse::addAll);
        beAfter.values().forEach(allResponse::addAll);
        HttpAction.WaitForBody wait = null;
        for (Step s : allRequest) {
            if (s.rule() instanceof HttpActionRule a && a.action() instanceof HttpAction.WaitForBody w) {
                wait = w;
                break;
            }
        }
        this.waitForBody = wait;
        this.needsRequestBody = wait != null || reads(allRequest, false)
                || backendRules.stream().anyMatch(u -> u.condition().map(Condition::needsRequestBody).orElse(false)
                        || u.name().needsRequestBody());
        this.needsResponseBody = reads(allResponse, true);
    }

    private List<Step> rules(List<ProxyRule> rules, RuleDirection direction) {
        List<Step> out = new ArrayList<>();
        addRules(rules, direction, out);
        return List.copyOf(out);
    }

    private void addEvents(SpoeEvent event, List<Step> into) {
        for (int i = 0; i < engines.size(); i++) {
            if (!engines.get(i).config().messagesFor(event).isEmpty()) {
                into.add(Step.event(i, event));
            }
        }
    }

    private void addRules(List<ProxyRule> rules, RuleDirection direction, List<Step> into) {
        for (ProxyRule r : rules) {
            if (r.direction() != direction || r instanceof UseBackendRule) {
                continue;
            }
            int engine = 0;
            if (r instanceof SendSpoeGroupRule g) {
                engine = indexOf(g.engine());
                if (engine < 0) {
                    continue; // a group of an engine this adapter does not run: reported by HttpRules
                }
            }
            into.add(Step.rule(engine, r));
        }
    }

    int indexOf(String engine) {
        for (int i = 0; i < engines.size(); i++) {
            if (engines.get(i).name().equals(engine)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a step's messages, condition or arguments read the request body ({@code response == false}) or res.body. */
    private boolean reads(List<Step> steps, boolean response) {
        for (Step s : steps) {
            ProxyRule r = s.rule();
            if (r != null && r.condition().map(c -> response ? c.needsResponseBody() : c.needsRequestBody()).orElse(false)) {
                return true;
            }
            List<MessageConfig> messages;
            if (r == null) {
                messages = s.session() ? List.of() : engines.get(s.engine()).config().messagesFor(s.event());
            } else if (r instanceof SendSpoeGroupRule g) {
                GroupConfig group = engines.get(s.engine()).config().group(g.group()).orElse(null);
                messages = group == null ? List.of() : group.messages();
            } else {
                messages = List.of();
                if (r instanceof SetVarRule v && v.expression().map(e -> response ? e.needsResponseBody()
                        : e.needsRequestBody()).orElse(false)) {
                    return true;
                }
                if (r instanceof HttpActionRule a && Actions.readsBody(a.action(), response)) {
                    return true;
                }
            }
            if (messages.stream().anyMatch(m -> response ? m.needsResponseBody() : m.needsRequestBody())) {
                return true;
            }
        }
        return false;
    }
}

package io.spoe4j.http.internal;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.config.HttpActionRule;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.config.UseBackendRule;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HeaderEditor;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.HttpTransaction;
import io.spoe4j.http.internal.Program.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Program} for one transaction. Steps run one after the other; an SPOE step's
 * continuation runs on the executor given to {@link #request}/{@link #response} unless its stage
 * was already complete. A fail-closed failure stops the side at once. Confined to that executor.
 */
public final class DefaultHttpTransaction implements HttpTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultHttpTransaction.class);

    /**
     * A header rewrite to replay: remove every {@code name}, add {@code name: value}, or (with
     * {@code values}) give the occurrences of {@code name} these values in place.
     */
    record Edit(boolean remove, String name, String value, List<String> values) {
        Edit(boolean remove, String name, String value) {
            this(remove, name, value, null);
        }
    }

    private final RuleSet rules;
    private final Program program;
    private final List<SpoeSession> sessions;
    private final List<SpoeTransaction> transactions;
    private final SpoeVariables variables;
    private final LocalVariables local;
    final EditedAttributes attributes;
    private final boolean firstOfSession;
    private final List<SpoeResult> results = Collections.synchronizedList(new ArrayList<>(4));
    final List<Edit> requestEdits = new ArrayList<>(0);
    final List<Edit> responseEdits = new ArrayList<>(0);
    String reason;
    private String backend;
    private volatile boolean blocked;
    /** The engine whose failure blocked the transaction (fail-closed), and its set-on-error code. */
    volatile String blockEngine;
    volatile int blockCode;
    private volatile boolean closed;

    DefaultHttpTransaction(RuleSet rules, List<SpoeSession> sessions, RequestAttributes base, boolean firstOfSession) {
        this.rules = rules;
        this.program = rules.program;
        this.sessions = sessions;
        this.firstOfSession = firstOfSession;
        List<SpoeTransaction> txns = new ArrayList<>(sessions.size());
        List<SpoeVariables> vars = new ArrayList<>(sessions.size());
        for (SpoeSession s : sessions) {
            SpoeTransaction t = s.newTransaction(base);
            txns.add(t);
            vars.add(t.variables());
        }
        this.transactions = Collections.unmodifiableList(txns);
        if (txns.isEmpty()) {
            this.local = new LocalVariables();
            this.variables = local;
        } else {
            this.local = null;
            this.variables = txns.size() == 1 ? vars.get(0) : new MergedVariables(vars);
        }
        this.attributes = new EditedAttributes(base, variables);
        for (SpoeTransaction t : txns) {
            t.attributes(attributes);
        }
    }

    @Override
    public CompletionStage<Decision> request(Executor executor) {
        Run run = new Run(executor, false);
        run.start(requestPhases());
        return run.result;
    }

    private List<List<Step>> requestPhases() {
        List<List<Step>> phases = new ArrayList<>(3);
        phases.add(program.session);
        phases.add(program.request);
        return phases;
    }

    @Override
    public CompletionStage<Decision> response(Executor executor) {
        Run run = new Run(executor, true);
        List<List<Step>> phases = new ArrayList<>(3);
        phases.add(program.responseEvents);
        if (backend != null) {
            phases.add(program.backendResponse.getOrDefault(backend, List.of()));
        }
        phases.add(program.frontendResponse);
        run.start(phases);
        return run.result;
    }

    @Override
    public Decision.Respond localReply(HttpReply reply, boolean close) {
        return afterResponse(reply, close, java.time.Duration.ZERO);
    }

    /** Runs the http-after-response rules on a local reply and returns it as rewritten. */
    Decision.Respond afterResponse(HttpReply reply, boolean close, java.time.Duration delay) {
        List<Step> after = afterResponseSteps();
        if (after.isEmpty()) {
            return new Decision.Respond(reply, close, delay);
        }
        attributes.localResponse(reply.status(), reply.reason(), reply.headers(), reply.body());
        responseEdits.clear();
        reason = null;
        for (Step s : after) {
            if (s.rule() instanceof HttpActionRule a && a.action().isFinal()) {
                continue; // http-after-response has no final actions
            }
            runSync(s, true);
        }
        int status = attributes.editedStatus();
        String why = reason != null ? reason : status == reply.status() ? reply.reason() : Replies.reason(status);
        return new Decision.Respond(new HttpReply(status, why, attributes.editableResponseHeaders(), reply.body()),
                close, delay);
    }

    private List<Step> afterResponseSteps() {
        List<Step> be = backend == null ? List.of() : program.backendAfterResponse.getOrDefault(backend, List.of());
        if (be.isEmpty()) {
            return program.frontendAfterResponse;
        }
        List<Step> all = new ArrayList<>(be);
        all.addAll(program.frontendAfterResponse);
        return all;
    }

    /** Runs a synchronous rule (set-var, an action); returns the decision of a final action, else null. */
    private Decision runSync(Step step, boolean response) {
        ProxyRule rule = step.rule();
        try {
            Condition c = rule.condition().orElse(null);
            if (c != null && !c.test(attributes)) {
                return null;
            }
            if (rule instanceof SetVarRule v) {
                setVar(v);
                return null;
            }
            return Actions.apply((HttpActionRule) rule, this, response);
        } catch (RuntimeException e) {
            LOG.warn("rule at {} failed unexpectedly; skipped", rule.origin(), e);
            return null;
        }
    }

    /**
     * HAProxy's set-var/unset-var; a set-var whose sample is missing leaves the variable alone. The
     * value goes to the first engine's transaction and the name leaves the others', so every
     * engine's var() reads it (own store first, then the merged view).
     */
    private void setVar(SetVarRule rule) {
        if (rule.isUnset()) {
            unsetVariable(rule.variable());
            return;
        }
        Sample value = rule.expression().get().evaluate(attributes);
        if (value != null) {
            setVariable(rule.variable(), value);
        }
    }

    void setVariable(String name, Sample value) {
        if (local != null) {
            local.set(name, value);
            return;
        }
        transactions.get(0).setVariable(name, value);
        for (int i = 1; i < transactions.size(); i++) {
            transactions.get(i).unsetVariable(name);
        }
    }

    void unsetVariable(String name) {
        if (local != null) {
            local.unset(name);
            return;
        }
        transactions.forEach(t -> t.unsetVariable(name));
    }

    RuleSet rules() {
        return rules;
    }

    /** One side's run through its phases. */
    private final class Run {
        final Executor executor;
        final boolean response;
        final CompletableFuture<Decision> result = new CompletableFuture<>();
        List<List<Step>> phases;
        int phase;
        int next;
        boolean backendChosen;

        Run(Executor executor, boolean response) {
            this.executor = executor;
            this.response = response;
        }

        void start(List<List<Step>> phases) {
            this.phases = phases;
            loop();
        }

        /** Runs steps until one has to wait or the side is decided. */
        void loop() {
            while (true) {
                if (closed) {
                    result.complete(new Decision.Drop());
                    return;
                }
                if (blocked) {
                    finish(rules.failClosedDecision(DefaultHttpTransaction.this, response));
                    return;
                }
                if (phase == phases.size()) {
                    if (!response && !backendChosen) {
                        backendChosen = true;
                        chooseBackend();
                        if (backend != null) {
                            phases.add(program.backendEvents);
                            phases.add(program.backendRequest.getOrDefault(backend, List.of()));
                        } else {
                            phases.add(program.backendEvents);
                        }
                        continue;
                    }
                    finish(null);
                    return;
                }
                List<Step> steps = phases.get(phase);
                if (next == steps.size()) {
                    phase++;
                    next = 0;
                    continue;
                }
                Step step = steps.get(next++);
                if (!step.async()) {
                    Decision d = runSync(step, response);
                    if (d == Actions.STOP_RULE_SET) {
                        // tcp-request content accept: the rest of that rule set is skipped
                        while (next < steps.size() && steps.get(next).rule() != null
                                && steps.get(next).rule().direction() == step.rule().direction()) {
                            next++;
                        }
                    } else if (d != null) {
                        finish(d);
                        return;
                    }
                    continue;
                }
                CompletionStage<SpoeResult> stage;
                try {
                    stage = start(step);
                } catch (RuntimeException e) {
                    failed(step, e);
                    continue;
                }
                if (stage == null) {
                    continue;
                }
                CompletableFuture<SpoeResult> f = stage.toCompletableFuture();
                if (f.isDone()) {
                    settle(step, f);
                    continue;
                }
                f.whenComplete((r, e) -> executor.execute(() -> {
                    settle(step, f);
                    loop();
                }));
                return;
            }
        }

        private void settle(Step step, CompletableFuture<SpoeResult> f) {
            SpoeResult r;
            try {
                r = f.join();
            } catch (RuntimeException e) {
                failed(step, e.getCause() != null ? e.getCause() : e);
                return;
            }
            if (r == null) {
                return;
            }
            if (!step.session() || firstOfSession) {
                results.add(r);
            }
            if (r.shouldBlock()) {
                if (!blocked) {
                    blockEngine = r.engine();
                    blockCode = r.errorCode();
                }
                blocked = true;
            }
        }

        private CompletionStage<SpoeResult> start(Step step) {
            if (step.session()) {
                return sessions.get(step.engine()).clientSessionResult();
            }
            SpoeTransaction txn = transactions.get(step.engine());
            if (step.rule() instanceof SendSpoeGroupRule g) {
                return g.condition().isPresent() ? txn.sendGroup(g.group(), g.condition().get()) : txn.sendGroup(g.group());
            }
            return txn.fire(step.event());
        }

        private void failed(Step step, Throwable error) {
            LOG.warn("SPOE step of engine {} failed unexpectedly", program.engines.get(step.engine()).name(), error);
            if (program.engines.get(step.engine()).failurePolicy() == io.spoe4j.client.FailurePolicy.FAIL_CLOSED) {
                if (!blocked) {
                    blockEngine = program.engines.get(step.engine()).name();
                    blockCode = 255; // HAProxy's "unknown" code
                }
                blocked = true;
            }
        }

        private void finish(Decision d) {
            if (d instanceof Decision.Respond r) {
                d = afterResponse(r.reply(), r.close(), r.delay());
            } else if (d == null) {
                if (response) {
                    for (Step s : afterResponseSteps()) {
                        if (!(s.rule() instanceof HttpActionRule a && a.action().isFinal())) {
                            runSync(s, true);
                        }
                    }
                }
                d = response ? Decision.Forward.none() : new Decision.Forward(Optional.ofNullable(backend));
            }
            result.complete(d);
        }
    }

    private void chooseBackend() {
        for (UseBackendRule u : program.backendRules) {
            try {
                if (u.condition().isPresent() && !u.condition().get().test(attributes)) {
                    continue;
                }
                String name = u.name().format(attributes);
                if (!name.isEmpty()) {
                    backend = name;
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("use_backend at {} failed unexpectedly; skipped", u.origin(), e);
            }
        }
    }

    @Override
    public Optional<String> editedMethod() {
        return Optional.ofNullable(attributes.editedMethod());
    }

    @Override
    public Optional<String> editedUri() {
        return Optional.ofNullable(attributes.editedUri());
    }

    @Override
    public void applyRequestEdits(HeaderEditor headers) {
        replay(requestEdits, headers);
    }

    @Override
    public int editedStatus() {
        return attributes.editedStatus();
    }

    @Override
    public Optional<String> editedReason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public void applyResponseEdits(HeaderEditor headers) {
        replay(responseEdits, headers);
    }

    private static void replay(List<Edit> edits, HeaderEditor headers) {
        for (Edit e : edits) {
            if (e.values() != null) {
                headers.replace(e.name(), e.values());
            } else if (e.remove()) {
                headers.remove(e.name());
            } else {
                headers.add(e.name(), e.value());
            }
        }
    }

    /** Records a header rewrite and applies it to the attributes' copy of the headers. */
    void removeHeader(boolean response, String name) {
        List<HttpHeader> list = response ? attributes.editableResponseHeaders() : attributes.editableRequestHeaders();
        if (list.removeIf(h -> h.name().equalsIgnoreCase(name))) {
            (response ? responseEdits : requestEdits).add(new Edit(true, name, null));
        }
    }

    /** Gives the occurrences of {@code name}, in order, the values {@code values}, where they are (replace-header/value). */
    void replaceHeaders(boolean response, String name, List<String> values) {
        List<HttpHeader> list = response ? attributes.editableResponseHeaders() : attributes.editableRequestHeaders();
        int i = 0;
        for (java.util.ListIterator<HttpHeader> it = list.listIterator(); it.hasNext(); ) {
            HttpHeader h = it.next();
            if (h.name().equalsIgnoreCase(name)) {
                it.set(new HttpHeader(h.name(), values.get(i++)));
            }
        }
        (response ? responseEdits : requestEdits).add(new Edit(false, name, null, List.copyOf(values)));
    }

    void addHeader(boolean response, String name, String value) {
        (response ? attributes.editableResponseHeaders() : attributes.editableRequestHeaders())
                .add(new HttpHeader(name, value));
        (response ? responseEdits : requestEdits).add(new Edit(false, name, value));
    }

    @Override
    public void baseAttributes(RequestAttributes attributes) {
        this.attributes.base(attributes);
    }

    @Override
    public RequestAttributes attributes() {
        return attributes;
    }

    @Override
    public SpoeVariables variables() {
        return variables;
    }

    @Override
    public List<SpoeTransaction> transactions() {
        return transactions;
    }

    @Override
    public List<SpoeResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    @Override
    public boolean blocked() {
        return blocked;
    }

    @Override
    public Optional<String> backend() {
        return Optional.ofNullable(backend);
    }

    @Override
    public void requestForwarded() {
        for (SpoeTransaction t : transactions) {
            t.requestForwarded();
        }
        if (local != null) {
            local.requestForwarded();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SpoeTransaction t : transactions) {
            t.close();
        }
    }
}

package io.spoe4j.netty.internal;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.netty.internal.Plan.Step;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs a request's steps one after the other, each continuing on the channel's event loop, then
 * calls {@code done} there. Stops quietly when the request was finished meanwhile (channel closed).
 * set-var/unset-var steps run inline (see {@code SpoeHttpOptions.Builder.proxyRules} for the stores).
 */
final class StepRunner implements Runnable {
    private final RequestState req;
    private final List<Step> steps;
    private final List<SpoeSession> sessions;
    private final Executor executor;
    private final Runnable done;
    private int next;

    StepRunner(RequestState req, List<Step> steps, List<SpoeSession> sessions, Executor executor, Runnable done) {
        this.req = req;
        this.steps = steps;
        this.sessions = sessions;
        this.executor = executor;
        this.done = done;
    }

    @Override
    public void run() {
        if (req.finished) {
            return;
        }
        while (next < steps.size() && steps.get(next).setVar() != null) {
            Step s = steps.get(next++);
            try {
                setVar(s.setVar());
            } catch (RuntimeException e) {
                AccessLog.stepFailed(e);
            }
        }
        if (next == steps.size()) {
            done.run();
            return;
        }
        Step step = steps.get(next++);
        CompletionStage<SpoeResult> stage;
        try {
            stage = start(step);
        } catch (RuntimeException e) {
            failed(step, e);
            run();
            return;
        }
        stage.whenComplete((result, error) -> executor.execute(() -> {
            if (result != null) {
                req.add(result);
            } else {
                failed(step, error);
            }
            run();
        }));
    }

    private CompletionStage<SpoeResult> start(Step step) {
        if (step.session()) {
            return sessions.get(step.engine()).clientSessionResult();
        }
        SpoeTransaction txn = req.transactions.get(step.engine());
        if (step.group() == null) {
            return txn.fire(step.event());
        }
        return step.condition() == null ? txn.sendGroup(step.group()) : txn.sendGroup(step.group(), step.condition());
    }

    /**
     * HAProxy's set-var/unset-var: skipped when the condition does not hold; a set-var whose sample
     * is missing leaves the variable alone. The value goes to the first engine's transaction and the
     * name leaves the others', so every engine's var() reads it (own store first, then the merged view).
     */
    private void setVar(SetVarRule rule) {
        List<SpoeTransaction> txns = req.transactions;
        RequestAttributes attrs = txns.get(0).attributes();
        if (rule.condition().isPresent() && !rule.condition().get().test(attrs)) {
            return;
        }
        if (rule.isUnset()) {
            txns.forEach(t -> t.unsetVariable(rule.variable()));
            return;
        }
        Sample value = rule.expression().get().evaluate(attrs);
        if (value == null) {
            return;
        }
        txns.get(0).setVariable(rule.variable(), value);
        for (int i = 1; i < txns.size(); i++) {
            txns.get(i).unsetVariable(rule.variable());
        }
    }

    private void failed(Step step, Throwable error) {
        AccessLog.stepFailed(error);
        if (sessions.get(step.engine()).engine().failurePolicy() == FailurePolicy.FAIL_CLOSED) {
            req.blocked = true;
        }
    }
}

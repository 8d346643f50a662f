package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.config.SpoeEvent;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One stream of a session: its txn/req/res stores and its serialized events and groups, as the
 * {@link Exchange} it is. Thread-safe.
 */
final class DefaultSpoeTransaction extends Exchange implements SpoeTransaction {
    private final DefaultSpoeEngine engine;

    DefaultSpoeTransaction(DefaultSpoeEngine engine, Exchange session, ScopedVariables vars,
            RequestAttributes attributes, CompletableFuture<Void> ready) {
        super(session, vars, attributes, ready);
        this.engine = engine;
    }

    @Override
    public CompletionStage<SpoeResult> fire(SpoeEvent event) {
        return engine.fire(this, Objects.requireNonNull(event, "event"));
    }

    @Override
    public CompletionStage<SpoeResult> sendGroup(String group) {
        return engine.sendGroup(this, Objects.requireNonNull(group, "group"), null);
    }

    @Override
    public CompletionStage<SpoeResult> sendGroup(String group, Condition condition) {
        return engine.sendGroup(this, Objects.requireNonNull(group, "group"),
                Objects.requireNonNull(condition, "condition"));
    }

    @Override
    public void attributes(RequestAttributes attributes) {
        super.attributes(attributes);
    }

    @Override
    public EngineAttributes attributes() {
        return super.attributes();
    }

    @Override
    public void requestForwarded() {
        vars.clearRequestResponse();
    }

    @Override
    public SpoeVariables variables() {
        return vars;
    }

    @Override
    public void setVariable(String fullName, Sample value) {
        Objects.requireNonNull(value, "value");
        storeOf(fullName).put(fullName, value);
    }

    @Override
    public void unsetVariable(String fullName) {
        storeOf(fullName).put(fullName, null);
    }

    private VariableStore storeOf(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        io.spoe4j.codec.Scope scope = ScopedVariables.scopeOf(fullName);
        if (scope == null || fullName.indexOf('.') == fullName.length() - 1) {
            throw new IllegalArgumentException("fullName: '" + fullName + "' is not <scope>.<name> with scope proc,"
                    + " sess, txn, req or res");
        }
        return vars.store(scope);
    }

    @Override
    public boolean disabled() {
        return isDisabled();
    }

    @Override
    public void close() {
        engine.closeStream(this, false);
    }
}

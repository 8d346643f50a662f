package io.spoe4j.http.internal;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.JavaAction;
import java.util.List;

/** What a {@link JavaAction} sees of its transaction; valid while the action runs. */
final class ActionContext implements JavaAction.Context {
    private final DefaultHttpTransaction txn;
    private final List<String> args;
    private final RuleDirection direction;

    ActionContext(DefaultHttpTransaction txn, List<String> args, RuleDirection direction) {
        this.txn = txn;
        this.args = args;
        this.direction = direction;
    }

    @Override
    public RequestAttributes attributes() {
        return txn.attributes;
    }

    @Override
    public List<String> args() {
        return args;
    }

    @Override
    public RuleDirection direction() {
        return direction;
    }

    @Override
    public void setVariable(String fullName, Sample value) {
        txn.setVariable(fullName, value);
    }

    @Override
    public void setHeader(String name, String value) {
        txn.removeHeader(direction.isResponse(), name);
        txn.addHeader(direction.isResponse(), name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        txn.addHeader(direction.isResponse(), name, value);
    }

    @Override
    public void removeHeader(String name) {
        txn.removeHeader(direction.isResponse(), name);
    }

    @Override
    public HttpReply errorReply(int status) {
        return txn.rules().errorReply(status);
    }
}

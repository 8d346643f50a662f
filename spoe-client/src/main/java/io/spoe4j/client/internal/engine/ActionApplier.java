package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeResult.DropReason;
import io.spoe4j.client.SpoeResult.DroppedVariable;
import io.spoe4j.client.SpoeResult.Variable;
import io.spoe4j.client.codec.Action;
import io.spoe4j.client.codec.Scope;
import io.spoe4j.config.AgentOptions;
import io.spoe4j.config.EngineConfig;
import java.util.List;
import java.util.Set;

/**
 * Applies an ACK's actions in order as HAProxy does: {@code <scope>.<var-prefix>.<name>}, NULL
 * unsets, names over 63 bytes dropped (HAProxy 3.5 behaviour; older versions truncated them
 * wrongly), proc-scope names only with {@code option force-set-var} or {@code register-var-names}
 * (the 2.5+ rule). Every outcome is recorded for the result.
 */
final class ActionApplier {
    /** HAProxy builds the name in a 64-byte buffer: 63 bytes at most. */
    static final int MAX_NAME_BYTES = 63;

    private final String prefix;
    private final boolean forceSetVar;
    private final Set<String> registered;

    ActionApplier(EngineConfig config) {
        AgentOptions o = config.options();
        this.prefix = config.varPrefix();
        this.forceSetVar = o.forceSetVar();
        this.registered = Set.copyOf(o.registerVarNames());
    }

    String fullName(Scope scope, String name) {
        return scope.label() + "." + prefix + "." + name;
    }

    void apply(List<Action> actions, ScopedVariables vars, List<Variable> applied, List<DroppedVariable> dropped) {
        for (Action action : actions) {
            if (action instanceof Action.SetVar set) {
                put(set.scope(), set.name(), Values.decode(set.value()), vars, applied, dropped);
            } else if (action instanceof Action.UnsetVar unset) {
                put(unset.scope(), unset.name(), null, vars, applied, dropped);
            }
        }
    }

    private void put(Scope scope, String name, Sample value, ScopedVariables vars, List<Variable> applied,
            List<DroppedVariable> dropped) {
        put(scope, name, fullName(scope, name), value, vars, applied, dropped);
    }

    private void put(Scope scope, String name, String full, Sample value, ScopedVariables vars, List<Variable> applied,
            List<DroppedVariable> dropped) {
        if (utf8Length(full) > MAX_NAME_BYTES) {
            dropped.add(new DroppedVariable(full, DropReason.NAME_TOO_LONG));
            return;
        }
        if (scope == Scope.PROC && !forceSetVar && !registered.contains(name)) {
            dropped.add(new DroppedVariable(full, DropReason.NOT_REGISTERED));
            return;
        }
        vars.store(scope).put(full, value);
        applied.add(new Variable(full, value));
    }

    /**
     * Sets one of the engine's own txn variables (set-on-error, set-process-time, set-total-time);
     * {@code full} is {@code fullName(Scope.TXN, name)}, computed once by the caller.
     */
    void setOption(String name, String full, long value, ScopedVariables vars, List<Variable> applied,
            List<DroppedVariable> dropped) {
        put(Scope.TXN, name, full, Sample.integer(value), vars, applied, dropped);
    }

    /** The UTF-8 length of {@code s}, without encoding it. */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}

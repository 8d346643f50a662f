package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeResult.DropReason;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.EngineOptions;
import java.util.List;
import java.util.Set;

/**
 * Applies an ACK's actions in order as HAProxy does: {@code <scope>.<var-prefix>.<name>}, NULL
 * unsets, names over 63 bytes dropped (HAProxy 3.5 behaviour; older versions truncated them
 * wrongly), proc-scope names only with {@code option force-set-var} or {@code register-var-names}
 * (the 2.5+ rule). Every outcome is recorded on the operation, for its result.
 *
 * <p>Full names and the rules' verdicts are cached by (scope, agent's name), so an agent answering
 * the same variables ACK after ACK costs no string building. Thread-safe without locks: cache
 * entries are immutable, and a racing overwrite costs a miss, never a wrong name.
 */
final class ActionApplier {
    /** HAProxy builds the name in a 64-byte buffer: 63 bytes at most. */
    static final int MAX_NAME_BYTES = 63;
    private static final int CACHE_SIZE = 256;

    private final String prefix;
    private final boolean forceSetVar;
    private final Set<String> registered;
    private final Name[] cache = new Name[CACHE_SIZE];

    /** An agent's variable name in a scope, its full name and why it is dropped ({@code null}: applied). */
    private record Name(Scope scope, String name, String full, DropReason drop) {
    }

    ActionApplier(EngineConfig config) {
        EngineOptions o = config.options();
        this.prefix = config.varPrefix();
        this.forceSetVar = o.forceSetVar();
        this.registered = Set.copyOf(o.registerVarNames());
    }

    String fullName(Scope scope, String name) {
        return scope.label() + "." + prefix + "." + name;
    }

    private Name name(Scope scope, String name) {
        int slot = (name.hashCode() * 31 + scope.ordinal()) & (CACHE_SIZE - 1);
        Name n = cache[slot];
        if (n != null && n.scope == scope && (n.name == name || n.name.equals(name))) {
            return n;
        }
        String full = fullName(scope, name);
        DropReason drop = null;
        if (utf8Length(full) > MAX_NAME_BYTES) {
            drop = DropReason.NAME_TOO_LONG;
        } else if (scope == Scope.PROC && !forceSetVar && !registered.contains(name)) {
            drop = DropReason.NOT_REGISTERED;
        }
        n = new Name(scope, name, full, drop);
        cache[slot] = n;
        return n;
    }

    /** Sets (or, for a {@code null} value, unsets) the agent's variable {@code name} of {@code scope}. */
    void put(Operation op, Scope scope, String name, Sample value) {
        Name n = name(scope, name);
        if (n.drop != null) {
            op.dropped(n.full, n.drop);
            return;
        }
        op.exchange.vars.store(scope).put(n.full, value);
        op.applied(n.full, value);
    }

    /** Applies decoded actions (an ACK that reached the engine as a list). */
    void apply(List<Action> actions, Operation op) {
        for (int i = 0, size = actions.size(); i < size; i++) {
            Action action = actions.get(i);
            if (action instanceof Action.SetVar set) {
                put(op, set.scope(), set.name(), Values.decode(set.value()));
            } else if (action instanceof Action.UnsetVar unset) {
                put(op, unset.scope(), unset.name(), null);
            }
        }
    }

    /** Sets one of the engine's own txn variables (set-on-error, set-process-time, set-total-time). */
    void setOption(Operation op, String name, long value) {
        put(op, Scope.TXN, name, Values.integer(value));
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

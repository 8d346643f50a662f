package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.codec.Scope;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The five scope stores one exchange sees: proc (per engine), sess (per downstream connection),
 * txn, req and res (per transaction). Names are routed to a store by their scope prefix. The
 * transaction's stores are created by their first write: most transactions set few variables, if
 * any. Thread-safe.
 */
final class ScopedVariables implements SpoeVariables {
    private static final VarHandle TXN;
    private static final VarHandle REQ;
    private static final VarHandle RES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TXN = l.findVarHandle(ScopedVariables.class, "txn", VariableStore.class);
            REQ = l.findVarHandle(ScopedVariables.class, "req", VariableStore.class);
            RES = l.findVarHandle(ScopedVariables.class, "res", VariableStore.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final VariableStore proc;
    private final VariableStore sess;
    private volatile VariableStore txn;
    private volatile VariableStore req;
    private volatile VariableStore res;

    ScopedVariables(VariableStore proc, VariableStore sess) {
        this.proc = proc;
        this.sess = sess;
    }

    /** The store of {@code scope}, created if it does not exist yet: for writing. */
    VariableStore store(Scope scope) {
        switch (scope) {
            case PROC:
                return proc;
            case SESS:
                return sess;
            case TXN:
                return created(TXN, txn);
            case REQ:
                return created(REQ, req);
            default:
                return created(RES, res);
        }
    }

    private VariableStore created(VarHandle field, VariableStore current) {
        if (current != null) {
            return current;
        }
        VariableStore fresh = new VariableStore();
        VariableStore raced = (VariableStore) field.compareAndExchange(this, (VariableStore) null, fresh);
        return raced == null ? fresh : raced;
    }

    /** The store of {@code scope}, or {@code null} when nothing was ever written to it: for reading. */
    private VariableStore existing(Scope scope) {
        switch (scope) {
            case PROC:
                return proc;
            case SESS:
                return sess;
            case TXN:
                return txn;
            case REQ:
                return req;
            default:
                return res;
        }
    }

    /** Empties the req and res stores (HAProxy's one request/response store, pruned once the request is forwarded). */
    void clearRequestResponse() {
        clear(req);
        clear(res);
    }

    private static void clear(VariableStore store) {
        if (store != null) {
            store.clear();
        }
    }

    /** The scope of {@code fullName}'s prefix ({@code txn.} ...), or {@code null} for a name of no SPOE scope. */
    static Scope scopeOf(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        for (Scope s : SCOPES) {
            String label = s.label();
            if (label.length() == dot && fullName.startsWith(label)) {
                return s;
            }
        }
        return null;
    }

    private static final Scope[] SCOPES = Scope.values();

    @Override
    public Sample get(String fullName) {
        Scope scope = scopeOf(fullName);
        VariableStore store = scope == null ? null : existing(scope);
        return store == null ? null : store.get(fullName);
    }

    @Override
    public Map<String, Sample> snapshot() {
        Map<String, Sample> all = new HashMap<>();
        for (Scope s : SCOPES) {
            VariableStore store = existing(s);
            if (store != null) {
                store.copyTo(all);
            }
        }
        return Map.copyOf(all);
    }

    @Override
    public boolean isEmpty() {
        for (Scope s : SCOPES) {
            VariableStore store = existing(s);
            if (store != null && !store.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Each store in turn; a name lives in its scope's store only, so none is repeated. */
    @Override
    public void forEach(BiConsumer<String, Sample> action) {
        for (Scope s : SCOPES) {
            VariableStore store = existing(s);
            if (store != null) {
                store.forEach(action);
            }
        }
    }
}

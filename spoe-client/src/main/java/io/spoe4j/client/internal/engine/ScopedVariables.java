package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.client.codec.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The five scope stores one exchange sees: proc (per engine), sess (per downstream connection),
 * txn, req and res (per transaction). Names are routed to a store by their scope prefix.
 * Thread-safe.
 */
final class ScopedVariables implements SpoeVariables {
    private final VariableStore proc;
    private final VariableStore sess;
    private final VariableStore txn = new VariableStore();
    private final VariableStore req = new VariableStore();
    private final VariableStore res = new VariableStore();

    ScopedVariables(VariableStore proc, VariableStore sess) {
        this.proc = proc;
        this.sess = sess;
    }

    VariableStore store(Scope scope) {
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
        req.clear();
        res.clear();
    }

    /** The store of {@code fullName}'s scope prefix, or {@code null} for a name of no SPOE scope. */
    VariableStore storeOf(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        Scope scope = Scope.ofLabel(fullName.substring(0, dot));
        return scope == null ? null : store(scope);
    }

    @Override
    public Sample get(String fullName) {
        VariableStore store = storeOf(fullName);
        return store == null ? null : store.get(fullName);
    }

    @Override
    public Map<String, Sample> snapshot() {
        Map<String, Sample> all = new HashMap<>();
        proc.copyTo(all);
        sess.copyTo(all);
        txn.copyTo(all);
        req.copyTo(all);
        res.copyTo(all);
        return Map.copyOf(all);
    }

    @Override
    public boolean isEmpty() {
        return proc.isEmpty() && sess.isEmpty() && txn.isEmpty() && req.isEmpty() && res.isEmpty();
    }

    /** Each store in turn; a name lives in its scope's store only, so none is repeated. */
    @Override
    public void forEach(BiConsumer<String, Sample> action) {
        proc.forEach(action);
        sess.forEach(action);
        txn.forEach(action);
        req.forEach(action);
        res.forEach(action);
    }
}

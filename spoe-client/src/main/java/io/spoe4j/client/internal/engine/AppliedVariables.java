package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeResult.Variable;
import io.spoe4j.client.internal.TrustedList;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The variables one operation applied, kept as (full name, value) pairs and turned into
 * {@link Variable}s on first use: most callers read the stores, not the result's list. Immutable
 * and thread-safe (a racing first use builds twice, equal elements).
 */
final class AppliedVariables extends AbstractList<Variable> implements RandomAccess, TrustedList {
    private final Object[] pairs;
    private final int size;
    private volatile Variable[] variables;

    /** {@code pairs} holds {@code size} (name, value) pairs and is not changed afterwards. */
    AppliedVariables(Object[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    @Override
    public Variable get(int index) {
        java.util.Objects.checkIndex(index, size);
        Variable[] v = variables;
        if (v == null) {
            v = new Variable[size];
            for (int i = 0; i < size; i++) {
                v[i] = new Variable((String) pairs[2 * i], (Sample) pairs[2 * i + 1]);
            }
            variables = v;
        }
        return v[index];
    }

    @Override
    public int size() {
        return size;
    }
}

package io.spoe4j.acl.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import java.util.Arrays;
import java.util.function.BiPredicate;

/**
 * A named ACL: one or more expressions (one per {@code acl} line of that name), matching when
 * any of them does. Immutable and thread-safe.
 */
public final class CompiledAcl implements Acl {

    /** One {@code acl} line: criterion plus the indexed patterns. */
    static final class Expr {
        private final CompiledSample criterion;
        private final BiPredicate<Sample, RequestAttributes> chain;

        Expr(CompiledSample criterion, Patterns patterns) {
            this.criterion = criterion;
            this.chain = criterion.chain(patterns);
        }

        boolean matches(RequestAttributes a) {
            return criterion.anyMatch(a, chain);
        }
    }

    private final String name;
    private final Expr[] exprs;
    private final Acl[] foreign;
    private final boolean needsResponse;
    private final boolean needsRequestBody;
    private final boolean needsResponseBody;

    private CompiledAcl(String name, Expr[] exprs, Acl[] foreign) {
        this.name = name;
        this.exprs = exprs;
        this.foreign = foreign;
        boolean resp = false;
        boolean reqBody = false;
        boolean respBody = false;
        for (Expr e : exprs) {
            resp |= e.criterion.needsResponse();
            reqBody |= e.criterion.needsRequestBody();
            respBody |= e.criterion.needsResponseBody();
        }
        for (Acl a : foreign) {
            resp |= a.needsResponse();
            reqBody |= a.needsRequestBody();
            respBody |= a.needsResponseBody();
        }
        this.needsResponse = resp;
        this.needsRequestBody = reqBody;
        this.needsResponseBody = respBody;
    }

    static CompiledAcl of(String name, CompiledSample criterion, Patterns patterns) {
        return new CompiledAcl(name, new Expr[] {new Expr(criterion, patterns)}, new Acl[0]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean matches(RequestAttributes attributes) {
        for (Expr e : exprs) {
            if (e.matches(attributes)) {
                return true;
            }
        }
        for (Acl a : foreign) {
            if (a.matches(attributes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Acl or(Acl other) {
        if (other instanceof CompiledAcl c) {
            Expr[] e = Arrays.copyOf(exprs, exprs.length + c.exprs.length);
            System.arraycopy(c.exprs, 0, e, exprs.length, c.exprs.length);
            Acl[] f = Arrays.copyOf(foreign, foreign.length + c.foreign.length);
            System.arraycopy(c.foreign, 0, f, foreign.length, c.foreign.length);
            return new CompiledAcl(name, e, f);
        }
        Acl[] f = Arrays.copyOf(foreign, foreign.length + 1);
        f[foreign.length] = other;
        return new CompiledAcl(name, exprs, f);
    }

    @Override
    public boolean needsResponse() {
        return needsResponse;
    }

    @Override
    public boolean needsRequestBody() {
        return needsRequestBody;
    }

    @Override
    public boolean needsResponseBody() {
        return needsResponseBody;
    }

    @Override
    public String toString() {
        return "acl " + name;
    }
}

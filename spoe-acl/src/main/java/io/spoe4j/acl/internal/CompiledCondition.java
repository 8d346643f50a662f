package io.spoe4j.acl.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;

/**
 * {@code if}/{@code unless} over ACL terms: an OR of AND-suites, each term possibly negated.
 * A term whose sample is missing does not match (so {@code !} of it holds), as in HAProxy once
 * the data is final.
 */
final class CompiledCondition implements Condition {
    private final Acl[][] suites;
    private final boolean[][] negated;
    private final boolean unless;
    private final boolean needsResponse;
    private final boolean needsRequestBody;
    private final boolean needsResponseBody;

    CompiledCondition(Acl[][] suites, boolean[][] negated, boolean unless) {
        this.suites = suites;
        this.negated = negated;
        this.unless = unless;
        boolean resp = false;
        boolean reqBody = false;
        boolean respBody = false;
        for (Acl[] suite : suites) {
            for (Acl a : suite) {
                resp |= a.needsResponse();
                reqBody |= a.needsRequestBody();
                respBody |= a.needsResponseBody();
            }
        }
        this.needsResponse = resp;
        this.needsRequestBody = reqBody;
        this.needsResponseBody = respBody;
    }

    @Override
    public boolean test(RequestAttributes attributes) {
        boolean result = false;
        for (int s = 0; s < suites.length && !result; s++) {
            Acl[] suite = suites[s];
            boolean all = true;
            for (int t = 0; t < suite.length && all; t++) {
                all = suite[t].matches(attributes) != negated[s][t];
            }
            result = all;
        }
        return result != unless;
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
}

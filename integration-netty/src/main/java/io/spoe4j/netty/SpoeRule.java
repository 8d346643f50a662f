package io.spoe4j.netty;

import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Condition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An application rule evaluated after a request's SPOE processing, on the channel's event loop:
 * it reads the request and the variables and returns a {@link Verdict}. Must not block.
 * {@code SpoeRule.haproxy("deny if { var(txn.coraza.error) -m int gt 0 }")} gives HAProxy-like rules.
 */
@FunctionalInterface
public interface SpoeRule {

    /** The verdict for this request; {@link Verdict#proceed()} lets the next rule decide. */
    Verdict evaluate(SpoeExchange exchange);

    /** {@code verdict} when {@code condition} holds on the request and its SPOE variables. */
    static SpoeRule when(Condition condition, Verdict verdict) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(verdict, "verdict");
        return exchange -> condition.test(exchange.attributes()) ? verdict : Verdict.proceed();
    }

    /**
     * An {@code http-request} action in HAProxy syntax: {@code deny [deny_status N] if|unless COND},
     * {@code redirect location URL if|unless COND} or {@code route UPSTREAM if|unless COND}. Words
     * are separated by spaces (no quoting). Throws {@link IllegalArgumentException} naming the problem
     * (or the compiler's {@code ExpressionException} for a bad condition).
     */
    static SpoeRule haproxy(String rule) {
        return haproxy(rule, AclCompiler.standard());
    }

    /** As {@link #haproxy(String)}, with the given compiler. */
    static SpoeRule haproxy(String rule, AclCompiler compiler) {
        List<String> words = Arrays.stream(rule.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty rule");
        }
        int i = 1;
        Verdict verdict;
        switch (words.get(0)) {
            case "deny" -> {
                int status = 403;
                if (words.size() > 2 && words.get(1).equals("deny_status")) {
                    try {
                        status = Integer.parseInt(words.get(2));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("deny_status needs a number, got '" + words.get(2) + "'");
                    }
                    i = 3;
                }
                verdict = Verdict.deny(status, status == 403 ? "Forbidden\n" : "Request denied\n");
            }
            case "redirect", "route" -> {
                boolean redirect = words.get(0).equals("redirect");
                if (redirect) {
                    if (words.size() < 3 || !words.get(1).equals("location")) {
                        throw new IllegalArgumentException("expected 'redirect location URL' in '" + rule + "'");
                    }
                    verdict = Verdict.redirect(words.get(2));
                    i = 3;
                } else {
                    if (words.size() < 2) {
                        throw new IllegalArgumentException("expected 'route UPSTREAM' in '" + rule + "'");
                    }
                    verdict = Verdict.route(words.get(1));
                    i = 2;
                }
            }
            default -> throw new IllegalArgumentException("unknown action '" + words.get(0)
                    + "' (expected deny, redirect or route)");
        }
        if (i == words.size()) {
            Verdict always = verdict;
            return exchange -> always;
        }
        Condition condition = compiler.condition(words.subList(i, words.size()), Map.of());
        return when(condition, verdict);
    }
}

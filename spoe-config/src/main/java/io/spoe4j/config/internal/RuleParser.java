package io.spoe4j.config.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.config.HttpAction;
import io.spoe4j.config.HttpActionRule;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.config.UseBackendRule;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one rule line of a proxy: {@code tcp-request content}, {@code tcp-response content},
 * {@code http-request}, {@code http-response}, {@code http-after-response}, {@code use_backend} and
 * {@code default_backend}, with their {@code if}/{@code unless} conditions, into a {@link ProxyRule}.
 * Actions HAProxy 2.6 does not know in a rule set are errors with its message; actions it knows
 * that spoe4j does not apply are warnings, and the line is skipped.
 */
final class RuleParser {
    /** The section a rule is read in; {@code kind} is {@code frontend}, {@code backend}, {@code listen}, {@code defaults} or {@code proxy} (Java). */
    record Scope(String kind, String name, boolean anonymousDefaults, Map<String, Acl> acls) {
        boolean frontendCapable() {
            return !kind.equals("backend");
        }
    }

    /** One rule line: its words, where the action word is, the rule set and the section. */
    record RuleLine(int n, List<Word> w, int action, RuleDirection direction, Scope scope) {
        Word word(int i) {
            return w.get(i);
        }

        /** Whether word {@code i} exists and is not empty (HAProxy treats {@code ''} as missing). */
        boolean has(int i) {
            return i < w.size() && !w.get(i).text().isEmpty();
        }

        /** Whether the arguments end before word {@code i} (no more words, or a condition starts). */
        boolean ends(int i) {
            return i >= w.size() || w.get(i).text().equals("if") || w.get(i).text().equals("unless");
        }

        String text(int i) {
            return i < w.size() ? w.get(i).text() : "";
        }

        /** {@code 'http-request deny'}, quoted, as HAProxy names a rule. */
        String what() {
            return "'" + direction.keyword() + " " + w.get(action).text() + "'";
        }

        /** HAProxy's prefix of errors found while parsing an action's arguments. */
        String prefix() {
            return "error detected in " + scope.kind() + " '" + scope.name() + "' while parsing " + what() + " rule : ";
        }
    }

    private static final Set<String> VAR_SCOPES = Set.of("proc", "sess", "txn", "req", "res");

    private final ParseContext ctx;
    private final HttpActionParser actions;

    RuleParser(ParseContext ctx, HttpActionParser actions) {
        this.ctx = ctx;
        this.actions = actions;
    }

    /** @return the rule, or null when the line was warned about and is not applied */
    ProxyRule parse(int n, List<Word> w, Scope scope) throws LineFailed {
        String kw = w.get(0).text();
        RuleDirection direction;
        int a = 1;
        switch (kw) {
            case "use_backend", "default_backend" -> {
                return backendRule(n, w, scope);
            }
            case "tcp-request", "tcp-response" -> {
                direction = tcpDirection(n, w, scope);
                if (direction == null) {
                    return null;
                }
                a = 2;
            }
            case "http-request" -> direction = RuleDirection.HTTP_REQUEST;
            case "http-response" -> direction = RuleDirection.HTTP_RESPONSE;
            case "http-after-response" -> direction = RuleDirection.HTTP_AFTER_RESPONSE;
            default -> throw new IllegalArgumentException(kw);
        }
        if (scope.kind().equals("defaults") && direction.keyword().startsWith("http")) {
            if (scope.anonymousDefaults()) {
                throw ctx.fail(n, w.get(0), "'" + kw + "' not allowed in anonymous 'defaults' section.");
            }
            ctx.warn(n, w.get(0), "'" + kw + "' rules of defaults section '" + scope.name()
                    + "' are not applied by spoe4j; ignored.");
            return null;
        }
        String action = w.size() > a ? w.get(a).text() : "";
        if (!ActionNames.known(direction, action)) {
            throw ctx.fail(n, w.size() > a ? w.get(a) : w.get(0),
                    ActionNames.unknown(direction, action, scope.kind(), scope.name()));
        }
        if (!ActionNames.applied(direction, action)) {
            ctx.warn(n, w.get(a), "'" + direction.keyword() + " " + action + "' rule is not applied by spoe4j; ignored.");
            return null;
        }
        RuleLine l = new RuleLine(n, w, a, direction, scope);
        String base = ActionNames.base(action);
        switch (base) {
            case "send-spoe-group" -> {
                return sendSpoeGroup(l);
            }
            case "set-var", "unset-var" -> {
                return setVar(l, base.equals("unset-var"));
            }
            case "set-var-fmt" -> {
                String variable = variable(l, base);
                int next = a + 1;
                LogFormat fmt = actions.format(l, next, l.text(next).equals("if") || l.text(next).equals("unless") ? ""
                        : l.text(next), l.prefix());
                if (!l.ends(next)) {
                    next++;
                }
                return actionRule(l, new HttpAction.SetVarFmt(variable, fmt), next);
            }
            default -> {
                HttpActionParser.Parsed p = actions.parse(l);
                return actionRule(l, p.action(), p.next());
            }
        }
    }

    /** {@code tcp-request content} or {@code tcp-response content}; other tcp rule sets warn and give null. */
    private RuleDirection tcpDirection(int n, List<Word> w, Scope scope) throws LineFailed {
        String kw = w.get(0).text();
        String set = w.size() > 1 ? w.get(1).text() : "";
        boolean request = kw.equals("tcp-request");
        Set<String> sets = request ? Set.of("inspect-delay", "connection", "session", "content")
                : Set.of("inspect-delay", "content");
        if (!sets.contains(set)) {
            throw ctx.fail(n, w.size() > 1 ? w.get(1) : w.get(0), "'" + kw + "' expects " + (request
                    ? "'inspect-delay', 'connection', or 'content'" : "'inspect-delay' or 'content'") + " in "
                    + scope.kind() + " '" + scope.name() + "' (got '" + set + "')");
        }
        if (!set.equals("content")) {
            ctx.warn(n, w.get(0), "'" + kw + " " + set + "' rules are not applied by spoe4j; ignored.");
            return null;
        }
        if (scope.kind().equals("defaults")) {
            if (scope.anonymousDefaults()) {
                throw ctx.fail(n, w.get(0), request ? "tcp-request content is not allowed in anonymous 'defaults' sections"
                        : "tcp-response content is only allowed in 'backend' sections or 'defaults' section with a name");
            }
            ctx.warn(n, w.get(0), "'" + kw + " content' rules of defaults section '" + scope.name()
                    + "' are not applied by spoe4j; ignored.");
            return null;
        }
        return request ? RuleDirection.TCP_REQUEST_CONTENT : RuleDirection.TCP_RESPONSE_CONTENT;
    }

    private HttpActionRule actionRule(RuleLine l, HttpAction action, int next) throws LineFailed {
        Optional<Condition> cond = condition(l, next);
        if (cond.isPresent() && !l.direction().isResponse() && cond.get().needsResponse()) {
            ctx.warn(l.n(), l.word(next), "the condition of this " + l.what() + " rule reads response data, which "
                    + l.direction().keyword() + " rules do not have: it never matches.");
        }
        return new HttpActionRule(l.scope().name(), l.direction(), action, cond, ctx.origin(l.n(), l.word(l.action())));
    }

    /** The optional {@code if|unless COND} starting at word {@code next}, the end of the rule. */
    Optional<Condition> condition(RuleLine l, int next) throws LineFailed {
        if (next >= l.w().size()) {
            return Optional.empty();
        }
        Word c = l.word(next);
        if (!c.text().equals("if") && !c.text().equals("unless")) {
            if (l.direction() == RuleDirection.TCP_REQUEST_CONTENT || l.direction() == RuleDirection.TCP_RESPONSE_CONTENT) {
                throw ctx.fail(l.n(), c, l.what() + " only accepts 'if' or 'unless', in " + l.scope().kind() + " '"
                        + l.scope().name() + "' (got '" + c.text() + "')");
            }
            throw ctx.fail(l.n(), c, l.what() + " expects either 'if' or 'unless' followed by a condition but found '"
                    + c.text() + "'.");
        }
        return Optional.of(ctx.condition(l.n(), l.w().subList(next, l.w().size()), l.scope().acls(), "an " + l.what()));
    }

    private SendSpoeGroupRule sendSpoeGroup(RuleLine l) throws LineFailed {
        int a = l.action() + 1;
        List<Word> w = l.w();
        if (w.size() < a + 2 || l.ends(a) || l.ends(a + 1)) {
            throw ctx.fail(l.n(), l.word(l.action()), "'send-spoe-group' expects 2 arguments: <engine-id> <group-id>");
        }
        Optional<Condition> cond = Optional.empty();
        if (w.size() > a + 2) {
            Word c = w.get(a + 2);
            if (!c.text().equals("if") && !c.text().equals("unless")) {
                throw ctx.fail(l.n(), c, "'send-spoe-group' expects 'if' or 'unless' after <group-id>, found '"
                        + c.text() + "'.");
            }
            cond = Optional.of(ctx.condition(l.n(), w.subList(a + 2, w.size()), l.scope().acls(), "a 'send-spoe-group'"));
        }
        return new SendSpoeGroupRule(l.scope().name(), l.direction(), w.get(a).text(), w.get(a + 1).text(), cond,
                ctx.origin(l.n(), l.word(l.action())));
    }

    /** {@code set-var(<scope>.<name>) <expr> [if|unless COND]} or {@code unset-var(<scope>.<name>) [if|unless COND]}. */
    private SetVarRule setVar(RuleLine l, boolean unset) throws LineFailed {
        String kw = unset ? "unset-var" : "set-var";
        String what = "'" + l.direction().keyword() + " " + kw + "'";
        String variable = variable(l, kw);
        Word action = l.word(l.action());
        List<Word> w = l.w();
        int next = l.action() + 1;
        Optional<SampleExpression> expr = Optional.empty();
        if (!unset) {
            if (l.ends(next)) {
                throw ctx.fail(l.n(), action, what + ": expects a sample expression after '" + action.text() + "'.");
            }
            expr = Optional.of(ctx.sample(l.n(), w.get(next), 0, w.get(next).text(), what));
            next++;
        }
        Optional<Condition> cond = Optional.empty();
        if (w.size() > next) {
            Word c = w.get(next);
            if (!c.text().equals("if") && !c.text().equals("unless")) {
                throw ctx.fail(l.n(), c, what + " expects 'if' or 'unless' after " + (unset ? "the variable" : "the expression")
                        + ", found '" + c.text() + "'.");
            }
            cond = Optional.of(ctx.condition(l.n(), w.subList(next, w.size()), l.scope().acls(), "a " + what));
        }
        return new SetVarRule(l.scope().name(), l.direction(), variable, expr, cond, ctx.origin(l.n(), action));
    }

    /** The {@code <scope>.<name>} of {@code kw(<scope>.<name>)}, checked. */
    private String variable(RuleLine l, String kw) throws LineFailed {
        Word action = l.word(l.action());
        int n = l.n();
        String what = "'" + l.direction().keyword() + " " + kw + "'";
        String t = action.text();
        if (!t.endsWith(")")) {
            throw ctx.fail(n, action, what + ": missing ')' after the variable name in '" + t + "'.");
        }
        String variable = t.substring(kw.length() + 1, t.length() - 1);
        int column = kw.length() + 1;
        int comma = variable.indexOf(',');
        if (comma >= 0) {
            ctx.error(n, action.column() + column + comma, what + ": set-var conditions ('"
                    + variable.substring(comma + 1) + "') are not supported by spoe4j.");
            throw new LineFailed();
        }
        int dot = variable.indexOf('.');
        String scope = dot < 0 ? variable : variable.substring(0, dot);
        if (!VAR_SCOPES.contains(scope)) {
            ctx.error(n, action.column() + column, what + ": invalid variable name '" + variable
                    + "'. Only 'proc', 'sess', 'txn', 'req' and 'res' scopes are available.");
            throw new LineFailed();
        }
        String name = variable.substring(dot + 1);
        if (name.isEmpty()) {
            ctx.error(n, action.column() + column, what + ": missing variable name after '" + scope + ".'.");
            throw new LineFailed();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.'))) {
                ctx.error(n, action.column() + column + dot + 1 + i, what + ": invalid character '" + c
                        + "' in variable name '" + variable + "' (expected letters, digits, '_' or '.').");
                throw new LineFailed();
            }
        }
        return variable;
    }

    /** {@code use_backend <name> [if|unless COND]} and {@code default_backend <name>}, HAProxy's messages. */
    private UseBackendRule backendRule(int n, List<Word> w, Scope scope) throws LineFailed {
        String kw = w.get(0).text();
        boolean isDefault = kw.equals("default_backend");
        if (!isDefault && scope.kind().equals("defaults")) {
            throw ctx.fail(n, w.get(0), "'use_backend' not allowed in 'defaults' section.");
        }
        if (!scope.frontendCapable()) {
            ctx.warn(n, w.get(0), "'" + kw + "' ignored because backend '" + scope.name() + "' has no frontend capability.");
            return null;
        }
        if (w.size() < 2 || w.get(1).text().isEmpty()) {
            throw ctx.fail(n, w.get(0), "'" + kw + "' expects a backend name.");
        }
        Word name = w.get(1);
        RuleLine l = new RuleLine(n, w, 0, RuleDirection.HTTP_REQUEST, scope);
        if (isDefault) {
            ctx.maxArgs(n, w, 2);
            LogFormat constant = actions.format(l, 1, name.text().replace("%", "%%"), "");
            return new UseBackendRule(scope.name(), constant, true, Optional.empty(), ctx.origin(n, name));
        }
        LogFormat format = actions.format(l, 1, name.text(), "failed to parse use_backend rule '" + name.text() + "' : ");
        Optional<Condition> cond = Optional.empty();
        if (w.size() > 2) {
            Word c = w.get(2);
            if (!c.text().equals("if") && !c.text().equals("unless")) {
                throw ctx.fail(n, c, "unexpected keyword '" + c.text()
                        + "' after switching rule, only 'if' and 'unless' are allowed.");
            }
            cond = Optional.of(ctx.conditionWithPrefix(n, w.subList(2, w.size()), scope.acls(),
                    "error detected while parsing switching rule : "));
            if (cond.get().needsResponse()) {
                ctx.warn(n, c, "the condition of this 'use_backend' rule reads response data, which is not available"
                        + " when a backend is chosen: it never matches.");
            }
        }
        return new UseBackendRule(scope.name(), format, false, cond, ctx.origin(n, name));
    }
}

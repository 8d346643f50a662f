package io.spoe4j.config.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.config.ConfigError;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.SetVarRule;
import io.spoe4j.config.SpoeConfigException;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One rule written in Java as haproxy.cfg text ({@code http-request deny deny_status 403 if { ... }}),
 * parsed by the same code as the file's rules. Its proxy is {@link #PROXY}; its origin is
 * {@code <java>:1:column}. What a file would only warn about (an action spoe4j does not apply, an
 * ignored argument) is an error here: the rule was asked for explicitly.
 */
public final class RuleText {
    /** The proxy name of rules parsed from Java text. */
    public static final String PROXY = "<java>";

    private static final Set<String> RULE_KEYWORDS = Set.of("http-request", "http-response", "http-after-response",
            "tcp-request", "tcp-response", "use_backend", "default_backend");

    private RuleText() {
    }

    /**
     * @param baseDirectory where relative {@code file}/{@code lf-file}/{@code errorfile} paths are
     *     resolved; null for the working directory
     * @throws SpoeConfigException with a caret under the offending word
     */
    public static ProxyRule parse(String text, Map<String, Acl> acls, AclCompiler compiler, UnaryOperator<String> env,
            int tuneBufsize, Path baseDirectory) {
        ParseContext ctx = new ParseContext(PROXY, compiler, env);
        HttpReplyParser replies = new HttpReplyParser(ctx, baseDirectory, () -> tuneBufsize);
        RuleParser parser = new RuleParser(ctx, new HttpActionParser(ctx, replies));
        ProxyRule rule = null;
        try {
            List<Word> w = ctx.words(1, text);
            if (w.isEmpty() || !RULE_KEYWORDS.contains(w.get(0).text())) {
                ctx.error(1, w.isEmpty() ? 1 : w.get(0).column(), "expected a rule starting with http-request, "
                        + "http-response, http-after-response, tcp-request content, tcp-response content, use_backend or"
                        + " default_backend" + (w.isEmpty() ? "" : " (got '" + w.get(0).text() + "')") + ".");
            } else {
                rule = parser.parse(1, w, new RuleParser.Scope("proxy", PROXY, false, Map.copyOf(acls)));
            }
        } catch (LineFailed e) {
            // recorded
        }
        for (ConfigWarning warning : ctx.warnings) {
            ctx.error(1, Math.max(1, warning.origin().column()), warning.message());
        }
        if (rule instanceof SetVarRule v && ctx.errors.isEmpty()) {
            try {
                SpoeSetup.builder().rule(v).build();
            } catch (SpoeConfigException e) {
                ctx.addAll(e);
            }
        }
        if (!ctx.errors.isEmpty()) {
            throw new SpoeConfigException(ctx.errors);
        }
        if (rule == null) {
            throw new SpoeConfigException(List.of(new ConfigError(ctx.origin(1, 1), "the rule was not parsed.", text)));
        }
        return rule;
    }
}

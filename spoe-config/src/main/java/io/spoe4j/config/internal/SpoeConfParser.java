package io.spoe4j.config.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.config.ConfigError;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.MessageArg;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.NameRef;
import io.spoe4j.config.Origin;
import io.spoe4j.config.SpoeConfigException;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Parses a {@code spoe.conf} the way {@code flt_spoe.c} does: scopes, then the {@code spoe-agent},
 * {@code spoe-message} and {@code spoe-group} sections of the selected scope, and finally hands
 * everything to {@link EngineConfig.Builder} for the cross-checks.
 */
public final class SpoeConfParser {
    private static final List<String> EVENTS = Arrays.stream(SpoeEvent.values()).map(SpoeEvent::keyword).toList();

    private final ParseContext ctx;
    private final String text;
    private final String engine;

    private AgentSection agent;
    private MessageState message;
    private GroupState group;
    private final List<MessageState> messages = new ArrayList<>();
    private final List<GroupState> groups = new ArrayList<>();
    private boolean scopeFound;
    /** The scopes the file declares, in file order: named in the error when none was selected. */
    private final Set<String> declaredScopes = new LinkedHashSet<>();
    private boolean inAgent;
    private final int tuneBufsize;
    /** Lines of a section whose header failed are skipped, and no cross-check runs, as HAProxy aborts there. */
    private boolean skipping;
    private boolean aborted;

    private static final class MessageState {
        String name;
        MessageConfig.Builder builder;
        final Map<String, Acl> acls = new LinkedHashMap<>();
        SpoeEvent event;
        Origin eventOrigin;
        int eventLine;
        List<Word> condition;
    }

    private static final class GroupState {
        String name;
        Origin origin;
        final List<NameRef> messages = new ArrayList<>();
    }

    public SpoeConfParser(String file, String text, String engine, AclCompiler compiler, UnaryOperator<String> env,
            int tuneBufsize) {
        this.ctx = new ParseContext(file, compiler, env);
        this.text = text;
        this.engine = engine;
        this.tuneBufsize = tuneBufsize;
    }

    /** @throws SpoeConfigException with every error found */
    public EngineConfig parse() {
        List<Tokenizer.Line> lines = Tokenizer.lines(text);
        List<String> sectionNames = sectionNames(lines);
        List<List<Word>> words = ctx.tokenize(lines, sectionNames);
        String scope = null;
        ConditionalBlocks blocks = new ConditionalBlocks(ctx, ctx.env);
        for (int i = 0; i < lines.size(); i++) {
            Tokenizer.Line line = lines.get(i);
            try {
                if (blocks.handle(line.number(), words.get(i)) || !blocks.active()) {
                    continue;
                }
            } catch (LineFailed e) {
                continue;
            }
            String trimmed = line.text().strip();
            if (trimmed.startsWith("[")) {
                scope = scope(line);
                finishSection();
                if (scope != null && scope.equals(engine)) {
                    scopeFound = true;
                }
                if (scope != null && !scope.isEmpty()) {
                    declaredScopes.add(scope);
                }
                continue;
            }
            boolean active = engine == null ? scope == null : engine.equals(scope);
            if (!active || words.get(i).isEmpty()) {
                continue;
            }
            try {
                line(line.number(), words.get(i));
            } catch (LineFailed e) {
                // recorded; go on with the next line to report every error at once
            }
        }
        blocks.finish();
        finishSection();
        ctx.sortByLine();
        EngineConfig result = null;
        if (agent == null && !aborted) {
            ctx.errors.add(new ConfigError(new Origin(ctx.file, 0, 0), noAgentMessage(), ""));
        } else if (agent != null && !aborted) {
            result = build();
        }
        if (!ctx.errors.isEmpty()) {
            throw new SpoeConfigException(ctx.errors);
        }
        return result;
    }

    /**
     * HAProxy's "No SPOE agent found in file F." plus what to do about it: a scoped file read
     * without an engine name only ever gets this error, so it names the scopes and how to pick one.
     */
    private String noAgentMessage() {
        String base = "No SPOE agent found in file " + ctx.file;
        String scopes = declaredScopes.stream().map(n -> "[" + n + "]").collect(Collectors.joining(", "));
        if (engine == null) {
            if (declaredScopes.isEmpty()) {
                return base + ".";
            }
            String first = declaredScopes.iterator().next();
            return base + " outside a scope. The file declares scope" + (declaredScopes.size() > 1 ? "s " : " ")
                    + scopes + ": give the engine name, e.g. --engine " + first
                    + ", SpoeConfigReader.readSpoeConf(path, \"" + first + "\") or 'filter spoe engine " + first
                    + " config ...' in haproxy.cfg.";
        }
        if (scopeFound) {
            return base + " for engine '" + engine + "'.";
        }
        return base + " for engine '" + engine + "' (no scope [" + engine + "] in the file; "
                + (declaredScopes.isEmpty() ? "it declares no scope: leave the engine name out)."
                        : "it declares " + scopes + ").");
    }

    private List<String> sectionNames(List<Tokenizer.Line> lines) {
        List<String> names = new ArrayList<>(lines.size());
        String current = null;
        for (Tokenizer.Line l : lines) {
            String t = l.text().strip();
            for (String kw : List.of("spoe-agent", "spoe-message", "spoe-group")) {
                if (t.startsWith(kw) && (t.length() == kw.length() || Character.isWhitespace(t.charAt(kw.length())))) {
                    current = kw;
                }
            }
            names.add(current);
        }
        return names;
    }

    private String scope(Tokenizer.Line line) {
        String t = line.text();
        int open = t.indexOf('[');
        int close = t.indexOf(']', open);
        if (close < 0) {
            ctx.error(line.number(), open + 1, "missing ']' at the end of the scope name.");
            return "";
        }
        String rest = t.substring(close + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            ctx.error(line.number(), t.indexOf(rest, close + 1) + 1, "unexpected text after the scope name: '" + rest + "'.");
        }
        String name = t.substring(open + 1, close).strip();
        if (name.isEmpty()) {
            ctx.error(line.number(), open + 2, "empty scope name.");
        }
        return name;
    }

    private void line(int n, List<Word> w) throws LineFailed {
        if (ctx.directive(n, w)) {
            return;
        }
        String kw = w.get(0).text();
        switch (kw) {
            case "spoe-agent" -> startAgent(n, w);
            case "spoe-message" -> startMessage(n, w);
            case "spoe-group" -> startGroup(n, w);
            default -> {
                if (skipping) {
                    return;
                } else if (message != null) {
                    messageKeyword(n, w);
                } else if (group != null) {
                    groupKeyword(n, w);
                } else if (inAgent) {
                    agent.keyword(n, w);
                } else {
                    throw ctx.fail(n, w.get(0), "unknown keyword '" + kw + "' out of section.");
                }
            }
        }
    }

    private void finishSection() {
        if (message != null) {
            finishMessage(message);
            messages.add(message);
        }
        if (group != null) {
            groups.add(group);
        }
        message = null;
        group = null;
        inAgent = false;
        skipping = false;
    }

    private String sectionName(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        try {
            if (w.size() < 2 || w.get(1).text().isEmpty()) {
                throw ctx.fail(n, w.get(0), "missing name for " + kw + " section.");
            }
            ctx.maxArgs(n, w, 2);
            return w.get(1).text();
        } catch (LineFailed e) {
            skipping = true;
            aborted = true;
            throw e;
        }
    }

    private void startAgent(int n, List<Word> w) throws LineFailed {
        finishSection();
        if (agent != null) {
            skipping = true;
            throw ctx.fail(n, w.get(0), "another spoe-agent section previously defined at " + agent.origin + ".");
        }
        String name = sectionName(n, w);
        agent = new AgentSection(ctx, name, ctx.origin(n, w.get(1)), tuneBufsize);
        inAgent = true;
    }

    private void startMessage(int n, List<Word> w) throws LineFailed {
        finishSection();
        String name = sectionName(n, w);
        message = new MessageState();
        message.name = name;
        message.builder = MessageConfig.builder(name).origin(ctx.origin(n, w.get(1)));
    }

    private void startGroup(int n, List<Word> w) throws LineFailed {
        finishSection();
        String name = sectionName(n, w);
        group = new GroupState();
        group.name = name;
        group.origin = ctx.origin(n, w.get(1));
    }

    private void messageKeyword(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        switch (kw) {
            case "args" -> {
                for (Word word : w.subList(1, w.size())) {
                    arg(n, word);
                }
            }
            case "acl" -> {
                if (w.size() < 2) {
                    throw ctx.fail(n, w.get(0), "'acl' expects an ACL name.");
                }
                Word name = w.get(1);
                int bad = invalidChar(name.text());
                if (bad >= 0) {
                    ctx.error(n, name.column() + bad, "character '" + name.text().charAt(bad)
                            + "' is not permitted in acl name '" + name.text() + "'.");
                    throw new LineFailed();
                }
                if (name.text().equalsIgnoreCase("or")) {
                    throw ctx.fail(n, name, "acl name 'or' is reserved and cannot be used as an ACL name.");
                }
                Acl acl = ctx.acl(n, name.text(), w.subList(2, w.size()));
                message.acls.merge(name.text(), acl, Acl::or);
                message.builder.acl(acl);
            }
            case "event" -> event(n, w);
            default -> ctx.warn(n, w.get(0), "unknown keyword '" + kw
                    + "' in spoe-message section is ignored (HAProxy ignores it too).");
        }
    }

    private void arg(int n, Word word) throws LineFailed {
        String t = word.text();
        int eq = t.indexOf('=');
        String name = "";
        int exprStart = 0;
        if (eq >= 0 && isArgName(t.substring(0, eq))) {
            name = t.substring(0, eq);
            exprStart = eq + 1;
        }
        String expr = t.substring(exprStart);
        if (expr.isEmpty()) {
            ctx.error(n, word.column() + exprStart, "'args': missing sample expression after '" + name + "='.");
            throw new LineFailed();
        }
        SampleExpression e = ctx.sample(n, word, exprStart, expr, "'args'");
        message.builder.arg(new MessageArg(name, e, ctx.origin(n, word)));
    }

    /** A plain identifier: what HAProxy's arg names look like, and never a part of an expression. */
    private static boolean isArgName(String s) {
        if (s.isEmpty()) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private void event(int n, List<Word> w) throws LineFailed {
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "missing event name.");
        }
        Word ev = w.get(1);
        SpoeEvent event = SpoeEvent.fromKeyword(ev.text()).orElse(null);
        if (event == null) {
            throw ctx.fail(n, ev, "unknown event '" + ev.text() + "' (expected " + String.join(", ", EVENTS) + ").");
        }
        List<Word> cond = null;
        if (w.size() > 2) {
            String c = w.get(2).text();
            if (!c.equals("if") && !c.equals("unless")) {
                throw ctx.fail(n, w.get(2), "'event " + ev.text() + "' expects either 'if' or 'unless' followed by a "
                        + "condition but found '" + c + "'.");
            }
            cond = List.copyOf(w.subList(2, w.size()));
        }
        message.event = event;
        message.eventOrigin = ctx.origin(n, ev);
        message.eventLine = n;
        message.condition = cond;
    }

    private void finishMessage(MessageState m) {
        Condition condition = null;
        if (m.condition != null) {
            try {
                condition = ctx.condition(m.eventLine, m.condition, m.acls, "an 'event " + m.event.keyword() + "'");
            } catch (LineFailed e) {
                condition = null;
            }
        }
        if (m.event != null) {
            m.builder.event(m.event, condition, m.eventOrigin);
        }
    }

    private void groupKeyword(int n, List<Word> w) throws LineFailed {
        String kw = w.get(0).text();
        if (!kw.equals("messages")) {
            throw ctx.fail(n, w.get(0), "unknown keyword '" + kw + "' in spoe-group section.");
        }
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'messages' expects one or more message names.");
        }
        for (Word name : w.subList(1, w.size())) {
            group.messages.add(new NameRef(name.text(), ctx.origin(n, name)));
        }
    }

    private EngineConfig build() {
        EngineConfig.Builder b = EngineConfig.builder(agent.name).origin(agent.origin);
        if (engine != null) {
            b.engineName(engine);
        }
        if (agent.varPrefix != null) {
            b.varPrefix(agent.varPrefix, agent.varPrefixOrigin);
        }
        b.options(agent.options.build()).agentOptions(agent.agentOptions.build())
                .poolOptions(agent.poolOptions.build()).useBackend(agent.useBackend);
        agent.logs.forEach(b::log);
        // references to a message that failed its own checks are dropped: its error is already reported
        java.util.Set<String> failed = new java.util.HashSet<>();
        for (MessageState m : messages) {
            try {
                b.defineMessage(m.builder.build());
            } catch (SpoeConfigException e) {
                ctx.addAll(e);
                failed.add(m.name);
            }
        }
        for (GroupState g : groups) {
            b.defineGroup(g.name, g.origin, g.messages.stream().filter(r -> !failed.contains(r.name())).toList());
        }
        agent.messages.stream().filter(r -> !failed.contains(r.name())).forEach(b::useMessage);
        agent.groups.forEach(b::useGroup);
        for (ConfigWarning warning : ctx.warnings) {
            b.warning(warning);
        }
        try {
            return b.build();
        } catch (SpoeConfigException e) {
            ctx.addAll(e);
            return null;
        }
    }

    private static int invalidChar(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_' || c == ':')) {
                return i;
            }
        }
        return -1;
    }
}

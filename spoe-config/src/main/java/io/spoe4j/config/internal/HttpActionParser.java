package io.spoe4j.config.internal;

import io.spoe4j.acl.ExpressionException;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.config.HttpAction;
import io.spoe4j.config.HttpAction.NameMatch;
import io.spoe4j.config.HttpAction.RedirectType;
import io.spoe4j.config.HttpAction.RequestLinePart;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.RuleParser.RuleLine;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the arguments of the HTTP actions spoe4j applies (everything but {@code send-spoe-group}
 * and the variable actions), as HAProxy 2.6's action parsers do, with their messages. Replies
 * ({@code deny}, {@code return}, {@code tarpit}) are parsed by {@link HttpReplyParser}.
 */
final class HttpActionParser {
    /** An action and the index of the first word after its arguments. */
    record Parsed(HttpAction action, int next) {
    }

    private static final long MAX_SIZE = 0xFFFF_FFFFL;

    private final ParseContext ctx;
    private final HttpReplyParser replies;

    HttpActionParser(ParseContext ctx, HttpReplyParser replies) {
        this.ctx = ctx;
        this.replies = replies;
        replies.formats(this);
    }

    Parsed parse(RuleLine l) throws LineFailed {
        String action = l.text(l.action());
        if (action.startsWith("lua.")) {
            return lua(l, action.substring(4));
        }
        return switch (action) {
            case "deny", "tarpit", "return" -> replies.parse(l);
            case "redirect" -> redirect(l);
            case "set-header", "add-header" -> setHeader(l, action.equals("add-header"));
            case "del-header" -> delHeader(l);
            case "replace-header", "replace-value" -> replaceHeader(l, action.equals("replace-value"));
            case "set-path", "set-pathq", "set-query", "set-uri", "set-method" -> setRequestLine(l,
                    RequestLinePart.valueOf(action.substring(4).toUpperCase(Locale.ROOT)));
            case "set-status" -> setStatus(l);
            case "silent-drop" -> new Parsed(new HttpAction.SilentDrop(), l.action() + 1);
            case "wait-for-body" -> waitForBody(l);
            case "accept", "reject" -> new Parsed(new HttpAction.TcpContent(action.equals("accept")), l.action() + 1);
            default -> throw new IllegalStateException("no parser for '" + action + "'");
        };
    }

    LineFailed fail(RuleLine l, Word at, String message) {
        return ctx.fail(l.n(), at, l.prefix() + message + ".");
    }

    /**
     * Compiles the log-format {@code text} of word {@code index} (columns of errors point inside
     * it; a missing word reads as an empty format). Request-side rule sets may not read the response.
     */
    LogFormat format(RuleLine l, int index, String text, String prefix) throws LineFailed {
        return format(l, index < l.w().size() ? l.word(index) : l.word(l.w().size() - 1), text, prefix, true);
    }

    /**
     * Compiles {@code text}, read from {@code word} ({@code inWord}: errors point at their offset in
     * the word, else at the word and name the offset).
     */
    LogFormat format(RuleLine l, Word word, String text, String prefix, boolean inWord) throws LineFailed {
        LogFormat f;
        try {
            f = LogFormat.parse(text, ctx.compiler);
        } catch (ExpressionException e) {
            ctx.error(l.n(), inWord ? ctx.column(l.n(), word, e.offset()) : word.column(), prefix
                    + (inWord ? "" : "at offset " + e.offset() + ": ") + e.reason() + ".");
            throw new LineFailed();
        }
        if (!l.direction().isResponse()) {
            int[] found = f.responseSample();
            if (found != null) {
                ctx.error(l.n(), inWord ? ctx.column(l.n(), word, found[0]) : word.column(), prefix + "sample fetch <"
                        + text.substring(found[0], found[1]) + "> may not be reliably used here because it needs the"
                        + " response, which is not available here.");
                throw new LineFailed();
            }
        }
        return f;
    }

    /** {@code redirect location|prefix|scheme <fmt> [code <c>] [drop-query] [append-slash] [set-cookie ..] [clear-cookie ..] [ignore-empty]}. */
    private Parsed redirect(RuleLine l) throws LineFailed {
        RedirectType type = null;
        int target = -1;
        int code = 302;
        boolean dropQuery = false;
        boolean appendSlash = false;
        boolean ignoreEmpty = false;
        Optional<String> setCookie = Optional.empty();
        Optional<String> clearCookie = Optional.empty();
        int i = l.action() + 1;
        while (!l.ends(i)) {
            Word k = l.word(i);
            switch (k.text()) {
                case "location", "prefix", "scheme", "set-cookie", "clear-cookie", "code" -> {
                    if (!l.has(i + 1)) {
                        throw fail(l, k, "missing argument for '" + k.text() + "'");
                    }
                    String v = l.text(i + 1);
                    switch (k.text()) {
                        case "set-cookie" -> {
                            setCookie = Optional.of(v);
                            clearCookie = Optional.empty();
                        }
                        case "clear-cookie" -> {
                            clearCookie = Optional.of(v);
                            setCookie = Optional.empty();
                        }
                        case "code" -> {
                            long c = Errorfiles.atol(v);
                            if (c != 301 && c != 302 && c != 303 && c != 307 && c != 308) {
                                throw fail(l, l.word(i + 1), "'code': unsupported HTTP code '" + v
                                        + "' (must be one of 301, 302, 303, 307 or 308)");
                            }
                            code = (int) c;
                        }
                        default -> {
                            type = RedirectType.valueOf(k.text().toUpperCase(Locale.ROOT));
                            target = i + 1;
                        }
                    }
                    i += 2;
                }
                case "drop-query" -> {
                    dropQuery = true;
                    i++;
                }
                case "append-slash" -> {
                    appendSlash = true;
                    i++;
                }
                case "ignore-empty" -> {
                    ignoreEmpty = true;
                    i++;
                }
                default -> throw fail(l, k, "expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', "
                        + "'clear-cookie', 'drop-query', 'ignore-empty' or 'append-slash' (was '" + k.text() + "')");
            }
        }
        if (type == null) {
            throw fail(l, l.word(l.action()), "redirection type expected ('prefix', 'location', or 'scheme')");
        }
        LogFormat fmt = format(l, target, l.text(target), l.prefix());
        return new Parsed(new HttpAction.Redirect(type, fmt, code, dropQuery, appendSlash, setCookie, clearCookie,
                ignoreEmpty), i);
    }

    /** {@code set-header|add-header <name> <fmt>}. */
    private Parsed setHeader(RuleLine l, boolean add) throws LineFailed {
        int a = l.action();
        if (!l.has(a + 1) || !l.has(a + 2)) {
            throw fail(l, l.word(a), "expects exactly 2 arguments");
        }
        LogFormat value = format(l, a + 2, l.text(a + 2), l.prefix());
        return new Parsed(new HttpAction.SetHeader(l.text(a + 1), value, add), a + 3);
    }

    /** {@code del-header <name> [-m str|beg|end|sub|reg]}. */
    private Parsed delHeader(RuleLine l) throws LineFailed {
        int a = l.action();
        if (!l.has(a + 1)) {
            throw fail(l, l.word(a), "expects at least 1 argument");
        }
        String name = l.text(a + 1);
        NameMatch match = NameMatch.STR;
        Optional<Pattern> regex = Optional.empty();
        int next = a + 2;
        if (l.text(next).equals("-m")) {
            if (!l.has(next + 1)) {
                throw fail(l, l.word(next), "-m flag expects exactly 1 argument");
            }
            String m = l.text(next + 1);
            switch (m) {
                case "str", "beg", "end", "sub", "reg" -> match = NameMatch.valueOf(m.toUpperCase(Locale.ROOT));
                default -> throw fail(l, l.word(next + 1), "-m with unsupported matching method '" + m + "'");
            }
            if (match == NameMatch.REG) {
                regex = Optional.of(regex(l, a + 1));
            }
            next += 2;
        }
        return new Parsed(new HttpAction.DelHeader(name, match, regex), next);
    }

    /** {@code replace-header|replace-value <name> <regex> <fmt>}. */
    private Parsed replaceHeader(RuleLine l, boolean eachValue) throws LineFailed {
        int a = l.action();
        if (!l.has(a + 1) || !l.has(a + 2) || !l.has(a + 3)) {
            throw fail(l, l.word(a), "expects exactly 3 arguments");
        }
        Pattern regex = regex(l, a + 2);
        LogFormat replacement = format(l, a + 3, l.text(a + 3), l.prefix());
        return new Parsed(new HttpAction.ReplaceHeader(l.text(a + 1), regex, replacement, eachValue), a + 4);
    }

    private Pattern regex(RuleLine l, int index) throws LineFailed {
        String text = l.text(index);
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            int at = Math.max(0, Math.min(e.getIndex(), text.length()));
            ctx.error(l.n(), ctx.column(l.n(), l.word(index), at), l.prefix() + "regex '" + text
                    + "' is invalid (error=" + e.getDescription() + ", erroffset=" + at + ").");
            throw new LineFailed();
        }
    }

    /** {@code set-path|set-pathq|set-query|set-uri|set-method <fmt>}. */
    private Parsed setRequestLine(RuleLine l, RequestLinePart part) throws LineFailed {
        int a = l.action();
        if (!l.has(a + 1) || !l.ends(a + 2)) {
            throw fail(l, l.has(a + 1) ? l.word(a + 2) : l.word(a), "expects exactly 1 argument <format>");
        }
        LogFormat value = format(l, a + 1, l.text(a + 1), l.prefix());
        return new Parsed(new HttpAction.SetRequestLine(part, value), a + 2);
    }

    /** {@code set-status <code> [reason <str>]}. */
    private Parsed setStatus(RuleLine l) throws LineFailed {
        int a = l.action();
        if (!l.has(a + 1)) {
            throw fail(l, l.word(a), "expects 1 argument: <status>; or 3 arguments: <status> reason <fmt>");
        }
        String t = l.text(a + 1);
        int status = t.matches("[0-9]{1,4}") ? Integer.parseInt(t) : -1;
        if (status < 100 || status > 999) {
            throw fail(l, l.word(a + 1), "expects an integer status code between 100 and 999");
        }
        Optional<String> reason = Optional.empty();
        int next = a + 2;
        if (l.text(next).equals("reason") && l.has(next + 1)) {
            reason = Optional.of(l.text(next + 1));
            next += 2;
        }
        return new Parsed(new HttpAction.SetStatus(status, reason), next);
    }

    /** {@code wait-for-body time <time> [at-least <bytes>]}. */
    private Parsed waitForBody(RuleLine l) throws LineFailed {
        int a = l.action();
        Duration time = null;
        long atLeast = 0;
        int i = a + 1;
        if (!l.text(i).equals("time") && !l.text(i).equals("at-least")) {
            throw fail(l, l.word(a), "expects time <time> [ at-least <bytes> ]");
        }
        while (l.text(i).equals("time") || l.text(i).equals("at-least")) {
            Word k = l.word(i);
            if (!l.has(i + 1)) {
                throw fail(l, k, "missing argument for '" + k.text() + "'");
            }
            if (k.text().equals("time")) {
                time = time(l, l.word(i + 1));
            } else {
                atLeast = size(l, l.word(i + 1));
            }
            i += 2;
        }
        if (time == null) {
            throw fail(l, l.word(a), "expects time <time> [ at-least <bytes> ]");
        }
        return new Parsed(new HttpAction.WaitForBody(time, atLeast), i);
    }

    /** HAProxy's {@code parse_time_err} with milliseconds by default. */
    private Duration time(RuleLine l, Word w) throws LineFailed {
        String t = w.text();
        int i = 0;
        long value = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            value = Math.min(value * 10 + (t.charAt(i++) - '0'), Long.MAX_VALUE / 1_000_000_000L);
        }
        String unit = t.substring(i);
        long micros = switch (unit) {
            case "us" -> 1;
            case "", "ms" -> 1_000;
            case "s" -> 1_000_000;
            case "m" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            case "d" -> 86_400_000_000L;
            default -> -1;
        };
        if (micros < 0 || i == 0) {
            int bad = 0;
            if (i > 0) {
                bad = i + (unit.startsWith("us") || unit.startsWith("ms") ? 2
                        : unit.isEmpty() || "smhd".indexOf(unit.charAt(0)) < 0 ? 0 : 1);
            }
            bad = Math.min(bad, t.length() - 1);
            ctx.error(l.n(), ctx.column(l.n(), w, bad), l.prefix() + "unexpected character '" + t.charAt(bad) + "'.");
            throw new LineFailed();
        }
        long millis = value * micros / 1000;
        if (millis > Integer.MAX_VALUE) {
            throw fail(l, w, "time overflow (maximum value is 2147483647 ms or ~24.8 days)");
        }
        return Duration.ofMillis(millis);
    }

    /** HAProxy's {@code parse_size_err}: digits and an optional k, m or g (powers of 1024), at most 2^32-1. */
    private long size(RuleLine l, Word w) throws LineFailed {
        String t = w.text();
        long value = 0;
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            value = value * 10 + (t.charAt(i) - '0');
            if (value > MAX_SIZE) {
                break;
            }
            i++;
        }
        if (i < t.length() && value <= MAX_SIZE && i > 0) {
            long mult = switch (t.charAt(i)) {
                case 'k', 'K' -> 1L << 10;
                case 'm', 'M' -> 1L << 20;
                case 'g', 'G' -> 1L << 30;
                default -> 0;
            };
            if (mult > 0 && value * mult <= MAX_SIZE) {
                value *= mult;
                i++;
            }
        }
        if (i == 0 || i < t.length() || value > MAX_SIZE) {
            int bad = Math.min(i, t.length() - 1);
            ctx.error(l.n(), ctx.column(l.n(), w, bad), l.prefix() + "unexpected character '" + t.charAt(bad) + "'.");
            throw new LineFailed();
        }
        return value;
    }

    /** {@code lua.<name> [args...]}: the arguments are the words up to {@code if}/{@code unless}. */
    private Parsed lua(RuleLine l, String name) {
        List<String> args = new ArrayList<>();
        int i = l.action() + 1;
        while (!l.ends(i)) {
            args.add(l.text(i++));
        }
        return new Parsed(new HttpAction.Lua(name, args), i);
    }
}

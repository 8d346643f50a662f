package io.spoe4j.config.internal;

import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * HAProxy's {@code .if / .elif / .else / .endif} blocks. Conditions combine terms with {@code &&},
 * {@code ||}, {@code !} and parentheses; a term is a number (non-zero is true) or one of the
 * predicates spoe4j can answer: {@code defined(VAR)}, {@code streq(a,b)}, {@code strneq(a,b)},
 * {@code strstr(a,b)}. Predicates about the HAProxy binary ({@code feature}, {@code version_atleast}
 * ...) are reported as errors: spoe4j cannot know what a given HAProxy would answer.
 */
final class ConditionalBlocks {
    private record Block(int line, boolean parentActive, boolean taken, boolean active, boolean seenElse) {
    }

    private final ParseContext ctx;
    private final UnaryOperator<String> env;
    private final Deque<Block> stack = new ArrayDeque<>();

    ConditionalBlocks(ParseContext ctx, UnaryOperator<String> env) {
        this.ctx = ctx;
        this.env = env;
    }

    boolean active() {
        return stack.isEmpty() || stack.peek().active();
    }

    /** @return true when the line was a conditional directive (consumed) */
    boolean handle(int n, List<Word> w) throws LineFailed {
        if (w.isEmpty()) {
            return false;
        }
        Word kw = w.get(0);
        switch (kw.text()) {
            case ".if" -> {
                boolean parent = active();
                // a condition that fails to evaluate still opens its block, so its .endif matches
                stack.push(new Block(n, parent, true, false, false));
                boolean cond = parent && eval(n, w);
                stack.pop();
                stack.push(new Block(n, parent, cond, cond, false));
            }
            case ".elif" -> {
                Block b = top(n, kw);
                if (b.seenElse()) {
                    throw ctx.fail(n, kw, "'.elif' after '.else' of the '.if' at line " + b.line() + ".");
                }
                stack.pop();
                stack.push(new Block(b.line(), b.parentActive(), true, false, false));
                boolean cond = b.parentActive() && !b.taken() && eval(n, w);
                stack.pop();
                stack.push(new Block(b.line(), b.parentActive(), b.taken() || cond, cond, false));
            }
            case ".else" -> {
                Block b = top(n, kw);
                if (b.seenElse()) {
                    throw ctx.fail(n, kw, "'.else' already seen for the '.if' at line " + b.line() + ".");
                }
                stack.pop();
                stack.push(new Block(b.line(), b.parentActive(), true, b.parentActive() && !b.taken(), true));
            }
            case ".endif" -> {
                top(n, kw);
                stack.pop();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Reports blocks left open at the end of the file. */
    void finish() {
        for (Block b : stack) {
            ctx.error(b.line(), 1, "'.if' block is not closed by '.endif' at end of file.");
        }
        stack.clear();
    }

    private Block top(int n, Word kw) throws LineFailed {
        if (stack.isEmpty()) {
            throw ctx.fail(n, kw, "'" + kw.text() + "' without a matching '.if'.");
        }
        return stack.peek();
    }

    private boolean eval(int n, List<Word> w) throws LineFailed {
        if (w.size() < 2) {
            return false;
        }
        String text = String.join(" ", ParseContext.texts(w.subList(1, w.size())));
        Expr e = new Expr(text);
        try {
            boolean result = e.or(0);
            e.skipBlanks();
            if (e.pos < text.length()) {
                throw new IllegalArgumentException("unexpected character '" + text.charAt(e.pos)
                        + "' at the end of conditional expression '" + text + "'");
            }
            return result;
        } catch (IllegalArgumentException ex) {
            ctx.error(n, w.get(1).column() + Math.min(e.pos, w.get(1).text().length()), ex.getMessage() + ".");
            throw new LineFailed();
        }
    }

    /** A recursive-descent evaluator over the joined condition text. */
    private final class Expr {
        final String s;
        int pos;

        Expr(String s) {
            this.s = s;
        }

        void skipBlanks() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        boolean or(int depth) {
            boolean v = and(depth);
            skipBlanks();
            while (s.startsWith("||", pos)) {
                pos += 2;
                v = and(depth) | v;
                skipBlanks();
            }
            return v;
        }

        boolean and(int depth) {
            boolean v = term(depth);
            skipBlanks();
            while (s.startsWith("&&", pos)) {
                pos += 2;
                v = term(depth) & v;
                skipBlanks();
            }
            return v;
        }

        boolean term(int depth) {
            if (depth > 64) {
                throw new IllegalArgumentException("conditional expression nested too deeply");
            }
            skipBlanks();
            if (pos < s.length() && s.charAt(pos) == '!') {
                pos++;
                return !term(depth + 1);
            }
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                boolean v = or(depth + 1);
                skipBlanks();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw new IllegalArgumentException("expected ')' in conditional expression '" + s + "'");
                }
                pos++;
                return v;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                pos++;
            }
            String word = s.substring(start, pos);
            if (word.isEmpty()) {
                throw new IllegalArgumentException("unparsable conditional expression '" + s + "'");
            }
            if (pos >= s.length() || s.charAt(pos) != '(') {
                try {
                    return Long.decode(word) != 0;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unparsable conditional expression '" + s + "'");
                }
            }
            int close = s.indexOf(')', pos);
            if (close < 0) {
                throw new IllegalArgumentException("missing ')' after the arguments of predicate '" + word + "'");
            }
            String[] args = s.substring(pos + 1, close).split(",", -1);
            pos = close + 1;
            return predicate(word, args);
        }

        boolean predicate(String name, String[] args) {
            switch (name) {
                case "defined" -> {
                    need(name, args, 1);
                    return env.apply(args[0].strip()) != null;
                }
                case "streq", "strneq", "strstr" -> {
                    need(name, args, 2);
                    String a = args[0].strip();
                    String b = args[1].strip();
                    return name.equals("streq") ? a.equals(b) : name.equals("strneq") ? !a.equals(b) : a.contains(b);
                }
                case "feature", "enabled", "version_atleast", "version_before", "openssl_version_atleast",
                        "openssl_version_before", "ssllib_name_startswith", "awslc_api_atleast", "awslc_api_before" ->
                    throw new IllegalArgumentException("predicate '" + name + "' depends on the HAProxy binary and "
                            + "cannot be evaluated by spoe4j");
                default -> throw new IllegalArgumentException("unknown predicate '" + name
                        + "' in conditional expression");
            }
        }

        private void need(String name, String[] args, int count) {
            if (args.length != count) {
                throw new IllegalArgumentException("predicate '" + name + "' expects " + count + " argument"
                        + (count > 1 ? "s" : "") + " (got " + args.length + ")");
            }
        }
    }
}

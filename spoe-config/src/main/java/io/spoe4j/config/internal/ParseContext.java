package io.spoe4j.config.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.ExpressionException;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.config.ConfigError;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.Origin;
import io.spoe4j.config.SpoeConfigException;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** State shared by the two file parsers: the file's lines, the errors and warnings found so far, the compiler. */
final class ParseContext {
    /** Thrown to abandon the current line after its error has been recorded. */
    static final class LineFailed extends Exception {
        private static final long serialVersionUID = 1L;

        LineFailed() {
            super(null, null, false, false);
        }
    }

    final String file;
    final AclCompiler compiler;
    final UnaryOperator<String> env;
    final List<ConfigError> errors = new ArrayList<>();
    final List<ConfigWarning> warnings = new ArrayList<>();
    private final Map<Integer, String> lineTexts = new HashMap<>();

    /** What the {@code global} section's setenv/presetenv/unsetenv lines changed; a null value is unset. */
    private final Map<String, String> setenv = new HashMap<>();

    ParseContext(String file, AclCompiler compiler, UnaryOperator<String> env) {
        this.file = file;
        this.compiler = compiler;
        this.env = name -> setenv.containsKey(name) ? setenv.get(name) : env.apply(name);
    }

    /**
     * The global section's {@code setenv NAME VALUE}, {@code presetenv NAME VALUE} (unless NAME is
     * set) and {@code unsetenv NAME...}, as HAProxy applies them while it reads: to the lines after
     * them, and to the {@code spoe.conf} files read afterwards. Returns whether {@code w} was one.
     */
    boolean environmentLine(List<Word> w) {
        String kw = w.get(0).text();
        switch (kw) {
            case "setenv", "presetenv" -> {
                if (w.size() == 3 && (kw.equals("setenv") || env.apply(w.get(1).text()) == null)) {
                    setenv.put(w.get(1).text(), w.get(2).text());
                }
                return w.size() == 3;
            }
            case "unsetenv" -> {
                w.subList(1, w.size()).forEach(x -> setenv.put(x.text(), null));
                return w.size() > 1;
            }
            default -> {
                return false;
            }
        }
    }

    /** Tokenizes every line; a line with a tokenizer error is recorded and comes back with no words. */
    List<List<Word>> tokenize(List<Tokenizer.Line> lines, List<String> sectionNames) {
        List<List<Word>> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Tokenizer.Line line = lines.get(i);
            lineTexts.put(line.number(), line.text());
            try {
                List<Word> words = Tokenizer.words(line.text(),
                        Tokenizer.variables(env, file, line.number(), sectionNames.get(i)));
                out.add(words);
                if ("global".equals(sectionNames.get(i)) && !words.isEmpty()) {
                    environmentLine(words);
                }
            } catch (Tokenizer.TokenException e) {
                errors.add(new ConfigError(new Origin(file, line.number(), e.column()), e.getMessage(), line.text()));
                out.add(List.of());
            }
        }
        return out;
    }

    /** Puts the line-level errors found so far in line order (tokenizer errors are found first). */
    void sortByLine() {
        errors.sort(java.util.Comparator.comparingInt(e -> e.origin().line()));
    }

    Origin origin(int line, Word word) {
        return new Origin(file, line, word.column());
    }

    Origin origin(int line, int column) {
        return new Origin(file, line, column);
    }

    void error(int line, int column, String message) {
        errors.add(new ConfigError(origin(line, column), message, lineTexts.getOrDefault(line, "")));
    }

    LineFailed fail(int line, Word word, String message) {
        error(line, word.column(), message);
        return new LineFailed();
    }

    void warn(int line, Word word, String message) {
        warnings.add(new ConfigWarning(origin(line, word.column()), message));
    }

    String lineText(Origin o) {
        return o.file().equals(file) ? lineTexts.getOrDefault(o.line(), "") : "";
    }

    /** Records the errors of a builder, adding the source line each one points at. */
    void addAll(SpoeConfigException e) {
        for (ConfigError err : e.errors()) {
            Origin o = err.origin();
            String text = o.file().equals(file) ? lineTexts.getOrDefault(o.line(), "") : err.sourceLine();
            errors.add(new ConfigError(o, err.message(), text));
        }
    }

    /**
     * Handles HAProxy's line directives: {@code .warning}, {@code .notice} and {@code .diag} become
     * warnings, {@code .alert} an error. Conditional blocks are handled by {@link ConditionalBlocks}.
     * @return true when the line was a directive
     */
    boolean directive(int line, List<Word> words) throws LineFailed {
        Word kw = words.get(0);
        if (!kw.text().startsWith(".")) {
            return false;
        }
        String text = String.join(" ", texts(words.subList(1, words.size())));
        switch (kw.text()) {
            case ".warning", ".notice", ".diag" -> warn(line, kw, kw.text().substring(1) + ": " + text);
            case ".alert" -> throw fail(line, kw, text);
            default -> throw fail(line, kw, "unknown directive '" + kw.text() + "'.");
        }
        return true;
    }

    /** Rejects arguments beyond {@code max} words, as HAProxy's "too many args" check does. */
    void maxArgs(int line, List<Word> words, int max) throws LineFailed {
        if (words.size() > max) {
            throw fail(line, words.get(max), "'" + words.get(0).text() + "' cannot handle unexpected argument '"
                    + words.get(max).text() + "'.");
        }
    }

    SampleExpression sample(int line, Word word, int offsetInWord, String text, String what) throws LineFailed {
        try {
            return compiler.sample(text);
        } catch (ExpressionException e) {
            error(line, word.column() + offsetInWord + Math.max(0, e.offset()), what + ": " + sentence(e.reason()));
            throw new LineFailed();
        }
    }

    Acl acl(int line, String name, List<Word> words) throws LineFailed {
        try {
            return compiler.acl(name, texts(words));
        } catch (ExpressionException e) {
            error(line, column(words, e, line), "error detected while parsing ACL '" + name + "' : " + sentence(e.reason()));
            throw new LineFailed();
        }
    }

    /** {@code words} start with {@code if} or {@code unless}. */
    Condition condition(int line, List<Word> words, Map<String, Acl> named, String what) throws LineFailed {
        try {
            return compiler.condition(texts(words), named);
        } catch (ExpressionException e) {
            error(line, column(words, e, line), "error detected while parsing " + what + " condition : " + sentence(e.reason()));
            throw new LineFailed();
        }
    }

    /** {@code words} start with {@code if} or {@code unless}; an error reads {@code prefix} then the reason. */
    Condition conditionWithPrefix(int line, List<Word> words, Map<String, Acl> named, String prefix) throws LineFailed {
        try {
            return compiler.condition(texts(words), named);
        } catch (ExpressionException e) {
            error(line, column(words, e, line), prefix + sentence(e.reason()));
            throw new LineFailed();
        }
    }

    /**
     * The 1-based column, in the line as written, of character {@code offset} of {@code word}'s
     * unquoted text: quotes and escapes before it are counted as written. Expanded variables
     * cannot be mapped back; an offset past the word points just after it.
     */
    int column(int line, Word word, int offset) {
        String raw = lineTexts.getOrDefault(line, "");
        int i = word.column() - 1;
        if (i < 0 || i >= raw.length()) {
            return word.column() + Math.max(0, offset);
        }
        int produced = 0;
        boolean squote = false;
        boolean dquote = false;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"' && !squote) {
                dquote = !dquote;
                i++;
                continue;
            }
            if (c == '\'' && !dquote) {
                squote = !squote;
                i++;
                continue;
            }
            if (!squote && !dquote && (c == ' ' || c == '\t' || c == '#')) {
                break;
            }
            if (produced == offset) {
                return i + 1;
            }
            produced++;
            if (c == '\\' && !squote && i + 1 < raw.length()) {
                char next = raw.charAt(i + 1);
                i += next == 'x' ? 4 : " \\#'\"tnr".indexOf(next) >= 0 || next == '$' && dquote ? 2 : 1;
            } else {
                i++;
            }
        }
        return Math.min(i, raw.length()) + 1;
    }

    /** The words of {@code line}, for rule text written in Java (one line, no file). */
    List<Word> words(int line, String text) throws LineFailed {
        lineTexts.put(line, text);
        try {
            return Tokenizer.words(text, Tokenizer.variables(env, file, line, null));
        } catch (Tokenizer.TokenException e) {
            error(line, e.column(), e.getMessage());
            throw new LineFailed();
        }
    }

    private static int column(List<Word> words, ExpressionException e, int line) {
        if (words.isEmpty()) {
            return 1;
        }
        int idx = Math.min(Math.max(0, e.wordIndex()), words.size() - 1);
        return words.get(idx).column() + Math.max(0, e.offset());
    }

    private static String sentence(String reason) {
        return reason.endsWith(".") ? reason : reason + ".";
    }

    static List<String> texts(List<Word> words) {
        List<String> out = new ArrayList<>(words.size());
        for (Word w : words) {
            out.add(w.text());
        }
        return out;
    }

    /** HAProxy's time syntax: an integer with an optional unit (us, ms, s, m, h, d; ms by default). */
    Duration time(int line, Word word, String what) throws LineFailed {
        String t = word.text();
        int i = 0;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            throw fail(line, word, what + " expects an integer value (in milliseconds).");
        }
        String unit = t.substring(i);
        long micros;
        switch (unit) {
            case "us" -> micros = 1;
            case "", "ms" -> micros = 1_000;
            case "s" -> micros = 1_000_000;
            case "m" -> micros = 60_000_000L;
            case "h" -> micros = 3_600_000_000L;
            case "d" -> micros = 86_400_000_000L;
            default -> {
                error(line, word.column() + i, "unexpected character '" + t.charAt(i) + "' in argument to " + what
                        + " (expected a time unit: us, ms, s, m, h, d).");
                throw new LineFailed();
            }
        }
        long value;
        try {
            value = Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw fail(line, word, "timer overflow in argument '" + t + "' to " + what
                    + " (maximum value is 2147483647 ms (~24.8 days)).");
        }
        if (value > Long.MAX_VALUE / micros || value * micros / 1000 > Integer.MAX_VALUE) {
            throw fail(line, word, "timer overflow in argument '" + t + "' to " + what
                    + " (maximum value is 2147483647 ms (~24.8 days)).");
        }
        long millis = value * micros / 1000;
        if (value > 0 && millis == 0) {
            throw fail(line, word, "timer underflow in argument '" + t + "' to " + what
                    + " (minimum non-null value is 1 ms).");
        }
        return Duration.ofMillis(millis);
    }

    int integer(int line, Word word, String what) throws LineFailed {
        String t = word.text();
        boolean ok = !t.isEmpty() && t.length() <= 10;
        for (int i = 0; ok && i < t.length(); i++) {
            ok = t.charAt(i) >= '0' && t.charAt(i) <= '9';
        }
        if (!ok || Long.parseLong(t) > Integer.MAX_VALUE) {
            throw fail(line, word, what + " expects a positive integer argument (got '" + t + "').");
        }
        return Integer.parseInt(t);
    }
}

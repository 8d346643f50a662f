package io.spoe4j.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * HAProxy's configuration line tokenizer (the rules of {@code parse_line}): words split on
 * unquoted blanks, {@code #} comments, single quotes (verbatim), double quotes (with
 * {@code "$VAR"}, {@code "${VAR}"}, {@code "${VAR-default}"}, {@code "${VAR[*]}"} expansion),
 * backslash escapes, plus joining of lines that end with a backslash.
 */
public final class Tokenizer {
    /** A word after unquoting, with the 1-based column of its first character in the line. */
    public record Word(String text, int column) {
    }

    /** A logical line: its first physical line number and its text, continuation lines joined. */
    public record Line(int number, String text) {
    }

    /** A tokenizer error: a message and the 1-based column it points at. */
    public static final class TokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int column;

        TokenException(String message, int column) {
            super(message, null, false, false);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    /** Resolves {@code $.LINE}, {@code $.FILE}, {@code $.SECTION} and environment variables. */
    public interface Variables {
        String get(String name);
    }

    private Tokenizer() {
    }

    /** Splits text into logical lines, joining a line that ends with an unescaped backslash to the next. */
    public static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        String[] physical = text.split("\r\n|\n|\r", -1);
        int n = physical.length;
        if (n > 0 && physical[n - 1].isEmpty()) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            int number = i + 1;
            StringBuilder sb = new StringBuilder(physical[i]);
            while (endsWithContinuation(sb) && i + 1 < n) {
                sb.setLength(sb.length() - 1);
                sb.append(physical[++i]);
            }
            lines.add(new Line(number, sb.toString()));
        }
        return lines;
    }

    private static boolean endsWithContinuation(CharSequence s) {
        int count = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    /** The words of one line. */
    public static List<Word> words(String line, Variables vars) throws TokenException {
        List<Word> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int len = line.length();
        int i = 0;
        while (i < len && isSpace(line.charAt(i))) {
            i++;
        }
        int wordStart = i;
        boolean squote = false;
        boolean dquote = false;
        int quotePos = -1;
        while (i < len) {
            char c = line.charAt(i);
            if (c == '#' && !squote && !dquote) {
                break;
            } else if (c == '"' && !squote) {
                dquote = !dquote;
                quotePos = dquote ? i : -1;
                i++;
            } else if (c == '\'' && !dquote) {
                squote = !squote;
                quotePos = squote ? i : -1;
                i++;
            } else if (c == '\\' && !squote) {
                i = escape(line, i, dquote, cur);
            } else if (isSpace(c) && !squote && !dquote) {
                while (i < len && isSpace(line.charAt(i))) {
                    i++;
                }
                words.add(new Word(cur.toString(), wordStart + 1));
                cur.setLength(0);
                wordStart = i;
            } else if (c == '$' && dquote) {
                i = variable(line, i, vars, cur, words, wordStart);
            } else {
                cur.append(c);
                i++;
            }
        }
        if (quotePos >= 0) {
            throw new TokenException("unmatched " + (squote ? "single" : "double") + " quote", quotePos + 1);
        }
        if (cur.length() > 0) {
            words.add(new Word(cur.toString(), wordStart + 1));
        }
        return words;
    }

    private static int escape(String line, int i, boolean dquote, StringBuilder cur) throws TokenException {
        char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
        switch (next) {
            case ' ', '\\', '#', '\'', '"' -> {
                cur.append(next);
                return i + 2;
            }
            case 't' -> {
                cur.append('\t');
                return i + 2;
            }
            case 'n' -> {
                cur.append('\n');
                return i + 2;
            }
            case 'r' -> {
                cur.append('\r');
                return i + 2;
            }
            case '$' -> {
                if (dquote) {
                    cur.append('$');
                    return i + 2;
                }
                cur.append('\\');
                return i + 1;
            }
            case 'x' -> {
                if (i + 3 >= line.length() || !isHex(line.charAt(i + 2)) || !isHex(line.charAt(i + 3))) {
                    throw new TokenException("truncated or invalid hexadecimal sequence", i + 1);
                }
                cur.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                return i + 4;
            }
            default -> {
                cur.append('\\');
                return i + 1;
            }
        }
    }

    private static int variable(String line, int dollar, Variables vars, StringBuilder cur, List<Word> words,
            int wordStart) throws TokenException {
        int len = line.length();
        int i = dollar + 1;
        int brace = -1;
        if (i < len && line.charAt(i) == '{') {
            brace = i++;
        }
        if (i >= len || !(Character.isLetter(line.charAt(i)) && line.charAt(i) < 128 || line.charAt(i) == '_'
                || line.charAt(i) == '.')) {
            throw new TokenException("forbidden first char in environment variable name", i + 1);
        }
        int nameStart = i;
        if (line.charAt(i) == '.') {
            i++;
        }
        while (i < len && (isAlnum(line.charAt(i)) || line.charAt(i) == '_')) {
            i++;
        }
        String name = line.substring(nameStart, i);
        String value = vars.get(name);
        if (name.startsWith(".") && value == null) {
            throw new TokenException("unsupported internal variable '" + name + "'", nameStart + 1);
        }
        boolean expand = false;
        if (brace >= 0 && i < len && line.charAt(i) == '[') {
            if (!line.startsWith("[*]", i)) {
                throw new TokenException("incorrect word expansion sequence (expected [*])", i + 1);
            }
            expand = true;
            i += 3;
        }
        if (brace >= 0) {
            if (i < len && line.charAt(i) == '-') {
                int close = line.indexOf('}', i);
                if (close < 0) {
                    throw new TokenException("unmatched brace in environment variable name", brace + 1);
                }
                if (value == null) {
                    value = line.substring(i + 1, close);
                }
                i = close;
            } else if (i >= len || line.charAt(i) != '}') {
                throw new TokenException("unmatched brace in environment variable name", brace + 1);
            }
            i++;
        }
        if (value != null) {
            for (int k = 0; k < value.length(); k++) {
                char v = value.charAt(k);
                if (expand && isSpace(v)) {
                    words.add(new Word(cur.toString(), wordStart + 1));
                    cur.setLength(0);
                    while (k + 1 < value.length() && isSpace(value.charAt(k + 1))) {
                        k++;
                    }
                } else {
                    cur.append(v);
                }
            }
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == 0x0b;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Variables backed by a lookup for environment names and fixed values for the internal ones. */
    public static Variables variables(UnaryOperator<String> env, String file, int line, String section) {
        return name -> switch (name) {
            case ".LINE" -> Integer.toString(line);
            case ".FILE" -> file;
            case ".SECTION" -> section == null ? "" : section;
            default -> name.startsWith(".") ? null : env.apply(name);
        };
    }
}

package io.spoe4j.http.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The template syntax of the CrowdSec bouncer's Lua pages (its lua/template.lua), so that a page
 * customised for the Lua script renders the same here: {@code {{name}}} is replaced by the value of
 * {@code name} (names not given stay as written), then the text is taken line by line; a line whose
 * trimmed text starts with <code>{{ if NAME == "x" then }}</code> (or {@code !=}) hides the following
 * lines when the test fails, <code>{{ else</code> flips, <code>{{ end</code> shows again (no
 * nesting). Control lines and empty lines are dropped and the kept lines are joined with {@code \n}
 * (no final newline), as the Lua does. Two differences, both on input the shipped pages never use:
 * values are inserted verbatim (Lua's {@code gsub} fails on a value containing {@code %}), and the
 * test compares with the quoted literal written (the Lua, through a misspelt variable, always compares
 * with the empty string, which is what {@code != ""} asks anyway). Immutable and thread-safe.
 */
final class LuaTemplate {
    private final String text;

    LuaTemplate(String text) {
        this.text = Objects.requireNonNull(text, "template");
    }

    String render(Map<String, String> values) {
        String substituted = substitute(text, values);
        List<String> kept = new ArrayList<>();
        boolean show = true;
        int i = 0;
        int n = substituted.length();
        while (i < n) {
            int end = i;
            while (end < n && substituted.charAt(end) != '\r' && substituted.charAt(end) != '\n') {
                end++;
            }
            if (end > i) {
                String line = substituted.substring(i, end);
                String trimmed = LuaValues.stripLuaSpace(line);
                if (trimmed.startsWith("{{ if")) {
                    if (!test(trimmed, values)) {
                        show = false;
                    }
                } else if (trimmed.startsWith("{{ else")) {
                    show = !show;
                } else if (trimmed.startsWith("{{ end")) {
                    show = true;
                } else if (show) {
                    kept.add(line);
                }
            }
            i = end + 1;
        }
        return String.join("\n", kept);
    }

    private static String substitute(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (true) {
            int open = text.indexOf("{{", i);
            int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
            if (close < 0) {
                return out.append(text, i, text.length()).toString();
            }
            String value = values.get(text.substring(open + 2, close));
            if (value == null) {
                out.append(text, i, open + 1);
                i = open + 1;
            } else {
                out.append(text, i, open).append(value);
                i = close + 2;
            }
        }
    }

    /** {@code {{ if NAME OP "literal" then }}}: true unless OP is == or != and the comparison fails. */
    private static boolean test(String line, Map<String, String> values) {
        String name = null;
        String op = null;
        for (String word : line.split(" ")) {
            if (word.isEmpty() || word.equals("{{") || word.equals("if") || word.equals("then") || word.equals("}}")) {
                continue;
            }
            if (name == null) {
                name = word;
            } else if (op == null) {
                op = word;
            } else {
                String literal = word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"")
                        ? word.substring(1, word.length() - 1) : word;
                String value = values.getOrDefault(name, "");
                if (op.equals("==")) {
                    return value.equals(literal);
                }
                if (op.equals("!=")) {
                    return !value.equals(literal);
                }
                return true;
            }
        }
        return true;
    }
}

package io.spoe4j.acl.internal;

import io.spoe4j.acl.ExpressionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sample expression into keyword calls: {@code fetch[(args)][,conv[(args)]]...}.
 * Arguments are separated by commas; single quotes keep their content literally, double quotes
 * and unquoted text honour backslash escapes, unquoted parentheses nest (so a regex group needs
 * no escaping). Errors carry the character offset in the text.
 */
final class SampleParser {
    private SampleParser() {
    }

    /** One keyword with its arguments and where each starts in the text. */
    record Call(String name, int nameOffset, List<String> args, List<Integer> argOffsets, int openParen) {
        int argOffset(int index) {
            if (index < argOffsets.size()) {
                return argOffsets.get(index);
            }
            return openParen < 0 ? nameOffset : openParen + 1;
        }
    }

    static List<Call> parse(String text) {
        List<Call> calls = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (n == 0) {
            throw new ExpressionException(0, 0, "expected a sample fetch name, got an empty expression");
        }
        while (true) {
            int start = i;
            while (i < n && isKeywordChar(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                String what = calls.isEmpty() ? "a sample fetch name" : "a converter name after ','";
                throw new ExpressionException(0, i, i < n
                        ? "expected " + what + ", got '" + text.charAt(i) + "'"
                        : "expected " + what);
            }
            String name = text.substring(start, i);
            List<String> args = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            int open = -1;
            if (i < n && text.charAt(i) == '(') {
                open = i;
                i = parseArgs(text, i + 1, args, offsets);
            }
            calls.add(new Call(name, start, List.copyOf(args), List.copyOf(offsets), open));
            if (i == n) {
                return calls;
            }
            if (text.charAt(i) != ',') {
                throw new ExpressionException(0, i, "expected ',' or the end of the expression after '"
                        + name + (open >= 0 ? "(...)" : "") + "', got '" + text.charAt(i) + "'");
            }
            i++;
        }
    }

    static boolean isKeywordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    /** Parses from just after '(' to just after the matching ')'; returns that index. */
    private static int parseArgs(String text, int i, List<String> args, List<Integer> offsets) {
        int n = text.length();
        int open = i - 1;
        if (i < n && text.charAt(i) == ')') {
            return i + 1;
        }
        StringBuilder cur = new StringBuilder();
        int argStart = i;
        int depth = 0;
        while (true) {
            if (i >= n) {
                throw new ExpressionException(0, open, "missing ')' to close the argument list opened here");
            }
            char c = text.charAt(i);
            if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new ExpressionException(0, i, "unterminated single quote");
                }
                cur.append(text, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new ExpressionException(0, i, "unterminated double quote");
                    }
                    char d = text.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        d = text.charAt(++i);
                    }
                    cur.append(d);
                    i++;
                }
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new ExpressionException(0, i, "a backslash must be followed by the character it escapes");
                }
                cur.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '(') {
                depth++;
                cur.append(c);
                i++;
            } else if (c == ')' && depth > 0) {
                depth--;
                cur.append(c);
                i++;
            } else if (c == ',' && depth == 0 || c == ')') {
                args.add(cur.toString());
                offsets.add(argStart);
                cur.setLength(0);
                i++;
                if (c == ')') {
                    return i;
                }
                argStart = i;
            } else {
                cur.append(c);
                i++;
            }
        }
    }
}

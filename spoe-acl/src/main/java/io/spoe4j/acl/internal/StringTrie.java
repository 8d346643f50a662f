package io.spoe4j.acl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact prefix tree answering "does any stored string start the sample" in time linear in
 * the sample's length, whatever the number of patterns ({@code -m beg} with big {@code -f} files;
 * {@code -m end} stores reversed strings). Immutable after construction.
 */
final class StringTrie {
    private final char[] keys;
    private final StringTrie[] children;
    private final boolean terminal;

    private StringTrie(char[] keys, StringTrie[] children, boolean terminal) {
        this.keys = keys;
        this.children = children;
        this.terminal = terminal;
    }

    static StringTrie of(List<String> patterns) {
        String[] sorted = patterns.toArray(new String[0]);
        Arrays.sort(sorted);
        return build(sorted, 0, sorted.length, 0);
    }

    private static StringTrie build(String[] s, int from, int to, int depth) {
        boolean terminal = false;
        while (from < to && s[from].length() == depth) {
            terminal = true;
            from++;
        }
        List<Character> keys = new ArrayList<>();
        List<StringTrie> kids = new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = s[i].charAt(depth);
            int j = i;
            while (j < to && s[j].charAt(depth) == c) {
                j++;
            }
            keys.add(c);
            kids.add(build(s, i, j, depth + 1));
            i = j;
        }
        char[] k = new char[keys.size()];
        for (int x = 0; x < k.length; x++) {
            k[x] = keys.get(x);
        }
        return new StringTrie(k, kids.toArray(new StringTrie[0]), terminal);
    }

    /**
     * Whether a stored string is a prefix of {@code s} (read backwards when {@code reversed});
     * with {@code lower}, ASCII letters of {@code s} are lower-cased on the fly.
     */
    boolean anyPrefixOf(String s, boolean reversed, boolean lower) {
        StringTrie node = this;
        int n = s.length();
        for (int i = 0; ; i++) {
            if (node.terminal) {
                return true;
            }
            if (i == n) {
                return false;
            }
            char c = reversed ? s.charAt(n - 1 - i) : s.charAt(i);
            if (lower && c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            int k = Arrays.binarySearch(node.keys, c);
            if (k < 0) {
                return false;
            }
            node = node.children[k];
        }
    }
}

package io.spoe4j.acl.internal;

import java.util.Collection;

/** "Did you mean" hints: the closest known keyword by edit distance, if close enough. */
final class Suggest {
    private Suggest() {
    }

    static String closest(String word, Collection<String> names, Collection<String> moreNames) {
        String a = closest(word, names);
        String b = moreNames.isEmpty() ? null : closest(word, moreNames);
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int da = distance(word, a);
        int db = distance(word, b);
        return da < db || da == db && a.compareTo(b) <= 0 ? a : b;
    }

    /** The closest name (ties broken alphabetically), or null when none is close enough. */
    static String closest(String word, Collection<String> names) {
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names) {
            if (Math.abs(candidate.length() - word.length()) > allowed) {
                continue;
            }
            int d = distance(word, candidate);
            if (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** Damerau-Levenshtein distance (adjacent transpositions count as one edit: scr/src). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}

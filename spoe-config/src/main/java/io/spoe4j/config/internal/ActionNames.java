package io.spoe4j.config.internal;

import io.spoe4j.config.RuleDirection;
import java.util.List;
import java.util.Set;

/**
 * The actions HAProxy 2.6.12 knows in each rule set, in the order its "expects ..." message lists
 * them, and those of them spoe4j applies. An action HAProxy does not know is an error (with
 * HAProxy's message); one it knows that spoe4j does not apply is a warning.
 */
final class ActionNames {
    private static final List<String> HTTP_REQUEST = List.of("wait-for-handshake", "ot-group", "set-log-level",
            "set-nice", "use-service", "sc-inc-gpc(*)", "sc-inc-gpc0(*)", "sc-inc-gpc1(*)", "sc-set-gpt(*)",
            "sc-set-gpt0(*)", "send-spoe-group", "do-resolve(*)", "cache-use", "add-acl(*)", "add-header", "allow",
            "auth", "capture", "del-acl(*)", "del-header", "del-map(*)", "deny", "disable-l7-retry", "early-hint",
            "normalize-uri", "redirect", "reject", "replace-header", "replace-path", "replace-pathq", "replace-uri",
            "replace-value", "return", "set-header", "set-map(*)", "set-method", "set-path", "set-pathq", "set-query",
            "set-uri", "strict-mode", "tarpit", "track-sc(*)", "set-timeout", "wait-for-body", "set-var-fmt(*)",
            "set-var(*)", "unset-var(*)", "set-dst", "set-dst-port", "set-mark", "set-src", "set-src-port", "set-tos",
            "silent-drop", "set-priority-class", "set-priority-offset");
    private static final List<String> HTTP_RESPONSE = List.of("ot-group", "set-log-level", "set-nice",
            "sc-inc-gpc(*)", "sc-inc-gpc0(*)", "sc-inc-gpc1(*)", "sc-set-gpt(*)", "sc-set-gpt0(*)", "send-spoe-group",
            "cache-store", "add-acl(*)", "add-header", "allow", "capture", "del-acl(*)", "del-header", "del-map(*)",
            "deny", "redirect", "replace-header", "replace-value", "return", "set-header", "set-map(*)", "set-status",
            "strict-mode", "track-sc(*)", "wait-for-body", "set-var-fmt(*)", "set-var(*)", "unset-var(*)", "set-mark",
            "set-tos", "silent-drop");
    private static final List<String> HTTP_AFTER_RESPONSE = List.of("ot-group", "add-header", "allow", "capture",
            "del-header", "replace-header", "replace-value", "set-header", "set-status", "strict-mode",
            "set-var-fmt(*)", "set-var(*)", "unset-var(*)");
    private static final List<String> TCP_REQUEST_CONTENT = List.of("accept", "reject", "capture", "expect-proxy",
            "expect-netscaler-cip", "track-sc0", "track-sc1", "track-sc2", "ot-group", "set-log-level", "set-nice",
            "switch-mode", "use-service", "sc-inc-gpc(*)", "sc-inc-gpc0(*)", "sc-inc-gpc1(*)", "sc-set-gpt(*)",
            "sc-set-gpt0(*)", "send-spoe-group", "do-resolve(*)", "set-var-fmt(*)", "set-var(*)", "unset-var(*)",
            "set-src", "set-src-port", "set-dst", "set-dst-port", "set-mark", "set-tos", "silent-drop",
            "set-priority-class", "set-priority-offset");

    private static final Set<String> HEADER_ACTIONS = Set.of("set-header", "add-header", "del-header",
            "replace-header", "replace-value");
    private static final Set<String> VAR_ACTIONS = Set.of("set-var", "unset-var", "set-var-fmt");

    private ActionNames() {
    }

    /** The name of an action word: {@code set-var(txn.x)} is {@code set-var}; {@code lua.f} is {@code lua.f}. */
    static String base(String action) {
        int paren = action.indexOf('(');
        return paren < 0 ? action : action.substring(0, paren);
    }

    /** Whether HAProxy 2.6 knows {@code action} in {@code direction} ({@code lua.NAME} counts as known where Lua actions may go). */
    static boolean known(RuleDirection direction, String action) {
        if (action.startsWith("lua.") && action.length() > 4) {
            return direction != RuleDirection.HTTP_AFTER_RESPONSE;
        }
        List<String> list = list(direction);
        if (list == null) {
            return true;
        }
        for (String k : list) {
            if (k.endsWith("(*)") ? action.startsWith(k.substring(0, k.length() - 3)) : action.equals(k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether spoe4j applies {@code action} (already known to HAProxy) in {@code direction}. */
    static boolean applied(RuleDirection direction, String action) {
        String base = base(action);
        boolean lua = action.startsWith("lua.") && action.length() > 4;
        return switch (direction) {
            case HTTP_REQUEST -> lua || HEADER_ACTIONS.contains(base) || VAR_ACTIONS.contains(base)
                    || Set.of("deny", "tarpit", "return", "redirect", "set-path", "set-pathq", "set-query", "set-uri",
                            "set-method", "silent-drop", "wait-for-body", "send-spoe-group").contains(base);
            case HTTP_RESPONSE -> lua || HEADER_ACTIONS.contains(base) || VAR_ACTIONS.contains(base)
                    || Set.of("deny", "return", "redirect", "set-status", "silent-drop", "wait-for-body",
                            "send-spoe-group").contains(base);
            case HTTP_AFTER_RESPONSE -> HEADER_ACTIONS.contains(base) || VAR_ACTIONS.contains(base)
                    || base.equals("set-status");
            case TCP_REQUEST_CONTENT -> VAR_ACTIONS.contains(base)
                    || Set.of("accept", "reject", "silent-drop", "send-spoe-group").contains(base);
            case TCP_RESPONSE_CONTENT -> base.equals("send-spoe-group") || base.equals("set-var")
                    || base.equals("unset-var");
        };
    }

    /**
     * HAProxy's suggestion for an unknown action ({@code action_suggest}): the known name whose
     * character-transition fingerprint is nearest, unless it is too far.
     */
    static String suggest(RuleDirection direction, String action) {
        int[] word = fingerprint(action);
        String best = null;
        boolean bestPrefix = false;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : list(direction)) {
            boolean prefix = k.endsWith("(*)");
            String name = prefix ? k.substring(0, k.length() - 3) : k;
            int[] other = fingerprint(name);
            int d = 0;
            for (int i = 0; i < word.length; i++) {
                d += Math.abs(word[i] - other[i]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
                bestPrefix = prefix;
            }
        }
        int tolerance = bestPrefix ? 3 : 2;
        if (best == null || bestDistance > tolerance * action.length() || bestDistance > tolerance * best.length()) {
            return null;
        }
        return best;
    }

    /** Transitions between characters (1-26 letters, 27 digits, 28 other/begin/end) and row 0 marking presence. */
    private static int[] fingerprint(String word) {
        int[] fp = new int[1024];
        int from = 28;
        for (int i = 0; i < word.length(); i++) {
            char c = Character.toLowerCase(word.charAt(i));
            int to = c >= 'a' && c <= 'z' ? c - 'a' + 1 : c >= '0' && c <= '9' ? 27 : 28;
            fp[to] = 1;
            fp[32 * from + to]++;
            from = to;
        }
        fp[32 * from + 28]++;
        return fp;
    }

    /** HAProxy's message for an action it does not know in {@code direction}. */
    static String unknown(RuleDirection direction, String action, String proxyKind, String proxyName) {
        StringBuilder sb = new StringBuilder();
        for (String k : list(direction)) {
            if (direction == RuleDirection.TCP_REQUEST_CONTENT && k.startsWith("track-sc")) {
                if (k.equals("track-sc0")) {
                    sb.append("'track-sc0' ... 'track-sc2', ");
                }
                continue;
            }
            sb.append('\'').append(k).append("', ");
        }
        String best = action.isEmpty() ? null : suggest(direction, action);
        String hint = best == null ? "" : " Did you mean '" + best + "' maybe ?";
        if (direction == RuleDirection.TCP_REQUEST_CONTENT) {
            sb.setLength(sb.length() - 2);
            return "'" + direction.keyword() + "' expects " + sb + " in " + proxyKind + " '" + proxyName + "' (got '"
                    + action + "')." + hint;
        }
        return "'" + direction.keyword() + "' expects " + sb + "but got '" + action + "'"
                + (action.isEmpty() ? " (missing argument)." : ".") + hint;
    }

    private static List<String> list(RuleDirection direction) {
        return switch (direction) {
            case HTTP_REQUEST -> HTTP_REQUEST;
            case HTTP_RESPONSE -> HTTP_RESPONSE;
            case HTTP_AFTER_RESPONSE -> HTTP_AFTER_RESPONSE;
            case TCP_REQUEST_CONTENT -> TCP_REQUEST_CONTENT;
            case TCP_RESPONSE_CONTENT -> null;
        };
    }
}

package io.spoe4j.acl.internal;

import java.util.List;

/** Argument checks for the built-in keywords. */
final class Args {
    private Args() {
    }

    static void count(String keyword, List<String> args, int min, int max) {
        if (args.size() < min) {
            throw new ArgException(args.size(), min == 1 && max == 1
                    ? "'" + keyword + "' expects 1 argument"
                    : "'" + keyword + "' expects at least " + min + " argument" + (min > 1 ? "s" : ""));
        }
        if (args.size() > max) {
            throw new ArgException(max, max == 0 ? "'" + keyword + "' takes no argument"
                    : "'" + keyword + "' takes at most " + max + " argument" + (max > 1 ? "s" : ""));
        }
    }

    static long integer(List<String> args, int index, String what) {
        String s = args.get(index);
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new ArgException(index, "expected an integer " + what + ", got '" + s + "'");
        }
    }

    static long optionalInteger(List<String> args, int index, String what, long dflt) {
        return args.size() > index && !args.get(index).isEmpty() ? integer(args, index, what) : dflt;
    }

    static String nonEmpty(List<String> args, int index, String what) {
        String s = args.get(index);
        if (s.isEmpty()) {
            throw new ArgException(index, "expected " + what + ", got an empty argument");
        }
        return s;
    }
}

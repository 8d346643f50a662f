package io.spoe4j.config;

import java.util.List;

/** HAProxy's rule for section, ACL and proxy names: letters, digits, '.', '-', '_' and ':'. */
final class Names {
    private Names() {
    }

    static int invalidChar(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_' || c == ':')) {
                return i;
            }
        }
        return -1;
    }

    static void check(String kind, String name, Origin origin, List<ConfigError> errors) {
        if (name.isEmpty()) {
            errors.add(new ConfigError(origin, "missing name for " + kind + " section.", ""));
            return;
        }
        int bad = invalidChar(name);
        if (bad >= 0) {
            errors.add(new ConfigError(origin, "character '" + name.charAt(bad) + "' is not permitted in '" + kind
                    + "' name '" + name + "'.", ""));
        }
    }
}

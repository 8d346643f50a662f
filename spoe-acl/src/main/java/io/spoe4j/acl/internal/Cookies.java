package io.spoe4j.acl.internal;

import io.spoe4j.acl.HttpHeader;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code Cookie} request headers into name/value pairs, in order. */
public final class Cookies {
    private Cookies() {
    }

    public static List<HttpHeader> parse(List<HttpHeader> headers) {
        if (headers == null) {
            return List.of();
        }
        List<HttpHeader> out = new ArrayList<>();
        for (HttpHeader h : headers) {
            if (!h.name().equalsIgnoreCase("cookie")) {
                continue;
            }
            String v = h.value();
            int i = 0;
            while (i < v.length()) {
                int end = v.indexOf(';', i);
                if (end < 0) {
                    end = v.length();
                }
                String crumb = v.substring(i, end).trim();
                int eq = crumb.indexOf('=');
                if (eq > 0) {
                    String value = crumb.substring(eq + 1).trim();
                    out.add(new HttpHeader(crumb.substring(0, eq).trim(), value));
                }
                i = end + 1;
            }
        }
        return out;
    }
}

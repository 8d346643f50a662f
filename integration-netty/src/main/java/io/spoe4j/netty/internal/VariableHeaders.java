package io.spoe4j.netty.internal;

import io.netty.handler.codec.http.HttpHeaders;
import io.spoe4j.acl.Sample;
import io.netty.util.AsciiString;
import io.spoe4j.client.SpoeVariables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns variables into headers: {@code txn.coraza.action} becomes {@code <prefix>txn-coraza-action}. */
final class VariableHeaders {
    private VariableHeaders() {
    }

    /** Header names already built, by variable name: the same few variables come back on every request. */
    private static final ConcurrentHashMap<String, Named> NAMES = new ConcurrentHashMap<>();
    /** Agents choose variable names: past this many, names are built each time instead of kept. */
    static final int MAX_CACHED_NAMES = 1024;

    private record Named(String prefix, String header) {
    }

    static String name(String prefix, String fullName) {
        Named n = NAMES.get(fullName);
        if (n != null && n.prefix.equals(prefix)) {
            return n.header;
        }
        String header = io.spoe4j.client.VariableHeaders.name(prefix, fullName);
        if (NAMES.size() < MAX_CACHED_NAMES) {
            NAMES.put(fullName, new Named(prefix, header));
        }
        return header;
    }

    /** Removes every header whose name starts with {@code prefix}, so clients cannot forge variables. */
    static void strip(HttpHeaders headers, String prefix) {
        // Over the entries as they are stored: names() would copy every name into a new set.
        List<CharSequence> names = null;
        int len = prefix.length();
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            CharSequence n = it.next().getKey();
            if (n.length() >= len && AsciiString.regionMatches(n, true, 0, prefix, 0, len)) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(n);
            }
        }
        if (names != null) {
            names.forEach(headers::remove);
        }
    }

    /**
     * Adds the sess, txn and req (or res for a response) variables, in no particular order. Runs
     * per request: nothing is allocated when there are no variables, and none is copied otherwise.
     */
    static void add(HttpHeaders headers, String prefix, SpoeVariables variables, boolean response) {
        if (variables.isEmpty()) {
            return;
        }
        String own = response ? "res." : "req.";
        variables.forEach((n, v) -> {
            if (n.startsWith("sess.") || n.startsWith("txn.") || n.startsWith(own)) {
                headers.set(name(prefix, n), value(v));
            }
        });
    }

    static String value(Sample s) {
        return io.spoe4j.client.VariableHeaders.value(s);
    }
}

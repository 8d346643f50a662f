package io.spoe4j.netty.internal;

import io.netty.handler.codec.http.HttpHeaders;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns variables into headers: {@code txn.coraza.action} becomes {@code <prefix>txn-coraza-action}. */
final class VariableHeaders {
    private VariableHeaders() {
    }

    static String name(String prefix, String fullName) {
        return io.spoe4j.client.VariableHeaders.name(prefix, fullName);
    }

    /** Removes every header whose name starts with {@code prefix}, so clients cannot forge variables. */
    static void strip(HttpHeaders headers, String prefix) {
        List<String> names = null;
        for (String n : headers.names()) {
            if (n.regionMatches(true, 0, prefix, 0, prefix.length())) {
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

    /** Adds the sess, txn and req (or res for a response) variables, sorted by name. */
    static void add(HttpHeaders headers, String prefix, SpoeVariables variables, boolean response) {
        Map<String, Sample> sorted = new TreeMap<>(variables.snapshot());
        for (Map.Entry<String, Sample> e : sorted.entrySet()) {
            String n = e.getKey();
            if (n.startsWith("sess.") || n.startsWith("txn.") || n.startsWith(response ? "res." : "req.")) {
                headers.set(name(prefix, n), value(e.getValue()));
            }
        }
    }

    static String value(Sample s) {
        return io.spoe4j.client.VariableHeaders.value(s);
    }
}

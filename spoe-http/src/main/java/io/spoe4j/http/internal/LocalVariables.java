package io.spoe4j.http.internal;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import java.util.HashMap;
import java.util.Map;

/** The variables of a transaction run without any SPOE engine (rules only): set-var rules store here. Confined. */
final class LocalVariables implements SpoeVariables {
    private final Map<String, Sample> values = new HashMap<>();

    void set(String name, Sample value) {
        values.put(name, value);
    }

    void unset(String name) {
        values.remove(name);
    }

    /** Drops req and res variables, as HAProxy does once the request reached the server. */
    void requestForwarded() {
        values.keySet().removeIf(n -> n.startsWith("req.") || n.startsWith("res."));
    }

    @Override
    public Sample get(String fullName) {
        return values.get(fullName);
    }

    @Override
    public Map<String, Sample> snapshot() {
        return Map.copyOf(values);
    }
}

package io.spoe4j.netty.internal;

import io.spoe4j.client.SpoeVariables;
import io.spoe4j.acl.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The variables of several engines' transactions seen as one: the first engine wins on a name clash. */
final class MergedVariables implements SpoeVariables {
    private final List<SpoeVariables> parts;

    MergedVariables(List<SpoeVariables> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public Sample get(String fullName) {
        for (SpoeVariables p : parts) {
            Sample s = p.get(fullName);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    @Override
    public Map<String, Sample> snapshot() {
        Map<String, Sample> all = new HashMap<>();
        for (SpoeVariables p : parts) {
            p.snapshot().forEach(all::putIfAbsent);
        }
        return all;
    }
}

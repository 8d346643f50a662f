package io.spoe4j.http.internal;

import io.spoe4j.client.SpoeVariables;
import io.spoe4j.acl.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The variables of several engines' transactions seen as one: the first engine wins on a name clash. */
public final class MergedVariables implements SpoeVariables {
    private final List<SpoeVariables> parts;

    public MergedVariables(List<SpoeVariables> parts) {
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

    @Override
    public boolean isEmpty() {
        for (SpoeVariables p : parts) {
            if (!p.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Without a copy; a name an earlier engine also has is skipped, as in {@link #snapshot()}. */
    @Override
    public void forEach(BiConsumer<String, Sample> action) {
        if (parts.size() == 1) {
            parts.get(0).forEach(action);
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            int part = i;
            parts.get(i).forEach((name, value) -> {
                for (int j = 0; j < part; j++) {
                    if (parts.get(j).get(name) != null) {
                        return;
                    }
                }
                action.accept(name, value);
            });
        }
    }
}

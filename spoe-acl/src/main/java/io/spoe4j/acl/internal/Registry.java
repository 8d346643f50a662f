package io.spoe4j.acl.internal;

import io.spoe4j.acl.Converter;
import io.spoe4j.acl.ExpressionException;
import io.spoe4j.acl.SampleFetch;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fetches and converters known to one compiler; immutable once built. */
public final class Registry {
    private final Map<String, SampleFetch> fetches;
    private final Map<String, Converter> converters;

    private Registry(Map<String, SampleFetch> fetches, Map<String, Converter> converters) {
        this.fetches = Map.copyOf(fetches);
        this.converters = Map.copyOf(converters);
    }

    /** The built-ins plus the given extensions; an extension replaces a built-in of the same name. */
    public static Registry of(Collection<SampleFetch> extraFetches, Collection<Converter> extraConverters) {
        Map<String, SampleFetch> f = new HashMap<>();
        for (SampleFetch s : Fetches.all()) {
            f.put(s.name(), s);
        }
        for (SampleFetch s : HttpFetches.all()) {
            f.put(s.name(), s);
        }
        for (SampleFetch s : extraFetches) {
            f.put(s.name(), s);
        }
        Map<String, Converter> c = new HashMap<>();
        for (Converter s : Converters.all()) {
            c.put(s.name(), s);
        }
        for (Converter s : extraConverters) {
            c.put(s.name(), s);
        }
        return new Registry(f, c);
    }

    SampleFetch fetch(String name) {
        return fetches.get(name);
    }

    Converter converter(String name) {
        return converters.get(name);
    }

    boolean hasFetch(String name) {
        return fetches.containsKey(name);
    }

    ExpressionException unknownFetch(String name, int offset, Collection<String> moreNames) {
        String hint = Suggest.closest(name, fetches.keySet(), moreNames);
        return new ExpressionException(0, offset, "unknown fetch '" + name + "'" + (hint == null ? "" : ", did you mean '" + hint + "'?"));
    }

    ExpressionException unknownConverter(String name, int offset) {
        String hint = Suggest.closest(name, converters.keySet(), List.of());
        return new ExpressionException(0, offset, "unknown converter '" + name + "'" + (hint == null ? "" : ", did you mean '" + hint + "'?"));
    }
}

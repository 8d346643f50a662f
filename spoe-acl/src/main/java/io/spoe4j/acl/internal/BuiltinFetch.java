package io.spoe4j.acl.internal;

import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SampleFetch;
import java.util.List;


/** A built-in fetch: keyword, type, what it needs, and how it binds its arguments. */
final class BuiltinFetch implements SampleFetch {
    static final int REQ_BODY = 1;
    static final int RESPONSE = 2;
    static final int RES_BODY = 4;

    private final String name;
    private final Sample.Type type;
    private final int needs;
    private final java.util.function.Function<List<String>, SampleFetch.Function> binder;

    BuiltinFetch(String name, Sample.Type type, int needs, java.util.function.Function<List<String>, SampleFetch.Function> binder) {
        this.name = name;
        this.type = type;
        this.needs = needs;
        this.binder = binder;
    }

    /** A fetch taking no argument. */
    static BuiltinFetch simple(String name, Sample.Type type, int needs, SampleFetch.Function f) {
        return new BuiltinFetch(name, type, needs, args -> {
            Args.count(name, args, 0, 0);
            return f;
        });
    }

    BuiltinFetch alias(String alias) {
        return new BuiltinFetch(alias, type, needs, binder);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sample.Type type() {
        return type;
    }

    @Override
    public SampleFetch.Function compile(List<String> args) {
        return binder.apply(args);
    }

    @Override
    public boolean needsRequestBody() {
        return (needs & REQ_BODY) != 0;
    }

    @Override
    public boolean needsResponse() {
        return (needs & (RESPONSE | RES_BODY)) != 0;
    }

    @Override
    public boolean needsResponseBody() {
        return (needs & RES_BODY) != 0;
    }
}

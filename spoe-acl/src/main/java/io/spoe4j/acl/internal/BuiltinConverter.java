package io.spoe4j.acl.internal;

import io.spoe4j.acl.Converter;
import io.spoe4j.acl.Sample;
import java.util.List;


/** A built-in converter: keyword, input and output types, and how it binds its arguments. */
final class BuiltinConverter implements Converter {
    private final String name;
    private final Sample.Type in;
    private final Sample.Type out;
    private final java.util.function.Function<List<String>, Converter.Function> binder;

    BuiltinConverter(String name, Sample.Type in, Sample.Type out, java.util.function.Function<List<String>, Converter.Function> binder) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.binder = binder;
    }

    static BuiltinConverter simple(String name, Sample.Type in, Sample.Type out, Converter.Function f) {
        return new BuiltinConverter(name, in, out, args -> {
            Args.count(name, args, 0, 0);
            return f;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sample.Type inputType() {
        return in;
    }

    @Override
    public Sample.Type outputType() {
        return out;
    }

    @Override
    public Converter.Function compile(List<String> args) {
        return binder.apply(args);
    }
}

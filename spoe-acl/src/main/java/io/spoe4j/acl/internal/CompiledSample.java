package io.spoe4j.acl.internal;

import io.spoe4j.acl.Converter;
import io.spoe4j.acl.ExpressionException;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.acl.SampleFetch;
import java.util.List;
import java.util.function.BiPredicate;

/** A fetch and its converters, bound once; immutable and thread-safe. */
public final class CompiledSample implements SampleExpression {
    private final String text;
    private final SampleFetch.Function fetch;
    private final Converter.Function[] converters;
    private final Sample.Type[] inputTypes;
    private final Sample.Type type;
    private final boolean needsRequestBody;
    private final boolean needsResponse;
    private final boolean needsResponseBody;
    /** See {@link #plainBuiltin()}. */
    private final String plainBuiltin;
    /** See {@link #constantBuiltin()}. */
    private final boolean constantBuiltin;

    private CompiledSample(String text, SampleFetch.Function fetch, Converter.Function[] converters,
            Sample.Type[] inputTypes, Sample.Type type, SampleFetch def, boolean noArgs) {
        this.text = text;
        boolean builtin = def instanceof BuiltinFetch && converters.length == 0;
        this.plainBuiltin = builtin && noArgs ? def.name() : null;
        this.constantBuiltin = builtin && CONSTANTS.contains(def.name());
        this.fetch = fetch;
        this.converters = converters;
        this.inputTypes = inputTypes;
        this.type = type;
        this.needsRequestBody = def.needsRequestBody();
        this.needsResponse = def.needsResponse() || def.needsResponseBody();
        this.needsResponseBody = def.needsResponseBody();
    }

    /** Compiles {@code text} against the registry's fetches and converters. */
    public static CompiledSample compile(String text, Registry registry) {
        return compile(text, registry, List.of());
    }

    /** As {@link #compile(String, Registry)}; {@code aclKeywords} widen the "did you mean" candidates. */
    static CompiledSample compile(String text, Registry registry, List<String> aclKeywords) {
        List<SampleParser.Call> calls = SampleParser.parse(text);
        SampleParser.Call first = calls.get(0);
        SampleFetch def = registry.fetch(first.name());
        if (def == null) {
            throw registry.unknownFetch(first.name(), first.nameOffset(), aclKeywords);
        }
        return bind(text, registry, calls, def);
    }

    static CompiledSample bind(String text, Registry registry, List<SampleParser.Call> calls, SampleFetch def) {
        SampleParser.Call first = calls.get(0);
        SampleFetch.Function fetch = bindArgs(first, () -> def.compile(first.args()));
        if (fetch == null) {
            throw new ExpressionException(0, first.nameOffset(), "fetch '" + first.name() + "' returned no function");
        }
        int nConv = calls.size() - 1;
        Converter.Function[] fns = new Converter.Function[nConv];
        Sample.Type[] ins = new Sample.Type[nConv];
        Sample.Type type = def.type();
        for (int k = 0; k < nConv; k++) {
            SampleParser.Call call = calls.get(k + 1);
            Converter conv = registry.converter(call.name());
            if (conv == null) {
                throw registry.unknownConverter(call.name(), call.nameOffset());
            }
            fns[k] = bindArgs(call, () -> conv.compile(call.args()));
            if (fns[k] == null) {
                throw new ExpressionException(0, call.nameOffset(), "converter '" + call.name() + "' returned no function");
            }
            ins[k] = conv.inputType();
            type = conv.outputType();
        }
        return new CompiledSample(text, fetch, fns, ins, type, def, first.args().isEmpty());
    }

    /** The built-in fetches whose value is their argument, bound once ({@code str(x)}, {@code int(42)} ...). */
    private static final java.util.Set<String> CONSTANTS = java.util.Set.of("str", "int", "bool", "ipv4", "ipv6", "bin");

    /**
     * The keyword of the built-in fetch this expression is, when it is one called without argument
     * nor converter ({@code src}, {@code req.hdrs}); {@code null} otherwise, and for a fetch an
     * extension registered under a built-in's name. Lets an encoder read such a sample straight from
     * the request, with the fetch's documented semantics, instead of evaluating it.
     */
    public String plainBuiltin() {
        return plainBuiltin;
    }

    /**
     * Whether this expression is a built-in constant fetch ({@code str(x)}, {@code int(n)},
     * {@code bool(b)}, {@code ipv4(a)}, {@code ipv6(a)}, {@code bin(hex)}) without converter: its
     * value never depends on the request, so an encoder may evaluate it once.
     */
    public boolean constantBuiltin() {
        return constantBuiltin;
    }

    private interface Binder<T> {
        T bind();
    }

    private static <T> T bindArgs(SampleParser.Call call, Binder<T> binder) {
        try {
            return binder.bind();
        } catch (ArgException e) {
            throw new ExpressionException(0, call.argOffset(e.argIndex()), "in '" + call.name() + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(0, call.argOffset(0), "in '" + call.name() + "': " + e.getMessage());
        } catch (ExpressionException e) {
            throw e;
        } catch (RuntimeException e) {
            // an extension failing in an unexpected way still yields a positioned error
            throw new ExpressionException(0, call.argOffset(0), "in '" + call.name() + "': invalid arguments ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    @Override
    public Sample evaluate(RequestAttributes attributes) {
        return convert(fetch.fetch(attributes), attributes);
    }

    Sample convert(Sample s, RequestAttributes attributes) {
        for (int k = 0; k < converters.length && s != null; k++) {
            s = Casts.cast(s, inputTypes[k]);
            if (s != null) {
                s = converters[k].apply(s, attributes);
            }
        }
        return s;
    }

    /** ACL evaluation: every value the fetch yields goes through the converters, then {@code test}. */
    boolean anyMatch(RequestAttributes attributes, BiPredicate<Sample, RequestAttributes> chain) {
        return fetch.anyMatch(attributes, chain);
    }

    /** The predicate that converts a fetched value and then applies {@code test}; build once. */
    BiPredicate<Sample, RequestAttributes> chain(BiPredicate<Sample, RequestAttributes> test) {
        if (converters.length == 0) {
            return test;
        }
        return (s, a) -> {
            Sample c = convert(s, a);
            return c != null && test.test(c, a);
        };
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public Sample.Type type() {
        return type;
    }

    @Override
    public boolean needsRequestBody() {
        return needsRequestBody;
    }

    @Override
    public boolean needsResponse() {
        return needsResponse;
    }

    @Override
    public boolean needsResponseBody() {
        return needsResponseBody;
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.spoe4j.jmh.samples;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.config.MessageArg;
import io.spoe4j.config.MessageConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Sample evaluation of a Coraza-like message: the 12 argument expressions of {@code coraza-req}
 * (src, ports, method, path, query, req.ver, req.hdrs, req.body, constants) on one request, as the
 * engine evaluates them before encoding a NOTIFY. Parsing and compiling happen in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CorazaSamplesBenchmark {
    private SampleExpression[] args;
    private SampleExpression hdrs;
    private RequestAttributes request;

    @Setup
    public void setup() {
        MessageConfig message = CorazaWorkload.engineConfig().messages().get(0);
        List<MessageArg> a = message.args();
        args = a.stream().map(MessageArg::expression).toArray(SampleExpression[]::new);
        hdrs = a.stream().filter(m -> m.name().equals("headers")).findFirst().orElseThrow().expression();
        request = CorazaWorkload.request();
        for (SampleExpression e : args) {
            e.evaluate(request);
        }
        if (args.length != 12) {
            throw new IllegalStateException("coraza-req has 12 arguments, got " + args.length);
        }
    }

    /** All 12 arguments of one coraza-req message. */
    @Benchmark
    public void corazaMessageArgs(Blackhole bh) {
        for (SampleExpression e : args) {
            bh.consume(e.evaluate(request));
        }
    }

    /** {@code req.hdrs} alone, the costliest argument: the header block rebuilt as text. */
    @Benchmark
    public Object reqHdrs() {
        return hdrs.evaluate(request);
    }
}

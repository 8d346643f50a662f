package io.spoe4j.jmh.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.codec.Frame;
import io.spoe4j.client.codec.FrameCodec;
import io.spoe4j.client.codec.Message;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.jmh.samples.CorazaWorkload;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

/**
 * The engine's per-event work before the network: building the Coraza-like {@code coraza-req}
 * message from a request (sample evaluation and conversion to SPOP typed values, the engine's
 * internal {@code NotifyBuilder}, reached through a method handle since it is package-private),
 * and that plus encoding the NOTIFY frame into a pooled buffer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NotifyBuildBenchmark {
    private static final MethodHandle BUILD;

    static {
        try {
            Class<?> c = Class.forName("io.spoe4j.client.internal.engine.NotifyBuilder");
            BUILD = MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findStatic(c, "build",
                    MethodType.methodType(List.class, List.class, RequestAttributes.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private List<MessageConfig> configs;
    private RequestAttributes request;
    private long streamId;

    @Setup
    public void setup() throws Throwable {
        configs = CorazaWorkload.engineConfig().messages();
        request = CorazaWorkload.request();
        List<?> built = build();
        if (built.size() != 1 || ((Message) built.get(0)).args().size() != 12) {
            throw new IllegalStateException("expected one 12-argument message, got " + built);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Message> build() throws Throwable {
        return (List<Message>) BUILD.invokeExact(configs, request);
    }

    /** Samples evaluated and converted into the message list of one NOTIFY. */
    @Benchmark
    public List<Message> buildMessages() throws Throwable {
        return build();
    }

    /** Build, then encode the NOTIFY frame (length prefix included) into a pooled buffer, released. */
    @Benchmark
    public int buildAndEncode() throws Throwable {
        Frame.Notify n = new Frame.Notify(++streamId, 1, build());
        ByteBuf buf = FrameCodec.encode(n, PooledByteBufAllocator.DEFAULT);
        int size = buf.readableBytes();
        buf.release();
        return size;
    }
}

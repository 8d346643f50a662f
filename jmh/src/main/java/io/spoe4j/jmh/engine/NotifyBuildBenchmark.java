package io.spoe4j.jmh.engine;

import io.netty.buffer.ByteBuf;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.codec.FrameCodec;
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
 * The engine's per-event work before the network: the Coraza-like {@code coraza-req} message
 * written by the engine's compiled encoder (its internal {@code NotifyEncoder}, reached through
 * method handles since it is package-private) straight from the request into a pooled buffer,
 * the frame header added in front as the connection does, and the buffer released.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NotifyBuildBenchmark {
    private static final MethodHandle NEW;
    private static final MethodHandle ALLOCATE;
    private static final MethodHandle ENCODE;

    static {
        try {
            Class<?> c = Class.forName("io.spoe4j.client.internal.engine.NotifyEncoder");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
            NEW = l.findConstructor(c, MethodType.methodType(void.class, List.class)).asType(
                    MethodType.methodType(Object.class, List.class));
            ALLOCATE = l.findVirtual(c, "allocate", MethodType.methodType(ByteBuf.class)).asType(
                    MethodType.methodType(ByteBuf.class, Object.class));
            ENCODE = l.findVirtual(c, "encode", MethodType.methodType(List.class, RequestAttributes.class,
                    ByteBuf.class)).asType(MethodType.methodType(List.class, Object.class, RequestAttributes.class,
                    ByteBuf.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Object encoder;
    private RequestAttributes request;
    private long streamId;

    @Setup
    public void setup() throws Throwable {
        List<MessageConfig> configs = CorazaWorkload.engineConfig().messages();
        encoder = NEW.invokeExact(configs);
        request = CorazaWorkload.request();
        ByteBuf b = (ByteBuf) ALLOCATE.invokeExact(encoder);
        List<?> names = (List<?>) ENCODE.invokeExact(encoder, request, b);
        b.release();
        if (!names.equals(List.of("coraza-req"))) {
            throw new IllegalStateException("expected coraza-req, got " + names);
        }
    }

    /** The LIST-OF-MESSAGES written into a pooled buffer, released. */
    @Benchmark
    public int encodeMessages() throws Throwable {
        ByteBuf b = (ByteBuf) ALLOCATE.invokeExact(encoder);
        List<?> names = (List<?>) ENCODE.invokeExact(encoder, request, b);
        int size = b.readableBytes() + names.size();
        b.release();
        return size;
    }

    /** The same plus the NOTIFY header written in front, as the connection does before writing it. */
    @Benchmark
    public int encodeNotify() throws Throwable {
        ByteBuf b = (ByteBuf) ALLOCATE.invokeExact(encoder);
        List<?> names = (List<?>) ENCODE.invokeExact(encoder, request, b);
        FrameCodec.writeNotifyHeader(b, ++streamId & 0x7FFF_FFFFL | 1, 1);
        int size = b.readableBytes() + names.size();
        b.release();
        return size;
    }
}

package io.spoe4j.jmh.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The connection's in-flight table under pipelining: {@code inFlight} NOTIFYs awaiting their ACK,
 * ACKs arriving in random order. One operation = one ACK matched and removed plus the next NOTIFY
 * registered, what each pipelined round trip costs the table. The table is package-private in
 * spoe-client; it is reached through method handles, which the JIT inlines like direct calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InflightTableBenchmark {
    private static final MethodHandle NEW;
    private static final MethodHandle PUT;
    private static final MethodHandle REMOVE;
    private static final int ORDER = 4096;

    static {
        try {
            Class<?> c = Class.forName("io.spoe4j.client.internal.connection.InflightTable");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
            NEW = l.findConstructor(c, MethodType.methodType(void.class, int.class))
                    .asType(MethodType.methodType(Object.class, int.class));
            PUT = l.findVirtual(c, "put", MethodType.methodType(void.class, long.class, long.class, Object.class))
                    .asType(MethodType.methodType(void.class, Object.class, long.class, long.class, Object.class));
            REMOVE = l.findVirtual(c, "remove", MethodType.methodType(Object.class, long.class))
                    .asType(MethodType.methodType(Object.class, Object.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** NOTIFYs in flight on the connection (HAProxy's max-waiting-frames default is 20). */
    @Param({"20", "64", "1024"})
    public int inFlight;

    private Object table;
    private long[] window;
    private int[] ackOrder;
    private int cursor;
    private long nextStreamId;
    private final Object value = new Object();

    @Setup
    public void setup() throws Throwable {
        table = (Object) NEW.invokeExact(inFlight);
        window = new long[inFlight];
        for (int i = 0; i < inFlight; i++) {
            window[i] = ++nextStreamId;
            PUT.invokeExact(table, window[i], 1L, value);
        }
        Random rnd = new Random(7);
        ackOrder = new int[ORDER];
        for (int i = 0; i < ORDER; i++) {
            ackOrder[i] = rnd.nextInt(inFlight);
        }
    }

    /** An ACK for a random in-flight stream is matched and removed; a new NOTIFY takes its slot. */
    @Benchmark
    public Object ackThenNotify() throws Throwable {
        int slot = ackOrder[cursor++ & (ORDER - 1)];
        Object done = (Object) REMOVE.invokeExact(table, window[slot]);
        long id = ++nextStreamId;
        window[slot] = id;
        PUT.invokeExact(table, id, 1L, value);
        return done;
    }
}

package io.spoe4j.jmh.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.ActionSink;
import io.spoe4j.codec.DataType;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.codec.Varint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's hot paths: encoding a Coraza-like NOTIFY (12 args, 1 KB of headers, a 4 KB body)
 * into a pooled exact-size buffer, decoding an ACK with 5 set-var actions (into an {@link Ack}, or
 * straight into an {@link ActionSink} as the engine does), and varints.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class CodecBenchmark {
    private Notify notify;
    private ByteBuf ackWire;
    private ByteBufAllocator allocator;
    private ByteBuf scratch;
    private ByteBuf reused;
    private long[] varints;
    private final SummingSink sink = new SummingSink();

    @Setup
    public void setup() {
        allocator = PooledByteBufAllocator.DEFAULT;
        StringBuilder headers = new StringBuilder();
        int i = 0;
        while (headers.length() < 1000) {
            headers.append("x-header-").append(i++).append(": value-").append(i * 7919).append("\r\n");
        }
        headers.append("\r\n");
        byte[] body = new byte[4096];
        for (int b = 0; b < body.length; b++) {
            body[b] = (byte) (b * 31);
        }
        notify = new Notify(1, 1, List.of(new Message("coraza-req", List.of(
                new Arg("app", TypedValue.string("sample_app")),
                new Arg("src-ip", TypedValue.ipv4(new byte[] {(byte) 192, (byte) 168, 1, 20})),
                new Arg("src-port", TypedValue.int64(51234)),
                new Arg("dst-ip", TypedValue.ipv6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})),
                new Arg("dst-port", TypedValue.int64(443)),
                new Arg("method", TypedValue.string("POST")),
                new Arg("path", TypedValue.string("/api/v1/orders")),
                new Arg("query", TypedValue.string("expand=items&limit=20")),
                new Arg("version", TypedValue.string("1.1")),
                new Arg("headers", new TypedValue.Str(headers.toString().getBytes(StandardCharsets.US_ASCII))),
                new Arg("body", TypedValue.binary(body)),
                new Arg("exportRuleIDs", TypedValue.FALSE)))));
        Ack ack = new Ack(1, 1, List.of(
                Action.setVar(io.spoe4j.codec.Scope.TXN, "id", TypedValue.string("a1b2c3d4e5f6a7b8")),
                Action.setVar(io.spoe4j.codec.Scope.TXN, "rules_hit", TypedValue.int64(3)),
                Action.setVar(io.spoe4j.codec.Scope.TXN, "anomaly_score", TypedValue.int64(15)),
                Action.setVar(io.spoe4j.codec.Scope.TXN, "action", TypedValue.string("deny")),
                Action.setVar(io.spoe4j.codec.Scope.SESS, "ip_score", TypedValue.uint32(42))));
        ByteBuf wire = FrameCodec.encode(ack, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        ackWire = Unpooled.directBuffer(wire.readableBytes()).writeBytes(wire);
        wire.release();
        scratch = Unpooled.directBuffer(16);
        reused = Unpooled.directBuffer(FrameCodec.encodedLength(notify));
        varints = new long[] {7, 443, 16380, 51234, 4294967296L, -1};
    }

    @TearDown
    public void tearDown() {
        ackWire.release();
        scratch.release();
        reused.release();
    }

    /** Encode the NOTIFY into a pooled buffer of exactly the frame's size, then release it. */
    @Benchmark
    public int encodeNotify() {
        ByteBuf out = allocator.directBuffer(FrameCodec.encodedLength(notify));
        FrameCodec.encode(notify, out);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    /** Encode the NOTIFY into a reused buffer: the codec's own cost, without the allocator's. */
    @Benchmark
    public int encodeNotifyReusedBuffer() {
        reused.clear();
        FrameCodec.encode(notify, reused);
        return reused.readableBytes();
    }

    /** Decode an ACK holding 5 set-var actions of mixed types. */
    @Benchmark
    public Frame decodeAck() {
        ackWire.readerIndex(0);
        return FrameCodec.decode(ackWire, 16380);
    }

    /**
     * Decode the same ACK with its actions handed to a sink, as the engine applies them to its
     * variable stores: no frame, action or value objects. The sink keeps nothing: it sums names
     * lengths, integers and each string's length and end bytes (what a store would copy is its cost).
     */
    @Benchmark
    public long decodeAckIntoSink() {
        ackWire.readerIndex(0);
        sink.sum = 0;
        FrameCodec.decode(ackWire, 16380, sink);
        return sink.sum;
    }

    /** Touches every decoded value without keeping it. */
    static final class SummingSink implements ActionSink, FrameCodec.AckHandler {
        long sum;

        @Override
        public boolean ack(long streamId, long frameId, ByteBuf actions, int frameBytes) {
            sum += streamId + frameId + FrameCodec.readActions(actions, this);
            return true;
        }

        @Override
        public void unsetVar(io.spoe4j.codec.Scope scope, String name) {
            sum += name.length();
        }

        @Override
        public void setNull(io.spoe4j.codec.Scope scope, String name) {
            sum += name.length();
        }

        @Override
        public void setBool(io.spoe4j.codec.Scope scope, String name, boolean value) {
            sum += name.length() + (value ? 1 : 0);
        }

        @Override
        public void setInt(io.spoe4j.codec.Scope scope, String name, DataType type, long value) {
            sum += name.length() + value;
        }

        @Override
        public void setAddress(io.spoe4j.codec.Scope scope, String name, DataType type, ByteBuf in, int index) {
            sum += name.length() + in.getInt(index);
        }

        @Override
        public void setBytes(io.spoe4j.codec.Scope scope, String name, DataType type, ByteBuf in, int index,
                int length) {
            sum += name.length() + length + (length == 0 ? 0 : in.getByte(index) + in.getByte(index + length - 1));
        }
    }

    /** Write and read back six varints of 1 to 10 bytes. */
    @Benchmark
    public long varintRoundTrip() {
        long sum = 0;
        for (long v : varints) {
            scratch.clear();
            Varint.write(scratch, v);
            sum += Varint.read(scratch);
        }
        return sum;
    }
}

package io.spoe4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopCodecException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A blocking SPOP client for the agent's tests: plain socket channel plus the codec. A reader
 * thread decodes frames into a queue, so every wait is bounded.
 */
final class SpopTestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Queue entries besides frames. */
    private record Closed() {
    }

    private record Failed(Exception e) {
    }

    private final SocketChannel channel;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final int maxFrameSize;

    private SpopTestClient(SocketChannel channel, int maxFrameSize) {
        this.channel = channel;
        this.maxFrameSize = maxFrameSize;
        this.reader = new Thread(this::readLoop, "spop-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SpopTestClient connect(SpoaAgent agent) throws IOException {
        return connect(agent.address(), 1 << 20);
    }

    static SpopTestClient connect(SocketAddress address, int maxFrameSize) throws IOException {
        SocketChannel ch;
        if (address instanceof UnixDomainSocketAddress) {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            ch = SocketChannel.open();
        }
        ch.connect(address instanceof InetSocketAddress i && i.isUnresolved()
                ? new InetSocketAddress(i.getHostString(), i.getPort()) : address);
        return new SpopTestClient(ch, maxFrameSize);
    }

    /** Connects and completes a standard handshake (capabilities pipelining,async), returning the AGENT-HELLO. */
    static SpopTestClient handshake(SpoaAgent agent) throws IOException {
        SpopTestClient c = connect(agent);
        c.send(hello("pipelining,async"));
        Frame f = c.read();
        assertTrue(f instanceof Frame.AgentHello, "expected AGENT-HELLO, got " + f);
        return c;
    }

    static Frame.HaproxyHello hello(String capabilities) {
        return new Frame.HaproxyHello("2.0", 16380, capabilities, "test-engine", false);
    }

    private void readLoop() {
        ByteBuf buf = Unpooled.buffer(4096);
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        try {
            while (true) {
                chunk.clear();
                int n = channel.read(chunk);
                if (n < 0) {
                    received.add(new Closed());
                    return;
                }
                chunk.flip();
                buf.writeBytes(chunk);
                Frame f;
                while ((f = FrameCodec.decode(buf, maxFrameSize)) != null) {
                    received.add(f);
                }
                buf.discardReadBytes();
            }
        } catch (IOException | SpopCodecException e) {
            received.add(new Failed(e));
        } finally {
            buf.release();
        }
    }

    void send(Frame frame) throws IOException {
        ByteBuf out = FrameCodec.encode(frame, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            writeFully(out.nioBuffer());
        } finally {
            out.release();
        }
    }

    static byte[] bytes(Frame frame) {
        ByteBuf out = FrameCodec.encode(frame, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] b = new byte[out.readableBytes()];
            out.readBytes(b);
            return b;
        } finally {
            out.release();
        }
    }

    void sendBytes(byte[] bytes) throws IOException {
        writeFully(ByteBuffer.wrap(bytes));
    }

    /** Writes each byte in its own write call (TCP_NODELAY on the agent side does not matter: this tests reassembly of any split). */
    void sendByteAtATime(Frame frame) throws IOException {
        for (byte b : bytes(frame)) {
            writeFully(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** The next frame, failing the test if none arrives in {@link #WAIT} or the connection closes. */
    Frame read() {
        Object o = poll(WAIT);
        if (o instanceof Frame f) {
            return f;
        }
        return fail("expected a frame from the agent within " + WAIT + ", got " + o);
    }

    @SuppressWarnings("unchecked")
    <T extends Frame> T read(Class<T> type) {
        Frame f = read();
        assertTrue(type.isInstance(f), "expected " + type.getSimpleName() + ", got " + f);
        return (T) f;
    }

    /** Asserts that the agent closes the connection, with no further frame first. */
    void assertClosed() {
        Object o = poll(WAIT);
        if (!(o instanceof Closed) && !(o instanceof Failed)) {
            fail("expected the agent to close the connection, got " + o);
        }
    }

    /** Reads the AGENT-DISCONNECT, checks its status, and checks the connection is closed after it. */
    Frame.AgentDisconnect assertDisconnect(long status) {
        Frame.AgentDisconnect d = read(Frame.AgentDisconnect.class);
        assertEquals(status, d.statusCode(), () -> "AGENT-DISCONNECT status, message: " + d.message());
        assertClosed();
        return d;
    }

    private Object poll(Duration timeout) {
        try {
            Object o = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return o == null ? "nothing" : o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Whether a frame or close event is waiting right now (for checking that nothing was sent). */
    Object peekNow() {
        return received.peek();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            reader.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

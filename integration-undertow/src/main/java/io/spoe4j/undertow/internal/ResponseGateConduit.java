package io.spoe4j.undertow.internal;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Holds the response back until the response events are done. Installed on top of Undertow's
 * response conduits, so nothing reaches the wire (neither the status line nor the headers) before
 * the gate opens: the first write, flush or shutdown starts the events (status and headers are
 * final by then, since Undertow forbids changing the status once the response channel exists) and
 * is refused (0 bytes, not flushed) until they finish. Non-blocking writers get their write
 * listener woken on the IO thread when the gate opens; blocking writers (worker threads) wait in
 * {@link #awaitWritable()}. Nothing is buffered here: when a response step reads {@code res.body},
 * the bytes the first write offers (up to a limit) are copied for it, as HAProxy sends what it has
 * buffered; a file transfer's bytes are not read (res.body is then missing).
 */
final class ResponseGateConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    /** The response-side work. */
    interface Gate {
        /** How many bytes of the first write {@link #start} wants (res.body), or -1 for none. */
        int bodyLimit();

        /**
         * Starts the response events; called once, on the thread of the first write, with up to
         * {@link #bodyLimit()} bytes of what that write offered (empty when the first call was a
         * flush or an end, {@code null} when no body is wanted or it came from a file transfer).
         */
        CompletionStage<?> start(byte[] body);

        /** Applies their outcome to the exchange (headers, abort); called once, just before the gate opens. */
        void beforeOpen();
    }

    private final HttpServerExchange exchange;
    private static final ByteBuffer[] NONE = new ByteBuffer[0];

    private final Gate gate;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean open;
    private boolean started;
    private boolean writesWanted;
    private boolean terminatePending;

    ResponseGateConduit(StreamSinkConduit next, HttpServerExchange exchange, Gate gate) {
        super(next);
        this.exchange = exchange;
        this.gate = gate;
    }

    private boolean isOpen() {
        return isOpen(NONE, 0, 0);
    }

    /** {@code srcs} are the buffers of the call that may start the events; {@code null} when unreadable. */
    private boolean isOpen(ByteBuffer[] srcs, int offs, int len) {
        if (open) {
            return true;
        }
        start(srcs, offs, len);
        return open;
    }

    private void start(ByteBuffer[] srcs, int offs, int len) {
        CompletionStage<?> stage;
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
            stage = gate.start(firstBytes(srcs, offs, len, gate.bodyLimit()));
        }
        CompletableFuture<?> f = stage.toCompletableFuture();
        if (f.isDone()) {
            // the writing thread owns the exchange right now: apply at once
            openGate();
        } else {
            f.whenComplete((v, e) -> exchange.getIoThread().execute(this::openGate));
        }
    }

    /** Copies up to {@code limit} remaining bytes of {@code srcs}, leaving their positions alone. */
    static byte[] firstBytes(ByteBuffer[] srcs, int offs, int len, int limit) {
        if (limit < 0 || srcs == null) {
            return null;
        }
        long total = 0;
        for (int i = offs; i < offs + len; i++) {
            total += srcs[i].remaining();
        }
        byte[] body = new byte[(int) Math.min(total, limit)];
        int at = 0;
        for (int i = offs; i < offs + len && at < body.length; i++) {
            ByteBuffer b = srcs[i];
            int n = Math.min(b.remaining(), body.length - at);
            b.duplicate().get(body, at, n);
            at += n;
        }
        return body;
    }

    private void openGate() {
        try {
            gate.beforeOpen();
        } finally {
            open = true;
            ready.complete(null);
            boolean wake;
            synchronized (this) {
                wake = writesWanted;
            }
            if (wake) {
                if (exchange.isInIoThread()) {
                    next.wakeupWrites();
                } else {
                    exchange.getIoThread().execute(next::wakeupWrites);
                }
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return isOpen(new ByteBuffer[] {src}, 0, 1) ? next.write(src) : 0;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
        return isOpen(srcs, offs, len) ? next.write(srcs, offs, len) : 0;
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return isOpen(new ByteBuffer[] {src}, 0, 1) ? next.writeFinal(src) : 0;
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
        return isOpen(srcs, offs, len) ? next.writeFinal(srcs, offs, len) : 0;
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return isOpen(null, 0, 0) ? next.transferFrom(src, position, count) : 0;
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        if (isOpen(null, 0, 0)) {
            return next.transferFrom(source, count, throughBuffer);
        }
        throughBuffer.clear().limit(0);
        return 0;
    }

    @Override
    public void terminateWrites() throws IOException {
        if (isOpen()) {
            next.terminateWrites();
        } else {
            terminatePending = true;
        }
    }

    @Override
    public boolean isWriteShutdown() {
        return terminatePending || next.isWriteShutdown();
    }

    @Override
    public boolean flush() throws IOException {
        if (!isOpen()) {
            return false;
        }
        if (terminatePending) {
            terminatePending = false;
            next.terminateWrites();
        }
        return next.flush();
    }

    @Override
    public void truncateWrites() throws IOException {
        open = true;
        ready.complete(null);
        next.truncateWrites();
    }

    @Override
    public void resumeWrites() {
        if (open) {
            next.resumeWrites();
            return;
        }
        synchronized (this) {
            writesWanted = true;
        }
        if (open) {
            next.wakeupWrites();
        }
    }

    @Override
    public void wakeupWrites() {
        resumeWrites();
    }

    @Override
    public void suspendWrites() {
        synchronized (this) {
            writesWanted = false;
        }
        next.suspendWrites();
    }

    @Override
    public boolean isWriteResumed() {
        if (open) {
            return next.isWriteResumed();
        }
        synchronized (this) {
            return writesWanted;
        }
    }

    @Override
    public void awaitWritable() throws IOException {
        if (!isOpen() && !exchange.isInIoThread()) {
            try {
                ready.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the SPOE response event ran");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
        next.awaitWritable();
    }

    @Override
    public void awaitWritable(long time, TimeUnit timeUnit) throws IOException {
        if (!isOpen() && !exchange.isInIoThread()) {
            try {
                ready.get(time, timeUnit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the SPOE response event ran");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            } catch (TimeoutException e) {
                return;
            }
        }
        next.awaitWritable(time, timeUnit);
    }
}

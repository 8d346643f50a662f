package io.spoe4j.undertow.internal;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads up to a limit of the request body without blocking (a read listener on the IO thread when
 * data is not there yet), then pushes the bytes back with {@link Connectors#ungetRequestBytes} so
 * that the next handler reads the whole body as if nothing had happened.
 */
final class RequestBodyReader implements ChannelListener<StreamSourceChannel> {
    private static final byte[] EMPTY = new byte[0];

    /** Receives the buffered body, or the failure; called once, on the IO thread or the calling thread. */
    interface Callback {
        void body(byte[] body);

        void failed(Throwable error);
    }

    private final HttpServerExchange exchange;
    private final int max;
    private final Callback callback;
    private final List<PooledByteBuffer> buffers = new ArrayList<>();
    private PooledByteBuffer current;
    private StreamSourceChannel channel;
    private int total;

    private RequestBodyReader(HttpServerExchange exchange, int max, Callback callback) {
        this.exchange = exchange;
        this.max = max;
        this.callback = callback;
    }

    static void read(HttpServerExchange exchange, int max, Callback callback) {
        if (exchange.isRequestComplete()) {
            callback.body(EMPTY);
            return;
        }
        RequestBodyReader reader = new RequestBodyReader(exchange, max, callback);
        if (HttpContinue.requiresContinueResponse(exchange)) {
            HttpContinue.sendContinueResponse(exchange, new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    reader.start();
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    callback.failed(e);
                }
            });
            return;
        }
        reader.start();
    }

    private void start() {
        channel = exchange.getRequestChannel();
        if (channel == null) {
            // another handler already took the request channel: the body is not ours to read
            callback.body(null);
            return;
        }
        readAvailable();
    }

    @Override
    public void handleEvent(StreamSourceChannel ignored) {
        readAvailable();
    }

    private void readAvailable() {
        try {
            while (true) {
                if (current == null) {
                    current = exchange.getConnection().getByteBufferPool().allocate();
                }
                ByteBuffer b = current.getBuffer();
                int r = channel.read(b);
                if (r == -1) {
                    finish();
                    return;
                }
                if (r == 0) {
                    channel.getReadSetter().set(this);
                    channel.resumeReads();
                    return;
                }
                total += r;
                if (!b.hasRemaining()) {
                    b.flip();
                    buffers.add(current);
                    current = null;
                }
                if (total >= max) {
                    finish();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            release();
            callback.failed(e);
        }
    }

    private void finish() {
        channel.getReadSetter().set(null);
        channel.suspendReads();
        if (current != null) {
            if (current.getBuffer().position() == 0) {
                current.close();
            } else {
                current.getBuffer().flip();
                buffers.add(current);
            }
            current = null;
        }
        byte[] body = new byte[Math.min(total, max)];
        int at = 0;
        for (PooledByteBuffer p : buffers) {
            ByteBuffer view = p.getBuffer().duplicate();
            int n = Math.min(view.remaining(), body.length - at);
            view.get(body, at, n);
            at += n;
        }
        if (!buffers.isEmpty()) {
            Connectors.ungetRequestBytes(exchange, buffers.toArray(new PooledByteBuffer[0]));
        }
        Connectors.resetRequestChannel(exchange);
        buffers.clear();
        callback.body(body);
    }

    private void release() {
        for (PooledByteBuffer p : buffers) {
            IoUtils.safeClose(p);
        }
        buffers.clear();
        if (current != null) {
            IoUtils.safeClose(current);
            current = null;
        }
    }
}

package io.spoe4j.client.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.SpopStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One NOTIFY on its way: the messages (or their encoded payload), the absolute deadline and who to
 * tell. The compare-and-set in {@link #complete}/{@link #fail} guarantees it completes exactly
 * once however the ACK, the deadline and a connection failure race. Thread-safe. It is its own
 * deadline task ({@link Runnable}) and write listener, so no lambda is allocated per request.
 *
 * <p>A request is either built from a message list and completes a future with an
 * {@link AgentReply}, or built from an encoded LIST-OF-MESSAGES (a pooled buffer it owns until the
 * connection writes it or the request ends) and reports to a {@link ReplyHandler}: the engine's
 * path, which applies an ACK's actions straight from the frame and needs no future.
 */
public final class PendingRequest implements Runnable, ChannelFutureListener {
    private static final VarHandle DONE;
    private static final VarHandle PAYLOAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DONE = l.findVarHandle(PendingRequest.class, "done", int.class);
            PAYLOAD = l.findVarHandle(PendingRequest.class, "payload", ByteBuf.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Told when the request ends; the pool counts errors and reports events. */
    public interface Observer {
        void deadlineReached(PendingRequest request);

        void failed(PendingRequest request, SpoeClientException error);

        /** Told before the requester with the ACK. */
        default void replied(PendingRequest request, AgentReply reply) {
        }

        /** Whether {@link #replied} wants the {@link AgentReply} of requests that have a {@link ReplyHandler}. */
        default boolean wantsReplies() {
            return true;
        }
    }

    /**
     * The requester of an encoded request. Exactly one method is called, once: on the connection's
     * event loop for an ACK, on any thread for a failure.
     */
    public interface ReplyHandler {
        /**
         * The ACK. {@code actions} is its LIST-OF-ACTIONS, readable only during the call, or
         * {@code null} when the ACK came decoded (async ACK on another connection); {@code decoded}
         * is the actions as a list when they were decoded already (for a listener, or async), else
         * {@code null}.
         */
        void replied(PendingRequest request, ByteBuf actions, List<Action> decoded, String server);

        void failed(PendingRequest request, SpoeClientException error);
    }

    private final List<Message> messages;
    /** The encoded LIST-OF-MESSAGES until written or released; null for a message-list request. */
    private volatile ByteBuf payload;
    private final int payloadLength;
    private final ReplyHandler handler;
    private final long startNanos;
    private final long deadlineNanos;
    private final CompletableFuture<AgentReply> future;
    @SuppressWarnings("unused") // through DONE
    private volatile int done;
    private final Observer observer;
    private volatile ScheduledFuture<?> deadlineTask;
    private volatile long dispatchNanos;
    private volatile AgentConnection connection;
    private volatile long streamId = -1;
    private volatile long frameId = -1;
    private long repliedNanos;

    public PendingRequest(List<Message> messages, long startNanos, long deadlineNanos, Observer observer) {
        this.messages = messages;
        this.payloadLength = -1;
        this.handler = null;
        this.future = new CompletableFuture<>();
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.observer = observer;
    }

    /**
     * An encoded request: {@code payload}'s readable bytes are the LIST-OF-MESSAGES, with
     * {@link io.spoe4j.codec.FrameCodec#NOTIFY_HEADROOM} bytes free before them; the request
     * owns the buffer from now on.
     */
    public PendingRequest(ByteBuf payload, long startNanos, long deadlineNanos, Observer observer,
            ReplyHandler handler) {
        this.messages = null;
        this.payload = payload;
        this.payloadLength = payload.readableBytes();
        this.handler = java.util.Objects.requireNonNull(handler, "handler");
        this.future = null;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.observer = observer;
    }

    /** The messages, or {@code null} for an encoded request. */
    public List<Message> messages() {
        return messages;
    }

    /** Whether this request carries an encoded payload instead of messages. */
    public boolean encoded() {
        return messages == null;
    }

    /** Bytes of the encoded LIST-OF-MESSAGES, -1 for a message-list request. */
    public int payloadLength() {
        return payloadLength;
    }

    /**
     * Takes the encoded payload to write it: the caller owns it from now on. {@code null} when the
     * request ended (its payload released) or the payload was taken already.
     */
    public ByteBuf takePayload() {
        return (ByteBuf) PAYLOAD.getAndSet(this, (ByteBuf) null);
    }

    private void releasePayload() {
        ByteBuf p = takePayload();
        if (p != null) {
            p.release();
        }
    }

    public long deadlineNanos() {
        return deadlineNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The future of a message-list request; {@code null} for an encoded one (see {@link ReplyHandler}). */
    public CompletableFuture<AgentReply> future() {
        return future;
    }

    public boolean isDone() {
        return done != 0;
    }

    private boolean claim() {
        return DONE.compareAndSet(this, 0, 1);
    }

    public void deadlineTask(ScheduledFuture<?> task) {
        this.deadlineTask = task;
        if (isDone()) {
            task.cancel(false);
        }
    }

    /** The connection the NOTIFY was handed to, or {@code null} while queued. */
    public AgentConnection connection() {
        return connection;
    }

    public long streamId() {
        return streamId;
    }

    public long frameId() {
        return frameId;
    }

    void assigned(AgentConnection connection) {
        this.connection = connection;
        this.dispatchNanos = System.nanoTime();
    }

    void sentAs(long streamId, long frameId) {
        this.streamId = streamId;
        this.frameId = frameId;
    }

    /** Completes with the ACK's actions, decoded; false if the request had already completed. */
    public boolean complete(List<Action> actions, String server) {
        if (!claim()) {
            return false;
        }
        ended();
        AgentReply reply = null;
        if (handler == null || observer != null && observer.wantsReplies()) {
            reply = reply(actions, server);
        }
        if (observer != null && reply != null) {
            observer.replied(this, reply);
        }
        if (handler != null) {
            handler.replied(this, null, actions, server);
        } else {
            future.complete(reply);
        }
        return true;
    }

    /**
     * Completes with the ACK's LIST-OF-ACTIONS, the readable bytes of {@code actions}, valid only
     * during the call (on the connection's event loop); false if the request had already completed.
     * A {@link ReplyHandler} reads them where they lie; otherwise they are kept for the reply's
     * {@link AckActions}.
     */
    public boolean complete(ByteBuf actions, String server) {
        if (!claim()) {
            return false;
        }
        ended();
        List<Action> decoded = null;
        AgentReply reply = null;
        if (handler == null || observer != null && observer.wantsReplies()) {
            decoded = AckActions.of(actions);
            reply = reply(decoded, server);
        }
        if (observer != null && reply != null) {
            observer.replied(this, reply);
        }
        if (handler != null) {
            handler.replied(this, actions, decoded, server);
        } else {
            future.complete(reply);
        }
        return true;
    }

    private void ended() {
        cancelDeadline();
        releasePayload();
        repliedNanos = System.nanoTime();
    }

    private AgentReply reply(List<Action> actions, String server) {
        long dispatched = dispatchNanos;
        return new AgentReply(actions, server, streamId, frameId,
                (dispatched == 0 ? repliedNanos : dispatched) - startNanos, repliedNanos - startNanos);
    }

    /** Nanos from the send call to the ACK, once replied (the reply's {@code totalNanos}). */
    public long totalNanos() {
        return repliedNanos - startNanos;
    }

    /** Fails the request; false if it had already completed. */
    public boolean fail(SpoeClientException error) {
        if (!claim()) {
            return false;
        }
        cancelDeadline();
        releasePayload();
        if (observer != null) {
            observer.failed(this, error);
        }
        failed(error);
        return true;
    }

    /**
     * Fails the request without telling the observer, as refusing it before it was taken in does
     * (client closed, rate limit); false if it had already completed.
     */
    public boolean reject(SpoeClientException error) {
        if (!claim()) {
            return false;
        }
        cancelDeadline();
        releasePayload();
        failed(error);
        return true;
    }

    private void failed(SpoeClientException error) {
        if (handler != null) {
            handler.failed(this, error);
        } else {
            future.completeExceptionally(error);
        }
    }

    /**
     * Fails the request when its deadline passed and frees the connection slot it holds, if it was
     * handed to one; false if it had already completed.
     */
    public boolean expire(SpoeClientException error) {
        if (!fail(error)) {
            return false;
        }
        // Read only after the compare-and-set: a connection assigned later sees the request done
        // when it comes to write it and frees the slot itself. Reading it before would miss a
        // request sent in between, whose slot would stay reserved if no ACK ever came.
        AgentConnection c = connection;
        if (c != null) {
            c.abandon(this);
        }
        return true;
    }

    private void cancelDeadline() {
        ScheduledFuture<?> task = deadlineTask;
        if (task != null) {
            task.cancel(false);
        }
    }

    /** The deadline task. */
    @Override
    public void run() {
        if (!isDone() && observer != null) {
            observer.deadlineReached(this);
        }
    }

    /**
     * Write listener. A request that never reached the connection's handler (the channel closed
     * first) goes back to the pool; one that was written and failed is an I/O error.
     */
    @Override
    public void operationComplete(ChannelFuture f) {
        if (f.isSuccess() || isDone()) {
            return;
        }
        AgentConnection c = connection;
        if (c != null && streamId < 0) {
            c.unsent(this);
            return;
        }
        fail(new SpoeConnectionException("NOTIFY could not be written: " + IoErrors.reason(f.cause()),
                c == null ? null : c.serverName(), SpopStatus.IO_ERROR.code(), false, f.cause()));
    }
}

package io.spoe4j.client.internal.connection;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.client.codec.Action;
import io.spoe4j.client.codec.Message;
import io.spoe4j.client.codec.SpopStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One NOTIFY on its way: the messages, the absolute deadline and the future to complete. The
 * compare-and-set in {@link #complete}/{@link #fail} guarantees it completes exactly once however
 * the ACK, the deadline and a connection failure race. Thread-safe. It is its own deadline task
 * ({@link Runnable}) and write listener, so no lambda is allocated per request.
 */
public final class PendingRequest implements Runnable, ChannelFutureListener {
    /** Told when the request ends; the pool counts errors and reports events. */
    public interface Observer {
        void deadlineReached(PendingRequest request);

        void failed(PendingRequest request, SpoeClientException error);

        /** Told before the future completes with the ACK. */
        default void replied(PendingRequest request, AgentReply reply) {
        }
    }

    private final List<Message> messages;
    private final long startNanos;
    private final long deadlineNanos;
    private final CompletableFuture<AgentReply> future = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Observer observer;
    private volatile ScheduledFuture<?> deadlineTask;
    private volatile long dispatchNanos;
    private volatile AgentConnection connection;
    private volatile long streamId = -1;
    private volatile long frameId = -1;

    public PendingRequest(List<Message> messages, long startNanos, long deadlineNanos, Observer observer) {
        this.messages = messages;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.observer = observer;
    }

    public List<Message> messages() {
        return messages;
    }

    public long deadlineNanos() {
        return deadlineNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    public CompletableFuture<AgentReply> future() {
        return future;
    }

    public boolean isDone() {
        return done.get();
    }

    public void deadlineTask(ScheduledFuture<?> task) {
        this.deadlineTask = task;
        if (done.get()) {
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

    /** Completes with the ACK's actions; false if the request had already completed. */
    public boolean complete(List<Action> actions, String server) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelDeadline();
        long now = System.nanoTime();
        long dispatched = dispatchNanos;
        AgentReply reply = new AgentReply(actions, server, streamId, frameId,
                (dispatched == 0 ? now : dispatched) - startNanos, now - startNanos);
        if (observer != null) {
            observer.replied(this, reply);
        }
        future.complete(reply);
        return true;
    }

    /** Fails the request; false if it had already completed. */
    public boolean fail(SpoeClientException error) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelDeadline();
        if (observer != null) {
            observer.failed(this, error);
        }
        future.completeExceptionally(error);
        return true;
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
        if (!done.get() && observer != null) {
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

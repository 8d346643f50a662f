package io.spoe4j.client.internal.pool;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.ClientStatus;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.codec.Message;
import io.spoe4j.client.internal.connection.ClientListeners;
import io.spoe4j.client.internal.connection.PendingRequest;
import io.spoe4j.client.internal.connection.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** {@link SpoeClient} over one {@link EnginePool}. Thread-safe. */
public final class DefaultSpoeClient implements SpoeClient {
    private final List<AgentServer> servers;
    private final AgentOptions agent;
    private final PoolOptions poolOptions;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final EnginePool pool;
    private final ClientListeners listeners;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    public DefaultSpoeClient(List<AgentServer> servers, AgentOptions agent, PoolOptions poolOptions,
            EventLoopGroup group, int threads, SslContext ssl, SpoeClientListener listener) {
        this(servers, agent, poolOptions, group, threads, ssl, listener, null);
    }

    /** @param backendName the agent backend the servers form, named in connection errors; null: none */
    public DefaultSpoeClient(List<AgentServer> servers, AgentOptions agent, PoolOptions poolOptions,
            EventLoopGroup group, int threads, SslContext ssl, SpoeClientListener listener, String backendName) {
        this.servers = servers;
        this.agent = agent;
        this.poolOptions = poolOptions;
        this.ownsGroup = group == null;
        this.group = group != null ? group : Transport.newGroup(threads, "spoe-client");
        this.listeners = new ClientListeners(listener);
        try {
            this.pool = new EnginePool(servers, agent, poolOptions, this.group, ssl, listeners, backendName);
        } catch (RuntimeException e) {
            if (ownsGroup) {
                this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    /** The pool, for tests and diagnostics in this module. */
    public EnginePool pool() {
        return pool;
    }

    private static List<Message> checked(List<Message> messages) {
        List<Message> copy = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no messages: HAProxy never sends an empty NOTIFY, skip the exchange");
        }
        return copy;
    }

    @Override
    public CompletionStage<AgentReply> send(List<Message> messages, Duration timeout) {
        List<Message> copy = checked(messages);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        long now = System.nanoTime();
        return pool.send(copy, now, now + timeout.toNanos());
    }

    @Override
    public CompletionStage<AgentReply> send(List<Message> messages) {
        return send(messages, agent.processingTimeout());
    }

    @Override
    public CompletionStage<AgentReply> sendBefore(List<Message> messages, long deadlineNanos) {
        return pool.send(checked(messages), System.nanoTime(), deadlineNanos);
    }

    /**
     * {@link #sendBefore} for a list its caller built and never changes, without the emptiness
     * check; it must not be empty. Not copied here, but each NOTIFY built from it copies it
     * ({@link io.spoe4j.codec.Frame.Notify}'s constructor, {@link List#copyOf}) unless it is
     * already unmodifiable ({@code List.of}, {@code List.copyOf}).
     */
    public CompletionStage<AgentReply> sendBuilt(List<Message> messages, long deadlineNanos) {
        return pool.send(messages, System.nanoTime(), deadlineNanos);
    }

    /**
     * Sends a NOTIFY whose LIST-OF-MESSAGES the engine encoded (see
     * {@link EnginePool#send(io.netty.buffer.ByteBuf, long, long, PendingRequest.ReplyHandler)}):
     * {@code payload} belongs to the client from now on, the outcome goes to {@code handler}.
     */
    public void sendEncoded(io.netty.buffer.ByteBuf payload, long deadlineNanos, PendingRequest.ReplyHandler handler) {
        pool.send(payload, System.nanoTime(), deadlineNanos, handler);
    }

    @Override
    public CompletionStage<Void> connect() {
        return pool.connect();
    }

    @Override
    public String engineId() {
        return agent.engineId();
    }

    @Override
    public AgentOptions agentOptions() {
        return agent;
    }

    @Override
    public PoolOptions poolOptions() {
        return poolOptions;
    }

    @Override
    public List<AgentServer> servers() {
        return servers;
    }

    @Override
    public void addListener(SpoeClientListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public ClientStatus status() {
        return pool.status();
    }

    @Override
    public CompletionStage<Void> closeAsync() {
        pool.close().whenComplete((v, e) -> {
            if (ownsGroup) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> closed.complete(null));
            } else {
                closed.complete(null);
            }
        });
        return closed;
    }

    @Override
    public void close() {
        CompletionStage<Void> stage = closeAsync();
        for (io.netty.util.concurrent.EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return;
            }
        }
        try {
            stage.toCompletableFuture().get(agent.helloTimeout().toMillis() + poolOptions.backoffBase().toMillis()
                    + 1000 + agent.processingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Closing is best effort past this point: connections finish closing in the background.
        }
    }
}

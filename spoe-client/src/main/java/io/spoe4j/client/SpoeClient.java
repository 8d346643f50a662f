package io.spoe4j.client;

import io.spoe4j.options.PoolOptions;
import io.spoe4j.options.AgentOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.codec.Message;
import io.spoe4j.client.internal.pool.DefaultSpoeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A SPOP client for one engine (one engine-id): sends NOTIFY frames to a pool of agent servers
 * and completes each with the agent's ACK. The entry point of spoe-client:
 * {@code SpoeClient client = SpoeClient.builder().server("127.0.0.1:12345").build();}
 *
 * <p>Thread-safe; {@link #send} never blocks. Every returned stage completes exactly once, by its
 * deadline, on a client event loop thread (the connection's loop for ACKs and connection errors,
 * the loop owning the deadline timer for timeouts) or on the calling thread for requests refused
 * at once (too big, queue full, skipped, closed). Do not block in callbacks. Failures are
 * {@link SpoeClientException}s carrying HAProxy's set-on-error code.
 */
public interface SpoeClient extends AutoCloseable {

    /**
     * Sends {@code messages} (at least one) in one NOTIFY; {@code timeout} covers queueing, HELLO,
     * sending and the ACK, like HAProxy's {@code timeout processing}.
     *
     * @throws IllegalArgumentException for an empty list or a non-positive timeout
     */
    CompletionStage<AgentReply> send(List<Message> messages, Duration timeout);

    /** {@link #send(List, Duration)} with the agent's {@code timeout processing}. */
    CompletionStage<AgentReply> send(List<Message> messages);

    /** Sends with an absolute deadline on the {@link System#nanoTime()} clock. */
    CompletionStage<AgentReply> sendBefore(List<Message> messages, long deadlineNanos);

    /**
     * Opens a connection to every agent server that is up and has none, without waiting for a
     * request: the first requests then skip the TCP connect and the HELLO handshake (a gateway calls
     * it at start-up). Completes once one server has a ready connection, or exceptionally with the
     * last failure when none could get one; on an event loop of the client, or on the caller's
     * thread when the outcome is known at once. Never needed for correctness: requests open
     * connections themselves.
     */
    CompletionStage<Void> connect();

    /** The engine-id every connection of this client announces. */
    String engineId();

    AgentOptions agentOptions();

    PoolOptions poolOptions();

    List<AgentServer> servers();

    /**
     * Adds a listener after those already there (the builder's first); it sees the events from now
     * on. For meter binders and tracers attached after the client was built. Thread-safe.
     */
    void addListener(SpoeClientListener listener);

    /** A snapshot of the pool (queue, connections per server and state, throttling counts), for gauges. */
    ClientStatus status();

    /**
     * Stops accepting requests, fails queued ones, closes connections with DISCONNECT 0 once their
     * in-flight requests end, and shuts down the event loop group if the client created it.
     */
    CompletionStage<Void> closeAsync();

    /**
     * {@link #closeAsync()}, waiting (bounded by the processing and hello timeouts plus a second)
     * for it to finish, except when called on one of the client's event loops.
     */
    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SpoeClient}; at least one server is required. Not thread-safe. */
    final class Builder {
        private final List<AgentServer> servers = new ArrayList<>();
        private AgentOptions agentOptions;
        private PoolOptions poolOptions = PoolOptions.defaults();
        private EventLoopGroup group;
        private int threads;
        private SslContext ssl;
        private SpoeClientListener listener = SpoeClientListener.NOOP;
        private String backendName;

        private Builder() {
        }

        /** Adds a server from {@code HOST:PORT}, {@code [v6]:PORT} or {@code unix:PATH}. */
        public Builder server(String address) {
            return server(AgentServer.of(address));
        }

        public Builder server(AgentServer server) {
            Objects.requireNonNull(server, "server");
            for (AgentServer s : servers) {
                if (s.name().equals(server.name())) {
                    throw new IllegalArgumentException("duplicate server name '" + server.name() + "'");
                }
            }
            servers.add(server);
            return this;
        }

        public Builder agentOptions(AgentOptions options) {
            this.agentOptions = Objects.requireNonNull(options, "agentOptions");
            return this;
        }

        public Builder poolOptions(PoolOptions options) {
            this.poolOptions = Objects.requireNonNull(options, "poolOptions");
            return this;
        }

        /** Runs on the caller's event loops (NIO or epoll); the client will not shut them down. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "eventLoopGroup");
            return this;
        }

        /** Threads of the group the client creates when none is given (0 = Netty's default). */
        public Builder threads(int threads) {
            if (threads < 0 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [0, 1024], got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Enables TLS towards every server with this client context. */
        public Builder sslContext(SslContext ssl) {
            if (ssl != null && !ssl.isClient()) {
                throw new IllegalArgumentException("sslContext must be a client context");
            }
            this.ssl = ssl;
            return this;
        }

        public Builder listener(SpoeClientListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The agent backend the servers form (a spoe.conf's {@code use-backend}), named in connection
         * errors: {@code cannot connect to 127.0.0.1:9: connection refused (agent backend 'agents')}.
         */
        public Builder backendName(String name) {
            this.backendName = Objects.requireNonNull(name, "backendName");
            return this;
        }

        /**
         * @throws IllegalArgumentException without servers, or when a server's host name does
         *         not resolve (names are resolved once, here)
         */
        public SpoeClient build() {
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("at least one agent server is required");
            }
            AgentOptions agent = agentOptions != null ? agentOptions : AgentOptions.defaults();
            return new DefaultSpoeClient(List.copyOf(servers), agent, poolOptions, group, threads, ssl, listener,
                    backendName);
        }
    }
}

package io.spoe4j.testkit;

import io.spoe4j.AgentAddress;
import io.spoe4j.testkit.internal.DefaultSpoaAgent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A real SPOA agent on Netty for tests, in the spirit of OkHttp's MockWebServer: start it on port 0,
 * script its answers ({@link #enqueue}, {@link #dispatcher}), run the code under test, then verify
 * the frames it recorded ({@link #takeNotify}, {@link #takeHello}, {@link #takeDisconnect}).
 *
 * <p>Each NOTIFY is answered with the next enqueued {@link Response}, else the dispatcher's, else an
 * empty ACK. The agent validates what it receives like a real agent and answers protocol errors
 * with AGENT-DISCONNECT and the matching status ({@link #takeAgentDisconnect}). Thread-safe.
 *
 * <pre>{@code
 * try (SpoaAgent agent = SpoaAgent.builder().build().start()) {
 *     agent.enqueue(Response.actions(Action.setVar(Scope.TXN, "score", TypedValue.uint32(7))));
 *     // ... point the client at agent.endpoint() and send a request ...
 *     RecordedNotify n = agent.takeNotify(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public interface SpoaAgent extends AutoCloseable {

    static Builder builder() {
        return new Builder();
    }

    /** Binds and starts accepting connections; returns this agent. */
    SpoaAgent start();

    /** The bound address: an {@link InetSocketAddress} with the actual port, or a {@link UnixDomainSocketAddress}. */
    SocketAddress address();

    /** The bound TCP port, or {@code -1} for a Unix socket. */
    int port();

    /** The address as {@code HOST:PORT} or {@code unix:PATH}, the form spoe4j configuration accepts. */
    default String endpoint() {
        return AgentAddress.format(address());
    }

    /** Queues the answer to a future NOTIFY; queued answers are used in order, across connections. */
    void enqueue(Response response);

    /** Sets the dispatcher used when the queue is empty; {@code null} restores the empty-ACK default. */
    void dispatcher(Dispatcher dispatcher);

    /** The next NOTIFY received, waiting up to {@code timeout}. @throws TestkitException on timeout */
    RecordedNotify takeNotify(Duration timeout);

    /** The next NOTIFY received, or {@code null} if none is waiting. */
    RecordedNotify pollNotify();

    /** The next HAPROXY-HELLO received (health checks included). @throws TestkitException on timeout */
    RecordedHello takeHello(Duration timeout);

    /** The next HAPROXY-DISCONNECT received. @throws TestkitException on timeout */
    RecordedDisconnect takeDisconnect(Duration timeout);

    /** The next AGENT-DISCONNECT the agent sent (protocol errors, faults, replies). @throws TestkitException on timeout */
    RecordedDisconnect takeAgentDisconnect(Duration timeout);

    /** The next AGENT-DISCONNECT the agent sent, or {@code null} if none is waiting. */
    RecordedDisconnect pollAgentDisconnect();

    /** Connections accepted since start. */
    int connectionCount();

    /** Connections currently open. */
    int openConnectionCount();

    /** NOTIFY frames received (a fragmented NOTIFY counts once). */
    long notifyCount();

    /** HAPROXY-HELLO frames received, health checks included. */
    long helloCount();

    /** Closes the listener and every connection and stops the event loops; idempotent. */
    @Override
    void close();

    /**
     * Options of a {@link SpoaAgent}; each {@link #build()} makes an independent agent, so one
     * builder can serve many tests. Not thread-safe.
     */
    final class Builder {
        /** Loopback, port 0. */
        public static final SocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 0);
        /** Event-loop threads by default. */
        public static final int DEFAULT_THREADS = 2;

        private SocketAddress listen = DEFAULT_LISTEN;
        private AgentHelloSpec hello = AgentHelloSpec.standard();
        private Duration helloDelay = Duration.ZERO;
        private Fault helloFault;
        private Dispatcher dispatcher;
        private int threads = DEFAULT_THREADS;
        private boolean recordNotifies = true;

        private Builder() {
        }

        /** Where to listen: an {@link InetSocketAddress} (port 0 picks a free port) or a {@link UnixDomainSocketAddress}. */
        public Builder listen(SocketAddress address) {
            Objects.requireNonNull(address, "listen");
            if (!(address instanceof InetSocketAddress) && !(address instanceof UnixDomainSocketAddress)) {
                throw new IllegalArgumentException("listen must be an InetSocketAddress or a UnixDomainSocketAddress, got "
                        + address.getClass().getName());
            }
            this.listen = address;
            return this;
        }

        /** Where to listen, as {@code HOST:PORT} or {@code unix:PATH}. */
        public Builder listen(String address) {
            return listen(AgentAddress.parse(address));
        }

        /** The AGENT-HELLO (or refusal) sent to every HAPROXY-HELLO. */
        public Builder hello(AgentHelloSpec hello) {
            this.hello = Objects.requireNonNull(hello, "hello");
            return this;
        }

        /** Wait this long before answering each HELLO (for testing hello timeouts). */
        public Builder helloDelay(Duration delay) {
            Objects.requireNonNull(delay, "helloDelay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("helloDelay must not be negative, got " + delay);
            }
            this.helloDelay = delay;
            return this;
        }

        /**
         * Misbehave instead of answering each HELLO (after {@link #helloDelay}): {@link Fault.CloseSocket},
         * {@link Fault.CloseMidFrame} (a prefix of the AGENT-HELLO), {@link Fault.Stall}, {@link Fault.Garbage}
         * or {@link Fault.Disconnect}; {@code null} answers normally.
         */
        public Builder helloFault(Fault fault) {
            if (fault != null && !(fault instanceof Fault.CloseSocket || fault instanceof Fault.CloseMidFrame
                    || fault instanceof Fault.Stall || fault instanceof Fault.Garbage || fault instanceof Fault.Disconnect)) {
                throw new IllegalArgumentException("helloFault must be CloseSocket, CloseMidFrame, Stall, Garbage or "
                        + "Disconnect, got " + fault);
            }
            this.helloFault = fault;
            return this;
        }

        /** The initial dispatcher (see {@link SpoaAgent#dispatcher}). */
        public Builder dispatcher(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
            return this;
        }

        /** Event-loop threads serving connections (1 to 64). */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be in 1..64, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Whether NOTIFYs are kept for {@link SpoaAgent#takeNotify} (default true). Turn it off for
         * long-running agents and benchmarks: every NOTIFY is otherwise retained until taken.
         */
        public Builder recordNotifies(boolean record) {
            this.recordNotifies = record;
            return this;
        }

        /** A new agent with these options, not started yet. */
        public SpoaAgent build() {
            return new DefaultSpoaAgent(listen, hello, helloDelay, helloFault, dispatcher, threads, recordNotifies);
        }
    }
}

package io.spoe4j.client;

import io.spoe4j.options.PoolOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.internal.engine.DefaultSpoeEngine;
import io.spoe4j.config.BackendConfig;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What HAProxy's SPOE filter does for each stream, for one engine ({@code filter spoe engine NAME}):
 * events and groups turned into NOTIFY frames, ACK actions applied to variable stores, errors and
 * timings mapped to the agent's options. Several engines can run side by side, each with its own
 * agent connections and engine-id. Thread-safe; nothing blocks the caller.
 * {@code SpoeEngine engine = SpoeEngine.builder().config(cfg).server("127.0.0.1:12345").build();}
 */
public interface SpoeEngine extends AutoCloseable {

    /** The engine name ({@code filter spoe engine NAME}, else the agent name). */
    String name();

    EngineConfig config();

    FailurePolicy failurePolicy();

    /** The engine-id its connections announce. */
    String engineId();

    /** Opens a session for one downstream connection and fires {@code on-client-session}. */
    SpoeSession newSession(RequestAttributes connectionAttributes);

    /**
     * Connects to the agent servers ahead of the first request; see {@link SpoeClient#connect()}.
     * A failure is only reported: requests keep trying to connect.
     */
    CompletionStage<Void> connect();

    /** The engine's agent client: its {@link SpoeClient#status()} for gauges, its servers and options. */
    SpoeClient client();

    /**
     * Adds a listener of the engine's exchanges and of its client's connections, after those already
     * there; it sees the events from now on. For meter binders and tracers. Thread-safe.
     */
    void addListener(SpoeEngineListener listener);

    /**
     * Sends group {@code group} once for one request, the way a {@code send-spoe-group} rule does,
     * without managing a session or a transaction: opens a session and a transaction on
     * {@code attributes} (the session fires {@code on-client-session} first when the engine has
     * messages for it), sends the group's messages in one NOTIFY and closes both once the result is
     * known. Read what the agent set with {@link SpoeResult#variables()}:
     * {@code engine.sendGroup("check", attrs).thenApply(r -> r.variables().text("txn.iprep.verdict"))}.
     *
     * <p>The stage completes with the result: processed, skipped or failed (an agent that is down
     * is a failed result with its error code, not an exception). It fails with an
     * {@link IllegalArgumentException} for a group the engine does not declare, and an
     * {@link IllegalStateException} once the engine is closed. Nothing is thrown from the call
     * itself, except a {@link NullPointerException} for a null argument.
     */
    CompletionStage<SpoeResult> sendGroup(String group, RequestAttributes attributes);

    /**
     * {@link #sendGroup(String, RequestAttributes)} for an event: the messages of {@code event} whose
     * condition holds, for one request (skipped with NO_MESSAGE when none is left). For
     * {@code on-client-session} the result is the session's own. Fails the stage with an
     * {@link IllegalStateException} once the engine is closed; throws only for a null argument.
     */
    CompletionStage<SpoeResult> fire(SpoeEvent event, RequestAttributes attributes);

    /** The engine's proc-scope variables. */
    SpoeVariables processVariables();

    /** Closes the agent connections; running exchanges fail (resource error 2). */
    CompletionStage<Void> closeAsync();

    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /**
     * Collects an engine's configuration and agent servers; {@link #build()} checks them and logs
     * each of the configuration's warnings once (SLF4J WARN, logger {@code io.spoe4j.client.SpoeEngine},
     * with {@code file:line:col}). Not thread-safe.
     */
    final class Builder {
        private static final Logger LOG = LoggerFactory.getLogger(SpoeEngine.class);
        private EngineConfig config;
        private BackendConfig backend;
        private final List<AgentServer> servers = new ArrayList<>();
        private EventLoopGroup group;
        private int threads;
        private SslContext ssl;
        private FailurePolicy policy = FailurePolicy.FAIL_OPEN;
        private PoolOptions poolOptions;
        private SpoeClientListener listener;
        private String engineId;

        private Builder() {
        }

        /** The engine: a parsed {@code spoe.conf} scope or one built with {@link EngineConfig#builder}. */
        public Builder config(EngineConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Reads the {@code [engine]} scope of a {@code spoe.conf} ({@code null}: the part outside scopes). */
        public Builder spoeConf(Path file, String engine) {
            return config(SpoeConfigReader.standard().readSpoeConf(file, engine));
        }

        /** The engine {@code engine} of the SPOE filters of {@code proxy}, with the backend its agent uses. */
        public Builder setup(SpoeSetup setup, String proxy, String engine) {
            Objects.requireNonNull(setup, "setup");
            SpoeFilter filter = setup.filters().stream()
                    .filter(f -> f.proxy().equals(proxy) && f.engineName().equals(engine)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no SPOE engine '" + engine + "' in proxy '"
                            + proxy + "'"));
            config(filter.engine());
            setup.backend(filter.engine().useBackend()).ifPresent(this::backend);
            return this;
        }

        /** The agent servers from a backend section (servers marked disabled are left out). */
        public Builder backend(BackendConfig backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** Adds an agent server ({@code HOST:PORT}, {@code [v6]:PORT}, {@code unix:PATH}); replaces the backend's. */
        public Builder server(String address) {
            return server(AgentServer.of(address));
        }

        public Builder server(AgentServer server) {
            servers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        /** Runs the connections on the caller's event loops; the engine will not shut them down. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "eventLoopGroup");
            return this;
        }

        /** Threads of the group created when none is given (0 = Netty's default). */
        public Builder threads(int threads) {
            if (threads < 0 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [0, 1024], got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** TLS towards the agents; required when a backend server has {@code ssl}. */
        public Builder sslContext(SslContext ssl) {
            this.ssl = ssl;
            return this;
        }

        /** What adapters do when processing fails; defaults to {@link FailurePolicy#FAIL_OPEN}, like HAProxy. */
        public Builder failurePolicy(FailurePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "failurePolicy");
            return this;
        }

        /** Replaces the pool options derived from the agent and backend sections. */
        public Builder poolOptions(PoolOptions options) {
            this.poolOptions = Objects.requireNonNull(options, "poolOptions");
            return this;
        }

        /**
         * The first listener of the client's connections, and of the engine's exchanges too when it
         * is a {@link SpoeEngineListener}; more can be added later with {@link SpoeEngine#addListener}.
         */
        public Builder listener(SpoeClientListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** A fixed engine-id (lower-case UUID); a random one by default, as HAProxy does. */
        public Builder engineId(String engineId) {
            this.engineId = Objects.requireNonNull(engineId, "engineId");
            return this;
        }

        public SpoeEngine build() {
            if (config == null) {
                throw new IllegalArgumentException("config is required");
            }
            if (servers.isEmpty() && backend == null) {
                throw new IllegalArgumentException("agent servers are required: give server(...) or backend(...) for"
                        + " use-backend '" + config.useBackend() + "'");
            }
            SpoeEngine engine = DefaultSpoeEngine.create(config, backend, List.copyOf(servers), group, threads, ssl,
                    policy, poolOptions, listener, engineId);
            // Lines of the configuration spoe4j reads but does not apply must not go unnoticed.
            for (ConfigWarning w : config.warnings()) {
                LOG.warn("SPOE engine '{}': {}", config.engineName(), w);
            }
            return engine;
        }
    }
}

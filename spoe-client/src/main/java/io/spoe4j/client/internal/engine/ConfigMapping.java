package io.spoe4j.client.internal.engine;

import io.spoe4j.client.AgentOptions;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.Balance;
import io.spoe4j.client.PoolOptions;
import io.spoe4j.config.BackendConfig;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns the parsed {@code spoe-agent} and backend sections into the client's options. */
final class ConfigMapping {
    /** What an unset {@code timeout processing} becomes: HAProxy's largest timer (about 24.8 days). */
    static final Duration UNSET_PROCESSING_TIMEOUT = io.spoe4j.config.AgentOptions.MAX_TIMEOUT;

    private ConfigMapping() {
    }

    static AgentOptions agentOptions(EngineConfig config, BackendConfig backend, String engineId) {
        io.spoe4j.config.AgentOptions o = config.options();
        AgentOptions.Builder b = AgentOptions.builder().maxFrameSize(o.maxFrameSize())
                .maxWaitingFrames(o.maxWaitingFrames()).pipelining(o.pipelining()).async(o.async())
                .sendFragPayload(o.sendFragPayload())
                .processingTimeout(o.processingTimeout().orElse(UNSET_PROCESSING_TIMEOUT));
        o.helloTimeout().ifPresent(b::helloTimeout);
        o.idleTimeout().ifPresent(b::idleTimeout);
        if (backend != null) {
            backend.connectTimeout().ifPresent(b::connectTimeout);
        }
        if (engineId != null) {
            b.engineId(engineId);
        }
        return b.build();
    }

    static PoolOptions poolOptions(EngineConfig config, BackendConfig backend) {
        io.spoe4j.config.AgentOptions o = config.options();
        PoolOptions.Builder b = PoolOptions.builder().maxConnRate(o.maxConnRate()).maxErrRate(o.maxErrRate());
        if (backend != null) {
            b.balance(backend.balance() == io.spoe4j.config.Balance.LEASTCONN ? Balance.LEASTCONN : Balance.ROUNDROBIN);
            boolean check = backend.spopCheck() && backend.servers().stream().anyMatch(ServerConfig::check);
            b.healthCheck(check);
            for (ServerConfig s : backend.servers()) {
                if (s.check()) {
                    b.healthCheckInterval(s.inter()).rise(s.rise()).fall(s.fall());
                    break;
                }
            }
            int maxconn = 0;
            for (ServerConfig s : backend.servers()) {
                maxconn = Math.max(maxconn, s.maxconn());
            }
            if (maxconn > 0) {
                b.maxConnectionsPerServer(maxconn);
            }
        }
        return b.build();
    }

    static List<AgentServer> servers(BackendConfig backend, boolean haveSsl) {
        List<AgentServer> servers = new ArrayList<>();
        for (ServerConfig s : backend.servers()) {
            if (s.disabled()) {
                continue;
            }
            if (s.ssl() && !haveSsl) {
                throw new IllegalArgumentException("server '" + s.name() + "' of backend '" + backend.name()
                        + "' uses ssl: give the engine an sslContext");
            }
            servers.add(new AgentServer(s.name(), s.address()));
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("backend '" + backend.name() + "' has no enabled server");
        }
        return servers;
    }
}

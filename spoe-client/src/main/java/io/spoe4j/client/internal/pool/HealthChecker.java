package io.spoe4j.client.internal.pool;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.internal.connection.HealthCheck;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAProxy's {@code option spop-check} for every server of the pool: runs a {@link HealthCheck}
 * each interval, marks a server down after {@code fall} failures in a row and up after
 * {@code rise} successes, reports the change and lets the pool drain its queue again.
 *
 * <p>Thread-safety: checks run and complete on the group's event loops; the counters and the
 * server's {@code up} flag change under the pool's lock; listener calls happen outside it.
 */
final class HealthChecker {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final EnginePool pool;
    private final EventLoopGroup group;
    private final Object lock;
    private final AgentOptions agent;
    private final PoolOptions options;
    private final SslContext ssl;
    private final SpoeClientListener listener;

    /** @param pool asked whether it closed, and drained when a server changes state */
    HealthChecker(EnginePool pool, EventLoopGroup group, Object lock, AgentOptions agent, PoolOptions options,
            SslContext ssl, SpoeClientListener listener) {
        this.pool = pool;
        this.group = group;
        this.lock = lock;
        this.agent = agent;
        this.options = options;
        this.ssl = ssl;
        this.listener = listener;
    }

    /** Starts checking {@code s} now, then every interval until the pool closes. */
    void start(ServerState s) {
        schedule(s, 0);
    }

    /** Under the lock, once the pool is closed: no further check of {@code s}. */
    void stop(ServerState s) {
        if (s.healthTimer != null) {
            s.healthTimer.cancel(false);
        }
    }

    private void schedule(ServerState s, long delayNanos) {
        if (pool.isClosed()) {
            return;
        }
        s.healthTimer = group.next().schedule(() -> run(s), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void run(ServerState s) {
        long timeout = Math.min(options.healthCheckInterval().toNanos(), agent.helloTimeout().toNanos());
        HealthCheck.run(s.bootstrap, ssl, s.server, timeout).whenComplete((hs, error) -> {
            boolean changed = false;
            boolean nowUp;
            synchronized (lock) {
                if (error == null) {
                    s.checkFailures = 0;
                    s.checkSuccesses++;
                    if (!s.up && s.checkSuccesses >= options.rise()) {
                        s.up = true;
                        s.consecutiveFailures = 0;
                        changed = true;
                    }
                } else {
                    s.checkSuccesses = 0;
                    s.checkFailures++;
                    if (s.up && s.checkFailures >= options.fall()) {
                        s.up = false;
                        changed = true;
                    }
                }
                nowUp = s.up;
            }
            if (changed) {
                String reason = error == null ? "Layer7 check passed" : "Layer7 check failed: " + error.getMessage();
                log.info("[{}] server is {}: {}", s.name, nowUp ? "UP" : "DOWN", reason);
                listener.serverState(s.name, nowUp, reason);
                pool.drain();
            }
            schedule(s, options.healthCheckInterval().toNanos());
        });
    }
}

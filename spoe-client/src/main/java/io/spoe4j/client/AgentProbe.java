package io.spoe4j.client;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.spoe4j.client.internal.connection.HealthCheck;
import io.spoe4j.client.internal.connection.Transport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A one-shot SPOP health check, as HAProxy's {@code option spop-check} does it: the exact 82-byte
 * health-check HELLO, one answer, close. Completes with the agent's handshake, or fails with a
 * {@link SpoeClientException} naming the SPOP status. Thread-safe.
 */
public final class AgentProbe {
    private AgentProbe() {
    }

    /** Probes {@code server} on {@code group} (not shut down afterwards). */
    public static CompletionStage<AgentHandshake> probe(AgentServer server, Duration timeout, EventLoopGroup group,
            SslContext ssl) {
        if (java.util.Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return HealthCheck.run(Transport.bootstrap(group, server.address(), timeout), ssl, server,
                timeout.toNanos());
    }

    /** Probes {@code server} on a private single-thread group that is shut down afterwards. */
    public static CompletionStage<AgentHandshake> probe(AgentServer server, Duration timeout) {
        EventLoopGroup group = Transport.newGroup(1, "spoe-probe");
        CompletableFuture<AgentHandshake> result = new CompletableFuture<>();
        probe(server, timeout, group, null).whenComplete((hs, e) -> {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(hs);
            }
        });
        return result;
    }
}

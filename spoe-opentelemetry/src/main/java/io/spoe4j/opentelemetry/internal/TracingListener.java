package io.spoe4j.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.SpoeEngineListener;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.opentelemetry.SpoeAttributes;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a span when an exchange is asked for (on the caller's thread, as a child of
 * {@link Context#current()}) and ends it with the result. Only the exchange events are used; the
 * connection events are left to metrics. Thread-safe.
 */
public final class TracingListener implements SpoeEngineListener {
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey.stringKey("network.transport");

    private final Tracer tracer;
    private final Map<String, AgentServer> servers = new HashMap<>();

    public TracingListener(Tracer tracer, List<AgentServer> servers) {
        this.tracer = tracer;
        for (AgentServer s : servers) {
            this.servers.put(s.name(), s);
        }
    }

    @Override
    public Object exchangeStarted(String engine, SpoeResult.Kind kind, String name) {
        return tracer.spanBuilder("SPOE " + name)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current())
                .setAttribute(SpoeAttributes.ENGINE, engine)
                .setAttribute(SpoeAttributes.KIND, kind == SpoeResult.Kind.EVENT ? "event" : "group")
                .setAttribute(SpoeAttributes.NAME, name)
                .startSpan();
    }

    @Override
    public void exchangeEnded(SpoeResult result, long processNanos, Object context) {
        if (!(context instanceof Span span)) {
            return;
        }
        span.setAttribute(SpoeAttributes.OUTCOME, result.status().name().toLowerCase(Locale.ROOT));
        if (!result.messages().isEmpty()) {
            span.setAttribute(SpoeAttributes.MESSAGES, result.messages());
        }
        if (result.payloadBytes() > 0) {
            span.setAttribute(SpoeAttributes.PAYLOAD_BYTES, (long) result.payloadBytes());
        }
        String server = result.server();
        if (server != null) {
            span.setAttribute(SpoeAttributes.SERVER, server);
            AgentServer s = servers.get(server);
            if (s != null && s.address() instanceof InetSocketAddress inet) {
                span.setAttribute(SERVER_ADDRESS, inet.getHostString());
                span.setAttribute(SERVER_PORT, (long) inet.getPort());
                span.setAttribute(NETWORK_TRANSPORT, "tcp");
            } else if (s != null && s.address() instanceof UnixDomainSocketAddress unix) {
                span.setAttribute(SERVER_ADDRESS, unix.getPath().toString());
                span.setAttribute(NETWORK_TRANSPORT, "unix");
            }
        }
        if (result.streamId() >= 0) {
            span.setAttribute(SpoeAttributes.STREAM_ID, result.streamId());
            span.setAttribute(SpoeAttributes.FRAME_ID, result.frameId());
        }
        span.setAttribute(SpoeAttributes.ERROR_CODE, (long) result.errorCode());
        switch (result.status()) {
            case PROCESSED -> span.setAttribute(SpoeAttributes.ACTIONS, (long) result.actions().size());
            case SKIPPED -> span.setAttribute(SpoeAttributes.SKIP_REASON,
                    result.skipReason().name().toLowerCase(Locale.ROOT));
            case FAILED -> {
                span.setStatus(StatusCode.ERROR, "set-on-error " + result.errorCode());
                if (result.error() != null) {
                    span.recordException(result.error());
                }
            }
        }
        span.end();
    }
}

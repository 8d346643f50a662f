package io.spoe4j.netty.internal;

import io.spoe4j.client.SpoeResult;
import java.net.InetAddress;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request (by default to the logger {@code io.spoe4j.access}), with HAProxy's SPOE fields per event
 * or group ({@code [engine] EVENT:name sid= fid= st= pT/tT status}); events without messages are left out.
 */
public final class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.spoe4j.access");
    private static final Logger LOG = LoggerFactory.getLogger(SpoeHttpHandler.class);

    private AccessLog() {
    }

    /** The SLF4J sink of {@code io.spoe4j.access}. */
    public static Consumer<String> slf4j() {
        return ACCESS::info;
    }

    static void log(RequestState req, Consumer<String> sink) {
        StringBuilder sb = new StringBuilder(160);
        InetAddress client = req.attributes.clientAddress();
        sb.append(client == null ? "-" : client.getHostAddress()).append(':').append(req.attributes.clientPort())
                .append(" \"").append(req.head.method().name()).append(' ').append(req.head.uri()).append(' ')
                .append(req.head.protocolVersion().text()).append("\" ")
                .append(req.status < 0 ? "-" : Integer.toString(req.status)).append(' ')
                .append((System.nanoTime() - req.startNanos) / 1_000_000).append("ms");
        for (SpoeResult r : req.results()) {
            if (r.shouldBlock()) {
                // the fail-closed answer's reason, as its x-spoe-error header gives it
                sb.append(" fail-closed engine=").append(r.engine()).append(" code=").append(r.errorCode());
                break;
            }
        }
        for (SpoeResult r : req.results()) {
            if (r.skipReason() == SpoeResult.SkipReason.NO_MESSAGE) {
                continue;
            }
            sb.append(" | ").append(r.logLine());
        }
        sink.accept(sb.toString());
    }

    static void stepFailed(Throwable error) {
        LOG.warn("SPOE step failed unexpectedly", error);
    }

    static void ruleFailed(RuntimeException error) {
        LOG.warn("SPOE rule failed; answering 500", error);
    }
}

package io.spoe4j.netty.internal;

import io.spoe4j.client.SpoeResult;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request to the logger {@code io.spoe4j.access}, with HAProxy's SPOE fields per event
 * or group ({@code [engine] EVENT:name sid= fid= st= pT/tT status}); events without messages are left out.
 */
final class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.spoe4j.access");
    private static final Logger LOG = LoggerFactory.getLogger(SpoeHttpHandler.class);

    private AccessLog() {
    }

    static void log(RequestState req) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        StringBuilder sb = new StringBuilder(160);
        InetAddress client = req.attributes.clientAddress();
        sb.append(client == null ? "-" : client.getHostAddress()).append(':').append(req.attributes.clientPort())
                .append(" \"").append(req.head.method().name()).append(' ').append(req.head.uri()).append(' ')
                .append(req.head.protocolVersion().text()).append("\" ")
                .append(req.status < 0 ? "-" : Integer.toString(req.status)).append(' ')
                .append((System.nanoTime() - req.startNanos) / 1_000_000).append("ms");
        for (SpoeResult r : req.results()) {
            if (r.skipReason() == SpoeResult.SkipReason.NO_MESSAGE) {
                continue;
            }
            sb.append(" | ").append(r.logLine());
        }
        ACCESS.info(sb.toString());
    }

    static void stepFailed(Throwable error) {
        LOG.warn("SPOE step failed unexpectedly", error);
    }

    static void ruleFailed(RuntimeException error) {
        LOG.warn("SPOE rule failed; answering 500", error);
    }
}

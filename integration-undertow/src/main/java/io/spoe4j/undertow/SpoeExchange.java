package io.spoe4j.undertow;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.undertow.internal.Attachments;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;

/**
 * What one engine did for one Undertow exchange: its transaction (txn, req and res variables, kept
 * as an exchange attachment) and session (sess variables, kept as a connection attachment), and the
 * results so far. Handlers after a {@link SpoeHandler} read it with {@link #of}. Thread-safe; the
 * variable views reflect later events (e.g. the response event).
 */
public interface SpoeExchange {

    /** The engine's view of {@code exchange}, if a {@link SpoeHandler} of engine {@code engine} ran on it. */
    static Optional<SpoeExchange> of(HttpServerExchange exchange, String engine) {
        return Optional.ofNullable(Attachments.exchanges(exchange).get(engine));
    }

    /** Every engine's view of {@code exchange}, in the order their handlers ran. */
    static List<SpoeExchange> all(HttpServerExchange exchange) {
        return List.copyOf(Attachments.exchanges(exchange).values());
    }

    /**
     * A variable by full name ({@code txn.iprep.score}) from the first engine that has it on
     * {@code exchange}, or {@code null}.
     */
    static Sample variable(HttpServerExchange exchange, String fullName) {
        for (SpoeExchange e : Attachments.exchanges(exchange).values()) {
            Sample s = e.variables().get(fullName);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** The engine name. */
    String engine();

    /** The exchange's transaction; closed when the exchange completes. */
    SpoeTransaction transaction();

    /** The connection's session, shared by the exchanges of one client connection. */
    SpoeSession session();

    /** proc, sess, txn, req and res variables as this exchange sees them. */
    default SpoeVariables variables() {
        return transaction().variables();
    }

    /** {@code on-client-session} (this connection's), then each event and group run for this exchange, in order. */
    List<SpoeResult> results();

    /** Whether a failure under {@code FAIL_CLOSED} blocked this exchange. */
    boolean blocked();
}

package io.spoe4j.client;

import io.spoe4j.acl.RequestAttributes;
import java.util.concurrent.CompletionStage;

/**
 * One downstream connection as an engine sees it: the {@code sess} variable store shared by its
 * transactions and the {@code on-client-session} event, fired once when the session is created.
 * Thread-safe. Transactions of a session wait for {@link #clientSessionResult()} before their
 * first event, as HAProxy pauses a stream until the event is processed.
 */
public interface SpoeSession extends AutoCloseable {

    /** The engine this session belongs to. */
    SpoeEngine engine();

    /** The outcome of {@code on-client-session} (skipped with NO_MESSAGE when the event has no message). */
    CompletionStage<SpoeResult> clientSessionResult();

    /** A new transaction (HTTP request/response or TCP stream) with fresh txn, req and res stores. */
    SpoeTransaction newTransaction(RequestAttributes attributes);

    /** The variables of the session-level exchange: proc, sess, and the txn/req/res of on-client-session. */
    SpoeVariables variables();

    /** Whether an error without continue-on-error disabled the engine for the whole session. */
    boolean disabled();

    /** Interrupts a running on-client-session (set-on-error 4) and refuses further work. Idempotent. */
    @Override
    void close();
}

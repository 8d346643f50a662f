package io.spoe4j.http;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.client.SpoeVariables;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One HTTP transaction under {@link HttpRules}: {@link #request} runs the request side (SPOE events
 * and groups, tcp-request content, http-request, use_backend, the backend's rules) and
 * {@link #response} the response side (events, http-response, http-after-response), each returning
 * the {@link Decision} the adapter carries out. Header and request-line rewrites are recorded and
 * replayed onto the adapter's message by {@link #applyRequestEdits}/{@link #applyResponseEdits}.
 *
 * <p>Threads: each step continues on {@code executor} (the adapter's event loop), so the
 * transaction's state is confined to it; a stage completes there, or on the calling thread when no
 * step had to wait. Call {@link #close()} when the exchange ends.
 */
public interface HttpTransaction extends AutoCloseable {

    /** Runs the request side; completes with {@link Decision.Forward}, {@link Decision.Respond} or {@link Decision.Drop}. */
    CompletionStage<Decision> request(Executor executor);

    /**
     * Runs the response side once the adapter's attributes return the response (status, headers and,
     * when {@link HttpRules#needsResponseBody()}, the body held so far).
     */
    CompletionStage<Decision> response(Executor executor);

    /** An answer the adapter makes itself (413, 408, 502...), through the http-after-response rules. */
    Decision.Respond localReply(HttpReply reply, boolean close);

    /** The method set by {@code set-method}, if any. */
    Optional<String> editedMethod();

    /** The request target set by {@code set-path}, {@code set-query}, {@code set-uri}..., if any. */
    Optional<String> editedUri();

    /** Replays the request header rewrites, in order, onto the adapter's request. */
    void applyRequestEdits(HeaderEditor headers);

    /** The status set by {@code set-status}, or -1. */
    int editedStatus();

    /** The reason given with {@code set-status ... reason}, if any. */
    Optional<String> editedReason();

    /** Replays the response header rewrites, in order, onto the adapter's response. */
    void applyResponseEdits(HeaderEditor headers);

    /**
     * Replaces the adapter's attributes the rules read through (e.g. once the body was read or the
     * response arrived, for adapters whose attributes are snapshots); rewrites made so far stay.
     */
    void baseAttributes(RequestAttributes attributes);

    /** What fetches read: the request and response as rewritten, and {@code var()} of every engine. */
    RequestAttributes attributes();

    /** Every engine's variables, the first engine's first on a name clash. */
    SpoeVariables variables();

    /** The engines' transactions, in engine order. */
    List<SpoeTransaction> transactions();

    /** The results of the events and groups run so far, in order. Thread-safe. */
    List<SpoeResult> results();

    /** Whether a fail-closed engine's processing failed. */
    boolean blocked();

    /** The backend chosen by use_backend/default_backend, if any. */
    Optional<String> backend();

    /** Tells the engines the request went upstream (req and res variables are dropped, as HAProxy does). */
    void requestForwarded();

    /** Ends the engines' transactions; idempotent. */
    @Override
    void close();
}

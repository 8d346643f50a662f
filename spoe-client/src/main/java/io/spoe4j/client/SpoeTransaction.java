package io.spoe4j.client;

import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.config.SpoeEvent;
import java.util.concurrent.CompletionStage;

/**
 * One HAProxy stream: an HTTP request with its response, or a TCP stream. Events and groups run
 * one at a time in call order (a call made while another runs waits for it, without blocking);
 * each returned stage completes exactly once, by the processing deadline, on a client event loop
 * thread or on the calling thread when the outcome is known at once. Do not block in callbacks.
 * Thread-safe.
 */
public interface SpoeTransaction extends AutoCloseable {

    /** Sends the messages of {@code event} whose condition holds, in one NOTIFY. */
    CompletionStage<SpoeResult> fire(SpoeEvent event);

    /**
     * {@code send-spoe-group ENGINE group}: sends the group's messages in one NOTIFY. A group the
     * engine does not declare fails the returned stage with an {@link IllegalArgumentException}
     * naming it; nothing is thrown from the call itself (except for a null argument).
     */
    CompletionStage<SpoeResult> sendGroup(String group);

    /**
     * {@code send-spoe-group ENGINE group if condition}: skipped (CONDITION_FALSE) when it does not
     * hold. An unknown group fails the stage as in {@link #sendGroup(String)}.
     */
    CompletionStage<SpoeResult> sendGroup(String group, Condition condition);

    /**
     * Replaces the attributes later events read, e.g. once the response is known. Variables stay
     * with the transaction.
     */
    void attributes(RequestAttributes attributes);

    /**
     * The attributes events read, wrapped so that {@code var()} sees this transaction's variables
     * first and the adapter's own variables otherwise. Adapters evaluating their own ACLs use it.
     */
    RequestAttributes attributes();

    /**
     * Tells the engine the request was passed on to the server: the {@code req} and {@code res}
     * variables set so far are dropped, {@code txn}, {@code sess} and {@code proc} ones kept. HAProxy
     * keeps req and res in one store per stream and prunes it once it has connected to the server,
     * so response events see {@code var(req.x)} as absent. Adapters call it after the last request
     * step, before handing the request upstream; it takes effect at once (variables an ACK still in
     * flight sets afterwards stay).
     */
    void requestForwarded();

    /** Every variable this transaction sees: proc, sess, txn, req and res. */
    SpoeVariables variables();

    /**
     * Sets a variable by full name, as a haproxy.cfg {@code set-var(txn.path)} rule does: into this
     * transaction's txn, req or res store, its session's sess store or its engine's proc store, by
     * the name's scope prefix; later messages' {@code var()} read it. No var-prefix is added.
     *
     * @throws IllegalArgumentException if {@code fullName} has no {@code proc.}, {@code sess.},
     *     {@code txn.}, {@code req.} or {@code res.} prefix followed by a name
     */
    void setVariable(String fullName, Sample value);

    /**
     * Removes a variable by full name, as a haproxy.cfg {@code unset-var(txn.path)} rule does; an
     * unset variable is left alone. Same scopes and exception as {@link #setVariable}.
     */
    void unsetVariable(String fullName);

    /** Whether an error without continue-on-error disabled the engine for this transaction. */
    boolean disabled();

    /**
     * Ends the transaction: a running event or group fails with set-on-error 4 (interrupted), its
     * late ACK is ignored, and later calls are skipped (DISABLED). Idempotent.
     */
    @Override
    void close();
}

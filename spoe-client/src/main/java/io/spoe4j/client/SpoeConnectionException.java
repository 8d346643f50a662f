package io.spoe4j.client;

import io.spoe4j.codec.SpopStatus;

/**
 * The connection carrying the request failed or was closed before the ACK (set-on-error
 * 256 + SPOP status): an I/O error or EOF (status 1), an AGENT-DISCONNECT (the agent's status),
 * or the hello timeout (status 2). The request may succeed on another connection.
 * {@link SpoeProtocolException} is the subclass for an agent that broke the protocol.
 */
public class SpoeConnectionException extends SpoeClientException {
    private static final long serialVersionUID = 1L;

    private final long status;
    private final boolean fromAgent;

    public SpoeConnectionException(String message, String server, long status, boolean fromAgent, Throwable cause) {
        super(message + " (status " + status + ": " + SpopStatus.reason(status) + ")", message, server, cause);
        this.status = status;
        this.fromAgent = fromAgent;
    }

    /** The SPOP status code: sent by the agent in its DISCONNECT, or decided by this client. */
    public long status() {
        return status;
    }

    /** Whether the status came from the agent's AGENT-DISCONNECT frame. */
    public boolean fromAgent() {
        return fromAgent;
    }

    @Override
    public int errorCode() {
        return (int) Math.min(Integer.MAX_VALUE, 256 + status);
    }
}

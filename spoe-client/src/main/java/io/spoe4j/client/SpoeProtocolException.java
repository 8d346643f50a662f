package io.spoe4j.client;

/**
 * The agent broke SPOP (set-on-error 256 + status): an invalid AGENT-HELLO (5, 8, 9), an invalid
 * or oversize frame (3, 4), an ACK for ids never sent (12). The client sent HAPROXY-DISCONNECT
 * with that status and closed the connection. Usually a bug or misconfiguration of the agent.
 */
public final class SpoeProtocolException extends SpoeConnectionException {
    private static final long serialVersionUID = 1L;

    public SpoeProtocolException(String message, String server, long status, Throwable cause) {
        super(message, server, status, false, cause);
    }
}

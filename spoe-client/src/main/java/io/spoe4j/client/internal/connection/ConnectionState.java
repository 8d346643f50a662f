package io.spoe4j.client.internal.connection;

/** Per-connection states, mirroring HAProxy 3.1+'s SPOP mux (reference §11.5). */
public enum ConnectionState {
    /** Connecting; the HELLO goes out once the channel is active. */
    HA_HELLO,
    /** HELLO sent, waiting for AGENT-HELLO (bounded by {@code timeout hello}). */
    AGENT_HELLO,
    /** Handshake done: NOTIFY out, ACK in. */
    RUNNING,
    /** HAPROXY-DISCONNECT sent; waiting (bounded) for AGENT-DISCONNECT or EOF. */
    CLOSING,
    /** Closed; every pending request has been failed. */
    CLOSED
}

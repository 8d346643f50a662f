package io.spoe4j.client;

import io.spoe4j.SpoeException;

/**
 * Why a {@link SpoeClient#send} failed. Every subclass exposes the value HAProxy would store in
 * the {@code set-on-error} variable ({@link #errorCode()}), so an engine can mirror HAProxy's
 * behaviour without knowing the cause in detail. Instances are immutable.
 */
public abstract class SpoeClientException extends SpoeException {
    private static final long serialVersionUID = 1L;

    private final String server;
    private final String detail;

    protected SpoeClientException(String message, String server, Throwable cause) {
        this(message, message, server, cause);
    }

    /** @param fullMessage {@code detail} with additions such as the status; the server is prefixed here */
    protected SpoeClientException(String fullMessage, String detail, String server, Throwable cause) {
        super(server == null ? fullMessage : "[" + server + "] " + fullMessage, cause);
        this.server = server;
        this.detail = detail;
    }

    /** What happened, without the server prefix or the status suffix of {@link #getMessage()}. */
    public String detail() {
        return detail;
    }

    /** HAProxy's set-on-error code: 1 timeout, 2 resource, 3 too big, 256 + SPOP status, 0 skipped. */
    public abstract int errorCode();

    /** The agent server involved, or {@code null} when the request never reached one. */
    public String server() {
        return server;
    }
}

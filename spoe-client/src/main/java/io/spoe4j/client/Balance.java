package io.spoe4j.client;

/** How requests are spread over an engine's agent servers, like HAProxy's {@code balance}. */
public enum Balance {
    /** Each request goes to the next server in turn (among servers that are up and have room). */
    ROUNDROBIN,
    /** Each request goes to the server with the fewest requests in flight. */
    LEASTCONN
}

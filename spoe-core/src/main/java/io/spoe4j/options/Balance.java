package io.spoe4j.options;

/** How requests are spread over an engine's agent servers, HAProxy's {@code balance} keyword. */
public enum Balance {
    /** Each request goes to the next server in turn (among servers that are up and have room). */
    ROUNDROBIN("roundrobin"),
    /** Each request goes to the server with the fewest requests in flight. */
    LEASTCONN("leastconn");

    private final String keyword;

    Balance(String keyword) {
        this.keyword = keyword;
    }

    /** The {@code balance} argument naming this algorithm. */
    public String keyword() {
        return keyword;
    }
}

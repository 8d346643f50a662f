package io.spoe4j.config;

/** How a backend spreads NOTIFY frames over its agent servers ({@code balance} keyword). */
public enum Balance {
    ROUNDROBIN("roundrobin"),
    LEASTCONN("leastconn");

    private final String keyword;

    Balance(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}

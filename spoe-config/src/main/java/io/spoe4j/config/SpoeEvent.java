package io.spoe4j.config;

import java.util.Arrays;
import java.util.Optional;

/** The eight SPOE events a {@code spoe-message} can be attached to, with their config keyword. */
public enum SpoeEvent {
    ON_CLIENT_SESSION("on-client-session", false),
    ON_FRONTEND_TCP_REQUEST("on-frontend-tcp-request", false),
    ON_BACKEND_TCP_REQUEST("on-backend-tcp-request", false),
    ON_FRONTEND_HTTP_REQUEST("on-frontend-http-request", false),
    ON_BACKEND_HTTP_REQUEST("on-backend-http-request", false),
    ON_SERVER_SESSION("on-server-session", true),
    ON_TCP_RESPONSE("on-tcp-response", true),
    ON_HTTP_RESPONSE("on-http-response", true);

    private final String keyword;
    private final boolean response;

    SpoeEvent(String keyword, boolean response) {
        this.keyword = keyword;
        this.response = response;
    }

    public String keyword() {
        return keyword;
    }

    /** True for the events that fire once the server side exists (response data may be read). */
    public boolean isResponse() {
        return response;
    }

    public static Optional<SpoeEvent> fromKeyword(String keyword) {
        return Arrays.stream(values()).filter(e -> e.keyword.equals(keyword)).findFirst();
    }
}

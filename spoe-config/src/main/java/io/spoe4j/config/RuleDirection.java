package io.spoe4j.config;

/** The rule set a rule belongs to, with HAProxy's keyword. */
public enum RuleDirection {
    TCP_REQUEST_CONTENT("tcp-request content", false),
    TCP_RESPONSE_CONTENT("tcp-response content", true),
    HTTP_REQUEST("http-request", false),
    HTTP_RESPONSE("http-response", true),
    /** Applied to every response, HAProxy's own answers (deny, return, redirect, errors) included. */
    HTTP_AFTER_RESPONSE("http-after-response", true);

    private final String keyword;
    private final boolean response;

    RuleDirection(String keyword, boolean response) {
        this.keyword = keyword;
        this.response = response;
    }

    public String keyword() {
        return keyword;
    }

    /** True when response data is available to the group's messages. */
    public boolean isResponse() {
        return response;
    }
}

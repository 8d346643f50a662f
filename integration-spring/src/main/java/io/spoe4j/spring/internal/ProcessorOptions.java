package io.spoe4j.spring.internal;

import io.spoe4j.acl.LogFormat;
import io.spoe4j.http.HttpRules;
import java.util.Objects;

/**
 * What one processor runs and how: its rules, the variable header prefixes ({@code null}: none),
 * the body limit, and HAProxy's {@code unique-id-format}/{@code unique-id-header} ({@code null}: none).
 */
public record ProcessorOptions(String name, HttpRules rules, String requestHeaderPrefix, String responseHeaderPrefix,
        int maxBodyBytes, LogFormat uniqueIdFormat, String uniqueIdHeader) {
    public ProcessorOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rules, "rules");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
    }
}

package io.spoe4j.testkit;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopStatus;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the agent answers to a HAPROXY-HELLO: the keys of its AGENT-HELLO, or a refusal with an
 * AGENT-DISCONNECT. A {@code null} version or capabilities, or a negative max-frame-size, omits
 * that key, so clients' validation of bad HELLOs can be tested. Immutable and thread-safe.
 *
 * @param version the {@code version} value, {@code null} to omit it
 * @param maxFrameSize the agent's own limit, or the exact value to send when {@code exactMaxFrameSize}
 * @param exactMaxFrameSize send {@code maxFrameSize} as is instead of {@code min(maxFrameSize, announced)}
 * @param capabilities the raw {@code capabilities} string, {@code null} to omit it
 * @param refusalStatus when non-negative, answer with AGENT-DISCONNECT with this status code
 * @param refusalMessage the refusal's message
 */
public record AgentHelloSpec(String version, long maxFrameSize, boolean exactMaxFrameSize, String capabilities,
        long refusalStatus, String refusalMessage) {
    /** The version a current agent announces. */
    public static final String DEFAULT_VERSION = "2.0";

    public AgentHelloSpec {
        if (!exactMaxFrameSize && maxFrameSize >= 0 && maxFrameSize < AgentOptions.MIN_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be at least " + AgentOptions.MIN_MAX_FRAME_SIZE
                    + " (use exactMaxFrameSize to send an invalid value on purpose), got " + maxFrameSize);
        }
        if (maxFrameSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maxFrameSize must fit in UINT32, got " + maxFrameSize);
        }
        if (refusalStatus >= 0) {
            Objects.requireNonNull(refusalMessage, "refusalMessage");
        }
    }

    /** Version 2.0, max-frame-size min({@link AgentOptions#DEFAULT_MAX_FRAME_SIZE}, announced), capabilities {@code pipelining,async}. */
    public static AgentHelloSpec standard() {
        return new AgentHelloSpec(DEFAULT_VERSION, AgentOptions.DEFAULT_MAX_FRAME_SIZE, false, "pipelining,async", -1, null);
    }

    /** Answers every HELLO with AGENT-DISCONNECT carrying {@code status} and its reason string. */
    public static AgentHelloSpec refusing(SpopStatus status) {
        return refusing(status.code(), status.reason());
    }

    /** Answers every HELLO with AGENT-DISCONNECT carrying {@code statusCode} and {@code message}. */
    public static AgentHelloSpec refusing(long statusCode, String message) {
        if (statusCode < 0) {
            throw new IllegalArgumentException("refusal statusCode must not be negative, got " + statusCode);
        }
        AgentHelloSpec s = standard();
        return new AgentHelloSpec(s.version, s.maxFrameSize, false, s.capabilities, statusCode, message);
    }

    /** This spec announcing {@code version} ({@code null} omits the key). */
    public AgentHelloSpec withVersion(String version) {
        return new AgentHelloSpec(version, maxFrameSize, exactMaxFrameSize, capabilities, refusalStatus, refusalMessage);
    }

    /** This spec with the agent's own limit: it answers {@code min(maxFrameSize, announced)}. */
    public AgentHelloSpec withMaxFrameSize(int maxFrameSize) {
        return new AgentHelloSpec(version, maxFrameSize, false, capabilities, refusalStatus, refusalMessage);
    }

    /** This spec sending exactly {@code maxFrameSize}, even out of range ({@code -1} omits the key). */
    public AgentHelloSpec withExactMaxFrameSize(long maxFrameSize) {
        return new AgentHelloSpec(version, maxFrameSize, true, capabilities, refusalStatus, refusalMessage);
    }

    /** This spec announcing exactly these capabilities (none: an empty string). */
    public AgentHelloSpec withCapabilities(Capability... capabilities) {
        String words = Arrays.stream(capabilities).map(Capability::word).distinct().collect(Collectors.joining(","));
        return withRawCapabilities(words);
    }

    /** This spec announcing this raw capabilities string ({@code null} omits the key). */
    public AgentHelloSpec withRawCapabilities(String capabilities) {
        return new AgentHelloSpec(version, maxFrameSize, exactMaxFrameSize, capabilities, refusalStatus, refusalMessage);
    }

    /** Whether HELLOs are refused with an AGENT-DISCONNECT. */
    public boolean refuses() {
        return refusalStatus >= 0;
    }

    /** Whether the capabilities string names {@code capability}, parsed the way HAProxy parses it. */
    public boolean announces(Capability capability) {
        return hasWord(capabilities, capability.word());
    }

    /** HAProxy's capability parsing: comma-separated, leading spaces skipped, word then end, space or comma. */
    public static boolean hasWord(String capabilities, String word) {
        if (capabilities == null) {
            return false;
        }
        for (String token : capabilities.split(",", -1)) {
            String t = token.stripLeading();
            if (t.startsWith(word) && (t.length() == word.length() || t.charAt(word.length()) == ' ')) {
                return true;
            }
        }
        return false;
    }
}

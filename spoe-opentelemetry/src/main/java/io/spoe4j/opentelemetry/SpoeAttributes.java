package io.spoe4j.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The span attributes spoe4j sets, besides the semantic conventions' {@code server.address},
 * {@code server.port} and {@code network.transport}. Names follow the conventions' style under
 * the {@code spoe.} namespace.
 */
public final class SpoeAttributes {
    /** The engine name. */
    public static final AttributeKey<String> ENGINE = AttributeKey.stringKey("spoe.engine");
    /** {@code event} or {@code group}. */
    public static final AttributeKey<String> KIND = AttributeKey.stringKey("spoe.kind");
    /** The event keyword ({@code on-frontend-http-request}) or the group name. */
    public static final AttributeKey<String> NAME = AttributeKey.stringKey("spoe.name");
    /** The messages sent (or that would have been), in order. */
    public static final AttributeKey<List<String>> MESSAGES = AttributeKey.stringArrayKey("spoe.messages");
    /** The agent server's name. */
    public static final AttributeKey<String> SERVER = AttributeKey.stringKey("spoe.server");
    /** The NOTIFY's stream-id, when an ACK answered it. */
    public static final AttributeKey<Long> STREAM_ID = AttributeKey.longKey("spoe.stream_id");
    /** The NOTIFY's frame-id, when an ACK answered it. */
    public static final AttributeKey<Long> FRAME_ID = AttributeKey.longKey("spoe.frame_id");
    /** {@code processed}, {@code skipped} or {@code failed}. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("spoe.outcome");
    /** Why a skipped exchange sent nothing ({@code condition_false}, {@code rate_limit}, ...). */
    public static final AttributeKey<String> SKIP_REASON = AttributeKey.stringKey("spoe.skip_reason");
    /** HAProxy's set-on-error code of a failed exchange (0 otherwise). */
    public static final AttributeKey<Long> ERROR_CODE = AttributeKey.longKey("spoe.error_code");
    /** The size of the NOTIFY's LIST-OF-MESSAGES in bytes. */
    public static final AttributeKey<Long> PAYLOAD_BYTES = AttributeKey.longKey("spoe.payload_bytes");
    /** The number of ACK actions. */
    public static final AttributeKey<Long> ACTIONS = AttributeKey.longKey("spoe.actions");

    private SpoeAttributes() {
    }
}

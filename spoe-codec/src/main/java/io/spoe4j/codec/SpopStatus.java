package io.spoe4j.codec;

/**
 * SPOP status codes carried by DISCONNECT frames, with the exact reason strings HAProxy sends.
 * Agents may use other codes (14-98, 100+); {@link #reason(long)} covers those too.
 */
public enum SpopStatus {
    NORMAL(0, "normal"),
    IO_ERROR(1, "I/O error"),
    TIMEOUT(2, "a timeout occurred"),
    FRAME_TOO_BIG(3, "frame is too big"),
    INVALID_FRAME(4, "invalid frame received"),
    NO_VERSION(5, "version value not found"),
    NO_MAX_FRAME_SIZE(6, "max-frame-size value not found"),
    NO_CAPABILITIES(7, "capabilities value not found"),
    UNSUPPORTED_VERSION(8, "unsupported version"),
    BAD_MAX_FRAME_SIZE(9, "max-frame-size too big or too small"),
    FRAGMENTATION_NOT_SUPPORTED(10, "fragmentation not supported"),
    INTERLACED_FRAMES(11, "invalid interlaced frames"),
    FRAME_ID_NOT_FOUND(12, "frame-id not found"),
    RESOURCE_ERROR(13, "resource allocation error"),
    UNKNOWN(99, "an unknown error occurred");

    private static final SpopStatus[] BY_CODE = new SpopStatus[14];

    static {
        for (SpopStatus s : values()) {
            if (s.code < BY_CODE.length) {
                BY_CODE[s.code] = s;
            }
        }
    }

    private final int code;
    private final String reason;

    SpopStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The status for a code, or {@link #UNKNOWN} for codes HAProxy does not define (as HAProxy maps them). */
    public static SpopStatus of(long code) {
        if (code >= 0 && code < BY_CODE.length) {
            return BY_CODE[(int) code];
        }
        return UNKNOWN;
    }

    /** HAProxy's reason string for a known code, or a generic description naming an agent-defined code. */
    public static String reason(long code) {
        if (code >= 0 && code < BY_CODE.length || code == 99) {
            return of(code).reason;
        }
        return "agent-defined status " + code;
    }
}

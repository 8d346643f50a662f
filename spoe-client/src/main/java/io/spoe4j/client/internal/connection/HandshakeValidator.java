package io.spoe4j.client.internal.connection;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentHandshake;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopCodecException;
import io.spoe4j.codec.SpopStatus;

/**
 * Validates an AGENT-HELLO as HAProxy does (reference §3.3), with these policy choices (§11.2):
 * <ul>
 * <li>missing {@code max-frame-size}: accepted, the announced value is kept (3.1+);</li>
 * <li>unparsable {@code version}: status 8 "unsupported version" (1.8-3.0; 3.1+ says 4), because
 * it tells the operator what is wrong;</li>
 * <li>missing {@code capabilities}: accepted, no capability;</li>
 * <li>an AGENT-DISCONNECT instead of the HELLO is the agent closing with its own status
 * (handled by the connection, not here), more useful than 3.1+'s status 4.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class HandshakeValidator {
    /** The only SPOP version HAProxy 1.8.10+ accepts, as major * 1000 + minor. */
    static final int SPOP_2_0 = 2000;

    private HandshakeValidator() {
    }

    /**
     * @param hello the agent's answer
     * @param announcedMaxFrameSize the max-frame-size our HELLO announced
     * @param pipelining whether our HELLO announced pipelining
     * @param async whether our HELLO announced async
     * @param fragmentation whether we may send fragmented NOTIFY frames
     * @throws SpopCodecException with the status to send in HAPROXY-DISCONNECT
     */
    public static AgentHandshake validate(Frame.AgentHello hello, int announcedMaxFrameSize, boolean pipelining,
            boolean async, boolean fragmentation) {
        if (hello.version() == null) {
            throw new SpopCodecException(SpopStatus.NO_VERSION, "AGENT-HELLO has no version");
        }
        int version = parseVersion(hello.version());
        if (version != SPOP_2_0) {
            throw new SpopCodecException(SpopStatus.UNSUPPORTED_VERSION,
                    "agent chose version '" + hello.version() + "', only 2.0 is supported");
        }
        long max = hello.maxFrameSize();
        int negotiated;
        if (max < 0) {
            negotiated = announcedMaxFrameSize;
        } else if (max < AgentOptions.MIN_MAX_FRAME_SIZE || max > announcedMaxFrameSize) {
            throw new SpopCodecException(SpopStatus.BAD_MAX_FRAME_SIZE, "agent max-frame-size " + max
                    + " is outside [" + AgentOptions.MIN_MAX_FRAME_SIZE + ", " + announcedMaxFrameSize + "]");
        } else {
            negotiated = (int) max;
        }
        String caps = hello.capabilities() == null ? "" : hello.capabilities();
        return new AgentHandshake(hello.version(), negotiated, caps, pipelining && hasCapability(caps, "pipelining"),
                async && hasCapability(caps, "async"), fragmentation && hasCapability(caps, "fragmentation"));
    }

    /**
     * HAProxy's version parser: optional spaces, a non-zero decimal major, '.', a decimal minor
     * up to 999, optional spaces. Returns major * 1000 + minor, or -1 when unparsable.
     */
    static int parseVersion(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        long major = 0;
        while (i < n && Character.isDigit(text.charAt(i)) && i - start < 9) {
            major = major * 10 + (text.charAt(i++) - '0');
        }
        if (i == start || major == 0 || i >= n || text.charAt(i) != '.') {
            return -1;
        }
        i++;
        start = i;
        long minor = 0;
        while (i < n && Character.isDigit(text.charAt(i)) && i - start < 9) {
            minor = minor * 10 + (text.charAt(i++) - '0');
        }
        if (i == start || minor > 999) {
            return -1;
        }
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        if (i != n || major > 1_000_000) {
            return -1;
        }
        return (int) (major * 1000 + minor);
    }

    /**
     * HAProxy's capability test: tokens split on ',', leading spaces skipped, a token matches when
     * it starts with {@code word} followed by end, space or comma. Case-sensitive.
     */
    static boolean hasCapability(String caps, String word) {
        int i = 0;
        int n = caps.length();
        while (i <= n) {
            while (i < n && caps.charAt(i) == ' ') {
                i++;
            }
            if (caps.startsWith(word, i)) {
                int end = i + word.length();
                if (end == n || caps.charAt(end) == ' ' || caps.charAt(end) == ',') {
                    return true;
                }
            }
            int comma = caps.indexOf(',', i);
            if (comma < 0) {
                return false;
            }
            i = comma + 1;
        }
        return false;
    }

    /** An unexpected frame, for error messages. */
    static String describe(Frame frame) {
        if (frame instanceof Frame.Fragment f) {
            return "frame " + f.frameType() + " without FIN (fragmented frames are not accepted)";
        }
        if (frame instanceof Frame.Unknown u) {
            return "frame of unknown type " + u.typeCode() + " with stream-id " + u.streamId();
        }
        return frame.type() + " frame";
    }
}

package io.spoe4j.testkit;

import io.spoe4j.codec.SpopStatus;
import java.util.Objects;

/**
 * A misbehaviour the agent performs instead of (or while) answering one NOTIFY, so clients can be
 * tested against broken agents. Use with {@link Response#fault(Fault)} or
 * {@link Response#withFault(Fault)}; combine with {@link Response#delay} to misbehave later.
 * Values are immutable and thread-safe.
 */
public sealed interface Fault {

    /** Close the connection without sending anything. */
    record CloseSocket() implements Fault {
    }

    /** Write the first {@code bytes} bytes of the ACK (at least 1, less than the whole frame), then close. */
    record CloseMidFrame(int bytes) implements Fault {
        public CloseMidFrame {
            if (bytes < 1) {
                throw new IllegalArgumentException("bytes must be at least 1, got " + bytes);
            }
        }
    }

    /** Never answer this NOTIFY; the connection stays open and later NOTIFYs are answered. */
    record Stall() implements Fault {
    }

    /** Send AGENT-DISCONNECT with this status code and message, then close. */
    record Disconnect(long statusCode, String message) implements Fault {
        public Disconnect {
            if (statusCode < 0) {
                throw new IllegalArgumentException("statusCode must not be negative, got " + statusCode);
            }
            Objects.requireNonNull(message, "message");
        }
    }

    /** Write these bytes instead of the ACK and keep the connection open. */
    record Garbage(byte[] bytes) implements Fault {
        public Garbage {
            if (bytes.length == 0) {
                throw new IllegalArgumentException("garbage bytes must not be empty");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Garbage g && java.util.Arrays.equals(g.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Garbage[" + bytes.length + " bytes]";
        }
    }

    /** Send the ACK with these ids instead of the NOTIFY's (the NOTIFY itself is never acknowledged). */
    record WrongIds(long streamId, long frameId) implements Fault {
        public WrongIds {
            if (streamId < 0 || frameId < 0) {
                throw new IllegalArgumentException("ids must not be negative: " + streamId + "/" + frameId);
            }
        }
    }

    /**
     * Hold this ACK and the ACKs of the next {@code count - 1} NOTIFYs answered on the same
     * connection, then write all {@code count} in reverse order (pipelining clients must correlate by ids).
     */
    record ReorderAcks(int count) implements Fault {
        public ReorderAcks {
            if (count < 2) {
                throw new IllegalArgumentException("count must be at least 2, got " + count);
            }
        }
    }

    /**
     * Send the ACK in {@code parts} frames: an ACK without FIN, then UNSET continuations, the last with
     * FIN. HAProxy never accepted fragmented frames from agents (status 10), so clients must reject it.
     */
    record FragmentedAck(int parts) implements Fault {
        public FragmentedAck {
            if (parts < 2) {
                throw new IllegalArgumentException("parts must be at least 2, got " + parts);
            }
        }
    }

    /** Send an ACK whose LENGTH is the negotiated max-frame-size plus {@code extraBytes} (padding in txn var {@code padding}). */
    record ExceedMaxFrameSize(int extraBytes) implements Fault {
        public ExceedMaxFrameSize {
            if (extraBytes < 1) {
                throw new IllegalArgumentException("extraBytes must be at least 1, got " + extraBytes);
            }
        }
    }

    static Fault closeSocket() {
        return new CloseSocket();
    }

    /** Close after the ACK's 4-byte length and first header byte. */
    static Fault closeMidFrame() {
        return new CloseMidFrame(5);
    }

    static Fault stall() {
        return new Stall();
    }

    static Fault disconnect(SpopStatus status) {
        return new Disconnect(status.code(), status.reason());
    }

    static Fault disconnect(long statusCode, String message) {
        return new Disconnect(statusCode, message);
    }

    static Fault garbage(byte[] bytes) {
        return new Garbage(bytes);
    }

    static Fault wrongIds(long streamId, long frameId) {
        return new WrongIds(streamId, frameId);
    }

    static Fault reorderAcks(int count) {
        return new ReorderAcks(count);
    }

    static Fault fragmentedAck(int parts) {
        return new FragmentedAck(parts);
    }

    static Fault exceedMaxFrameSize(int extraBytes) {
        return new ExceedMaxFrameSize(extraBytes);
    }
}

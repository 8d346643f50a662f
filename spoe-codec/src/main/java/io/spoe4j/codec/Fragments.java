package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.Frame.Notify;
import java.util.ArrayList;
import java.util.List;

/**
 * NOTIFY fragmentation as HAProxy 1.8 to 3.0 did it, for agents that announce
 * {@code fragmentation}: the first part is a NOTIFY without FIN, the rest are UNSET frames with the
 * same ids, and the last one carries FIN. The concatenated payloads are exactly the unfragmented
 * LIST-OF-MESSAGES. An abort is an UNSET frame with FIN|ABORT and no payload.
 */
public final class Fragments {
    private Fragments() {
    }

    /**
     * Splits {@code notify} into frames whose LENGTH is at most {@code maxFrameSize}. A NOTIFY that
     * fits is returned as a single {@link Notify}.
     */
    public static List<Frame> split(Notify notify, int maxFrameSize) {
        int header = 5 + Varint.length(notify.streamId()) + Varint.length(notify.frameId());
        int payloadLength = FrameCodec.messagesLength(notify.messages());
        if (header + payloadLength <= maxFrameSize) {
            return List.of(notify);
        }
        int chunk = maxFrameSize - header;
        if (chunk <= 0) {
            throw new IllegalArgumentException("max-frame-size " + maxFrameSize + " leaves no room for a payload");
        }
        ByteBuf payload = ByteBufAllocator.DEFAULT.heapBuffer(payloadLength);
        try {
            FrameCodec.writeMessages(notify.messages(), payload);
            return split(notify.streamId(), notify.frameId(), payload, maxFrameSize);
        } finally {
            payload.release();
        }
    }

    /**
     * Splits a LIST-OF-MESSAGES (the readable bytes of {@code payload}, all consumed) into the
     * fragments of one NOTIFY whose LENGTH is at most {@code maxFrameSize} each, as
     * {@link #split(Notify, int)} does; the caller checked that it does not fit in one frame.
     */
    public static List<Frame> split(long streamId, long frameId, ByteBuf payload, int maxFrameSize) {
        int chunk = maxFrameSize - (5 + Varint.length(streamId) + Varint.length(frameId));
        if (chunk <= 0) {
            throw new IllegalArgumentException("max-frame-size " + maxFrameSize + " leaves no room for a payload");
        }
        List<Frame> frames = new ArrayList<>(payload.readableBytes() / chunk + 1);
        boolean first = true;
        while (payload.isReadable()) {
            int n = Math.min(chunk, payload.readableBytes());
            byte[] part = new byte[n];
            payload.readBytes(part);
            int flags = payload.isReadable() ? 0 : Frame.FLAG_FIN;
            frames.add(new Fragment(first ? FrameType.NOTIFY : FrameType.UNSET, flags, streamId, frameId, part));
            first = false;
        }
        return frames;
    }

    /** The frame that aborts a fragmented NOTIFY in progress. */
    public static Fragment abort(long streamId, long frameId) {
        return new Fragment(FrameType.UNSET, Frame.FLAG_FIN | Frame.FLAG_ABORT, streamId, frameId, new byte[0]);
    }

    /**
     * Reassembles one fragmented NOTIFY at a time, as an agent does. Not thread-safe: one per
     * connection, used from its event loop.
     */
    public static final class Reassembler {
        private final int maxTotalSize;
        private ByteBuf pending;
        private long streamId;
        private long frameId;

        /** @param maxTotalSize largest reassembled payload accepted (status 3 above it) */
        public Reassembler(int maxTotalSize) {
            this.maxTotalSize = maxTotalSize;
        }

        /** Whether a fragmented frame is in progress. */
        public boolean inProgress() {
            return pending != null;
        }

        /**
         * Adds a fragment. Returns the complete NOTIFY when {@code fragment} was the last one,
         * {@code null} while more are expected or after an abort.
         *
         * @throws SpopCodecException status 11 for fragments of another frame interleaved with the
         *         one in progress, 4 for a continuation with nothing in progress or a non-NOTIFY
         *         first part, 3 when the whole payload grows past the limit
         */
        public Notify add(Fragment fragment) {
            if (fragment.abort()) {
                if (pending != null && (fragment.streamId() != streamId || fragment.frameId() != frameId)) {
                    throw new SpopCodecException(SpopStatus.INTERLACED_FRAMES, "abort for " + fragment.streamId()
                            + "/" + fragment.frameId() + " while " + streamId + "/" + frameId + " is in progress");
                }
                reset();
                return null;
            }
            if (pending == null) {
                if (fragment.frameType() != FrameType.NOTIFY) {
                    throw SpopCodecException.invalid(fragment.frameType() + " fragment with no fragmented NOTIFY in progress");
                }
                pending = ByteBufAllocator.DEFAULT.heapBuffer(Math.min(maxTotalSize, 4 * fragment.payload().length + 64));
                streamId = fragment.streamId();
                frameId = fragment.frameId();
            } else if (fragment.frameType() != FrameType.UNSET || fragment.streamId() != streamId
                    || fragment.frameId() != frameId) {
                long sid = streamId;
                long fid = frameId;
                reset();
                throw new SpopCodecException(SpopStatus.INTERLACED_FRAMES, fragment.frameType() + " "
                        + fragment.streamId() + "/" + fragment.frameId() + " interleaved with fragmented NOTIFY "
                        + sid + "/" + fid);
            }
            if (pending.readableBytes() + fragment.payload().length > maxTotalSize) {
                reset();
                throw new SpopCodecException(SpopStatus.FRAME_TOO_BIG,
                        "reassembled NOTIFY exceeds " + maxTotalSize + " bytes");
            }
            pending.writeBytes(fragment.payload());
            if (!fragment.fin()) {
                return null;
            }
            try {
                return new Notify(streamId, frameId, FrameCodec.readMessages(pending));
            } finally {
                reset();
            }
        }

        /** Drops any partial frame and its buffer. */
        public void reset() {
            if (pending != null) {
                pending.release();
                pending = null;
            }
        }
    }
}

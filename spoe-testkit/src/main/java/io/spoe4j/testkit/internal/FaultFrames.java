package io.spoe4j.testkit.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.FrameType;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import java.util.ArrayList;
import java.util.List;

/** Builds the malformed frames some faults send. Plain code, testable without a channel. */
final class FaultFrames {
    /** Name of the txn variable that pads an oversized ACK. */
    static final String PADDING_VAR = "padding";

    private FaultFrames() {
    }

    /** {@code ack}'s payload cut into {@code parts} frames: ACK without FIN, UNSET continuations, FIN on the last. */
    static List<Frame> fragmentedAck(Ack ack, int parts) {
        ByteBuf payload = Unpooled.buffer();
        byte[] bytes;
        try {
            FrameCodec.writeActions(ack.actions(), payload);
            bytes = new byte[payload.readableBytes()];
            payload.readBytes(bytes);
        } finally {
            payload.release();
        }
        List<Frame> frames = new ArrayList<>(parts);
        int offset = 0;
        for (int i = 0; i < parts; i++) {
            int end = i == parts - 1 ? bytes.length : (int) ((long) bytes.length * (i + 1) / parts);
            byte[] part = java.util.Arrays.copyOfRange(bytes, offset, end);
            offset = end;
            FrameType type = i == 0 ? FrameType.ACK : FrameType.UNSET;
            int flags = i == parts - 1 ? Frame.FLAG_FIN : 0;
            frames.add(new Fragment(type, flags, ack.streamId(), ack.frameId(), part));
        }
        return frames;
    }

    /** {@code ack} plus a BINARY txn variable sized so that LENGTH is at least {@code minLength} (exactly when possible). */
    static Ack oversizedAck(Ack ack, int minLength) {
        int size = Math.max(0, minLength - FrameCodec.bodyLength(withPadding(ack, 0)));
        while (FrameCodec.bodyLength(withPadding(ack, size)) > minLength && size > 0) {
            size--;
        }
        while (FrameCodec.bodyLength(withPadding(ack, size)) < minLength) {
            size++;
        }
        return withPadding(ack, size);
    }

    private static Ack withPadding(Ack ack, int size) {
        List<Action> actions = new ArrayList<>(ack.actions());
        actions.add(Action.setVar(Scope.TXN, PADDING_VAR, TypedValue.binary(new byte[size])));
        return new Ack(ack.streamId(), ack.frameId(), actions);
    }
}

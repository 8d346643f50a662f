package io.spoe4j.client.internal.engine;

import io.spoe4j.options.AgentOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.config.MessageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one event or group, compiled: encodes those whose condition holds, in
 * configuration order, as one LIST-OF-MESSAGES into a pooled buffer with room for the frame header
 * in front ({@link FrameCodec#NOTIFY_HEADROOM}), so the connection sends it without a copy. The
 * buffer starts at the size of the previous NOTIFY of this encoder (at most {@link #MAX_HINT}: one
 * large body must not make every later buffer large) and grows in place if needed. Thread-safe
 * (the size hint is a racy, self-correcting estimate).
 */
final class NotifyEncoder {
    /** The first buffer of an encoder, before it knows its messages' size. */
    static final int INITIAL_SIZE = 256;
    /** HAProxy's default max-frame-size: larger NOTIFYs are rare (fragmented or refused). */
    static final int MAX_HINT = AgentOptions.DEFAULT_MAX_FRAME_SIZE;

    private final MessageEncoder[] messages;
    /** The names when every message is sent, the common case: no list per NOTIFY. */
    private final List<String> allNames;
    private int sizeHint = INITIAL_SIZE;

    NotifyEncoder(List<MessageConfig> configs) {
        this.messages = new MessageEncoder[configs.size()];
        List<String> names = new ArrayList<>(configs.size());
        for (int i = 0; i < messages.length; i++) {
            messages[i] = new MessageEncoder(configs.get(i));
            names.add(messages[i].name);
        }
        this.allNames = List.copyOf(names);
    }

    /** A buffer for {@link #encode}: the size hint plus the header's room, reader and writer index after the room. */
    ByteBuf allocate() {
        ByteBuf buf = ByteBufAllocator.DEFAULT.ioBuffer(FrameCodec.NOTIFY_HEADROOM + sizeHint);
        buf.setIndex(FrameCodec.NOTIFY_HEADROOM, FrameCodec.NOTIFY_HEADROOM);
        return buf;
    }

    /**
     * Writes the messages whose condition holds for {@code attributes} (conditions and arguments
     * evaluated in order, as HAProxy does) and returns their names; empty when none.
     */
    List<String> encode(RequestAttributes attributes, ByteBuf out) {
        int start = out.writerIndex();
        List<String> partial = null;
        for (int i = 0; i < messages.length; i++) {
            MessageEncoder m = messages[i];
            if (m.condition != null && !m.condition.test(attributes)) {
                if (partial == null) {
                    partial = new ArrayList<>(messages.length);
                    for (int j = 0; j < i; j++) {
                        partial.add(messages[j].name);
                    }
                }
                continue;
            }
            m.write(attributes, out);
            if (partial != null) {
                partial.add(m.name);
            }
        }
        int size = out.writerIndex() - start;
        if (size > 0) {
            sizeHint = Math.min(size, MAX_HINT);
        }
        return partial == null ? allNames : partial;
    }
}

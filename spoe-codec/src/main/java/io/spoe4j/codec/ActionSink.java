package io.spoe4j.codec;

import io.netty.buffer.ByteBuf;

/**
 * Receives an ACK's actions, in order, as {@link FrameCodec#readActions(ByteBuf, ActionSink)}
 * decodes them: no {@link Action}, {@link TypedValue} or list in between. Names are the codec's
 * cached strings; a value is either primitive or a range of the frame's buffer, readable only
 * during the call (read it with absolute {@code get} methods, do not move the indexes). An action
 * reaches the sink only once it was decoded whole: like HAProxy, decoding stops silently at the
 * first unknown, malformed or truncated action. Called on the decoding thread.
 */
public interface ActionSink {
    /** UNSET-VAR. */
    void unsetVar(Scope scope, String name);

    /** SET-VAR with a NULL value, which HAProxy 2.3+ treats as an unset. */
    void setNull(Scope scope, String name);

    void setBool(Scope scope, String name, boolean value);

    /** SET-VAR of an INT32, UINT32, INT64 or UINT64: {@code value} holds the 64 bits read from the wire. */
    void setInt(Scope scope, String name, DataType type, long value);

    /** SET-VAR of an IPV4 (4 bytes) or IPV6 (16 bytes) address, in network order at {@code index} of {@code in}. */
    void setAddress(Scope scope, String name, DataType type, ByteBuf in, int index);

    /** SET-VAR of a STRING or BINARY: {@code length} bytes at {@code index} of {@code in}. */
    void setBytes(Scope scope, String name, DataType type, ByteBuf in, int index, int length);
}

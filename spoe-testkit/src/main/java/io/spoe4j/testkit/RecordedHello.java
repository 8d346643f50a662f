package io.spoe4j.testkit;

import io.spoe4j.codec.Frame;

/**
 * A HAPROXY-HELLO the agent received and what it answered. Immutable.
 *
 * @param connectionIndex 0-based order in which the agent accepted the connection
 * @param hello the decoded HELLO
 * @param raw the frame's bytes as received, length prefix included
 * @param answer the AGENT-HELLO or AGENT-DISCONNECT the agent sent back (or would have, under a hello fault)
 */
public record RecordedHello(int connectionIndex, Frame.HaproxyHello hello, byte[] raw, Frame answer) {
    public RecordedHello {
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Whether this was a health-check HELLO ({@code healthcheck} true). */
    public boolean healthcheck() {
        return hello.healthcheck();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedHello r && r.connectionIndex == connectionIndex && r.hello.equals(hello)
                && java.util.Arrays.equals(r.raw, raw) && r.answer.equals(answer);
    }

    @Override
    public int hashCode() {
        return hello.hashCode() * 31 + java.util.Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "RecordedHello[conn=" + connectionIndex + ", " + hello + ", answer=" + answer + "]";
    }
}

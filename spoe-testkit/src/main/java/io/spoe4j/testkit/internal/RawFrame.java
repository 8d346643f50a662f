package io.spoe4j.testkit.internal;

import io.spoe4j.codec.Frame;

/** A decoded frame with the exact bytes it came from, length prefix included. */
record RawFrame(Frame frame, byte[] raw) {
}

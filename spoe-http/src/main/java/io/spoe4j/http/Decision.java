package io.spoe4j.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rule engine decided for a request or a response; the adapter carries it out.
 * <ul>
 * <li>{@link Forward}: go on (to the upstream, or send the upstream's response), after applying the
 * edits the rules made ({@link HttpTransaction#applyRequestEdits}, {@link HttpTransaction#applyResponseEdits});</li>
 * <li>{@link Respond}: answer locally with {@link Respond#reply()} (the http-after-response rules
 * already applied), after {@link Respond#delay()} (a tarpit), closing the connection when {@link Respond#close()};</li>
 * <li>{@link Drop}: close the client connection without sending anything: reset it for
 * {@code silent-drop}, close it for {@code tcp-request content reject}.</li>
 * </ul>
 */
public sealed interface Decision {

    /** Go on; {@code backend} is the backend {@code use_backend}/{@code default_backend} chose (request side), if any. */
    record Forward(Optional<String> backend) implements Decision {
        static final Forward NONE = new Forward(Optional.empty());

        public Forward {
            Objects.requireNonNull(backend, "backend");
        }

        /** Go on with no backend chosen. */
        public static Forward none() {
            return NONE;
        }
    }

    /** Answer with {@code reply} after {@code delay} (zero but for tarpit); close the connection afterwards when {@code close}. */
    record Respond(HttpReply reply, boolean close, Duration delay) implements Decision {
        public Respond {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * Close the client connection and send nothing: {@code reset} for {@code silent-drop} (HAProxy
     * makes the connection vanish; an adapter resets it), a plain close for
     * {@code tcp-request content reject} and an empty errorfile, as HAProxy does.
     */
    record Drop(boolean reset) implements Decision {
        /** A {@code silent-drop}: the connection is reset. */
        public Drop() {
            this(true);
        }
    }
}

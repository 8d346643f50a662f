package io.spoe4j.cli.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/** The hop-by-hop headers a proxy does not pass on, and the framing of an answer it passes on. */
final class HopByHop {
    private static final List<CharSequence> NAMES = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE);

    private HopByHop() {
    }

    /** Removes every hop-by-hop header of {@code h}. */
    static void remove(HttpHeaders h) {
        for (CharSequence name : NAMES) {
            h.remove(name);
        }
    }

    /**
     * Frames the upstream's headers for the client, in place and in their order: without hop-by-hop
     * headers but with its framing: a chunked answer stays chunked for an HTTP/1.1 client, a
     * content-length stays where it was; to an HTTP/1.0 client a chunked answer loses its
     * Transfer-Encoding (the body is then delimited by the close).
     */
    static void frameResponse(HttpHeaders h, boolean http11) {
        boolean chunked = h.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
        for (CharSequence name : NAMES) {
            if (name != HttpHeaderNames.TRANSFER_ENCODING) {
                h.remove(name);
            }
        }
        if (!(chunked && http11)) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        }
        if (chunked) {
            h.remove(HttpHeaderNames.CONTENT_LENGTH);
        }
    }
}

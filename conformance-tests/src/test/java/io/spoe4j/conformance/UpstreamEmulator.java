package io.spoe4j.conformance;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The handler behind the Undertow SPOE handler: it records the request as the handler passed it on
 * (request line, headers but the client's {@code Connection}, which HAProxy does not pass on either,
 * body) and answers exactly as {@link UpstreamServer} does, so that the client's view can be compared
 * with HAProxy's. Thread-safe.
 */
final class UpstreamEmulator implements HttpHandler {
    private final BlockingQueue<UpstreamServer.Received> received = new LinkedBlockingQueue<>();

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            String query = ex.getQueryString();
            String line = ex.getRequestMethod() + " " + ex.getRequestURI() + (query == null || query.isEmpty() ? ""
                    : "?" + query) + " " + ex.getProtocol();
            List<String> headers = new ArrayList<>();
            for (HeaderValues values : ex.getRequestHeaders()) {
                if (values.getHeaderName().equalToString("connection")) {
                    continue; // the client's hop-by-hop header, which a proxy would not pass on
                }
                for (String v : values) {
                    headers.add(values.getHeaderName() + ": " + v);
                }
            }
            received.add(new UpstreamServer.Received(line, List.copyOf(headers), body));
            String path = ex.getRequestPath();
            ex.setStatusCode(path.startsWith("/status/") ? Integer.parseInt(path.substring(8, 11)) : 200);
            ex.setReasonPhrase("X");
            ex.getResponseHeaders().add(HttpString.tryFromString("Content-Type"), "text/plain");
            ex.getResponseHeaders().add(HttpString.tryFromString("X-Up"), "one");
            ex.getResponseHeaders().add(HttpString.tryFromString("X-Up"), "two");
            ex.getResponseHeaders().add(HttpString.tryFromString("Content-Length"), "9");
            ex.getResponseSender().send("upstream\n", StandardCharsets.ISO_8859_1);
        });
    }

    /** The request recorded since the last {@link #clear}, if any. */
    UpstreamServer.Received poll() {
        return received.poll();
    }

    void clear() {
        received.clear();
    }
}

package io.spoe4j.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small upstream both HAProxy and the spoe4j gateway forward to. Its answer's body lists the
 * request headers named {@code x-v-*} (the variables each proxy exposes), one {@code name: value}
 * line each, sorted; it adds two response headers (one repeated) for the response-side fetches.
 * A path {@code /status/NNN...} answers status NNN.
 */
final class UpstreamServer implements AutoCloseable {
    private final HttpServer server;

    UpstreamServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(null);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-v-")) {
                for (String v : e.getValue()) {
                    lines.add(name + ": " + v);
                }
            }
        }
        lines.sort(null);
        StringBuilder body = new StringBuilder("upstream\n");
        lines.forEach(l -> body.append(l).append('\n'));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8, 11)) : 200;
        ex.getResponseHeaders().add("Content-Type", "text/plain");
        ex.getResponseHeaders().add("X-Up", "one");
        ex.getResponseHeaders().add("X-Up", "two");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

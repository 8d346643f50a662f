package io.spoe4j.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real upstream for the tests: a Reactor Netty server on 127.0.0.1, port 0, answering every
 * request with what it received as {@code name: value} lines ({@code upstream}, {@code method},
 * {@code uri}, {@code body}, then the headers, names in lower case).
 */
final class Upstream implements AutoCloseable {
    final String id;
    final AtomicInteger hits = new AtomicInteger();
    private final DisposableServer server;

    private Upstream(String id) {
        this.id = id;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                    hits.incrementAndGet();
                    StringBuilder sb = new StringBuilder();
                    sb.append("upstream: ").append(id).append('\n');
                    sb.append("method: ").append(req.method().name()).append('\n');
                    sb.append("uri: ").append(req.uri()).append('\n');
                    sb.append("body: ").append(body).append('\n');
                    req.requestHeaders().forEach(h -> sb.append(h.getKey().toLowerCase(java.util.Locale.ROOT))
                            .append(": ").append(h.getValue()).append('\n'));
                    return res.header("content-type", "text/plain").header("x-upstream", id)
                            .sendString(Mono.just(sb.toString())).then();
                }))
                .bindNow(Duration.ofSeconds(10));
    }

    static Upstream start(String id) {
        return new Upstream(id);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    /** The echo's lines as a map (first occurrence of each name). */
    static Map<String, String> lines(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int i = line.indexOf(": ");
            if (i > 0) {
                out.putIfAbsent(line.substring(0, i), line.substring(i + 2));
            }
        }
        return out;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(HttpClient client, int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ScriptedAgents.WAIT);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, int port, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ScriptedAgents.WAIT).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

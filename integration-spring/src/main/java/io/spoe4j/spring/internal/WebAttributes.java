package io.spoe4j.spring.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * {@link RequestAttributes} of a WebFlux exchange: the request as it arrived (headers copied once,
 * grouped by name in first-arrival order as Spring's {@link HttpHeaders} iterate them), then the
 * buffered body and the response once known. Written on the exchange's thread before the engine
 * reads it (the fields are volatile), never while a step runs.
 */
final class WebAttributes implements RequestAttributes {
    private final InetSocketAddress client;
    private final InetSocketAddress server;
    private final boolean tls;
    private final String method;
    private final String uri;
    private final String version;
    private final List<HttpHeader> requestHeaders;
    private final LogFormat.UniqueId uniqueId;
    private volatile byte[] body;
    private volatile int responseStatus = -1;
    private volatile String responseReason;
    private volatile List<HttpHeader> responseHeaders;
    private volatile byte[] responseBody;
    private volatile SpoeVariables variables;

    private WebAttributes(InetSocketAddress client, InetSocketAddress server, boolean tls, String method, String uri,
            String version, List<HttpHeader> requestHeaders, LogFormat.UniqueId uniqueId) {
        this.client = client;
        this.server = server;
        this.tls = tls;
        this.method = method;
        this.uri = uri;
        this.version = version;
        this.requestHeaders = requestHeaders;
        this.uniqueId = uniqueId;
    }

    /** The connection-level facts only, for {@code on-client-session}. */
    static WebAttributes connectionOf(ServerHttpRequest request, LogFormat.UniqueId uniqueId) {
        return new WebAttributes(request.getRemoteAddress(), request.getLocalAddress(), request.getSslInfo() != null,
                null, null, null, List.of(), uniqueId);
    }

    /** The request as it is now; {@code version} is {@code "1.1"}, {@code "2.0"}... */
    static WebAttributes requestOf(ServerHttpRequest request, String version, LogFormat.UniqueId uniqueId) {
        String query = request.getURI().getRawQuery();
        String path = request.getURI().getRawPath();
        String target = (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
        return new WebAttributes(request.getRemoteAddress(), request.getLocalAddress(), request.getSslInfo() != null,
                request.getMethod().name(), target, version, copy(request.getHeaders()), uniqueId);
    }

    /** The headers as HAProxy's HTX holds them: the close/keep-alive tokens of Connection are consumed. */
    static List<HttpHeader> copy(HttpHeaders headers) {
        List<HttpHeader> list = new ArrayList<>(headers.size());
        headers.forEach((name, values) -> {
            for (String v : values) {
                String value = v.trim();
                if (name.equalsIgnoreCase("connection")) {
                    value = cleanConnection(value);
                    if (value.isEmpty()) {
                        continue;
                    }
                }
                list.add(new HttpHeader(name, value));
            }
        });
        return List.copyOf(list);
    }

    private static String cleanConnection(String value) {
        StringBuilder kept = new StringBuilder();
        for (String token : value.split(",")) {
            String t = token.trim();
            if (t.isEmpty() || t.equalsIgnoreCase("close") || t.equalsIgnoreCase("keep-alive")) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append(", ");
            }
            kept.append(t);
        }
        return kept.toString();
    }

    void body(byte[] body) {
        this.body = body;
    }

    void variables(SpoeVariables variables) {
        this.variables = variables;
    }

    /** The response as the next handler set it; {@code body} is res.body, or null when no step reads it. */
    void response(int status, String reason, HttpHeaders headers, byte[] body) {
        this.responseReason = reason;
        this.responseHeaders = copy(headers);
        this.responseBody = body;
        this.responseStatus = status;
    }

    @Override
    public InetAddress clientAddress() {
        return client == null ? null : client.getAddress();
    }

    @Override
    public int clientPort() {
        return client == null ? -1 : client.getPort();
    }

    @Override
    public InetAddress serverAddress() {
        return server == null ? null : server.getAddress();
    }

    @Override
    public int serverPort() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public boolean isTls() {
        return tls;
    }

    @Override
    public String tlsSni() {
        return null;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String httpVersion() {
        return version;
    }

    @Override
    public List<HttpHeader> requestHeaders() {
        return requestHeaders;
    }

    @Override
    public byte[] requestBody() {
        return body;
    }

    @Override
    public String uniqueId() {
        LogFormat.UniqueId id = uniqueId;
        return id == null ? null : id.get(this);
    }

    @Override
    public int responseStatus() {
        return responseStatus;
    }

    @Override
    public String responseVersion() {
        return responseStatus < 0 ? null : "2.0".equals(version) ? "2.0" : "1.1";
    }

    @Override
    public String responseReason() {
        return responseStatus < 0 ? null : responseReason;
    }

    @Override
    public List<HttpHeader> responseHeaders() {
        return responseStatus < 0 ? null : responseHeaders;
    }

    @Override
    public byte[] responseBody() {
        return responseStatus < 0 ? null : responseBody;
    }

    @Override
    public Sample variable(String fullName) {
        SpoeVariables v = variables;
        return v == null ? null : v.get(fullName);
    }
}

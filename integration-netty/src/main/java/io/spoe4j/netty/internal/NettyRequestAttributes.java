package io.spoe4j.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link RequestAttributes} of a Netty channel and, once known, its request head, buffered body,
 * response head and (when a response step reads it) the response body held so far. Header lists are copied lazily once per head. Read on the channel's event loop or
 * by the engine while the request is suspended (the fields do not change then).
 */
final class NettyRequestAttributes implements RequestAttributes {
    private final InetSocketAddress client;
    private final InetSocketAddress server;
    private final boolean tls;
    private final boolean http2;
    private final HttpRequest request;
    private volatile byte[] body;
    private volatile List<HttpHeader> trailers = List.of();
    private volatile HttpResponse response;
    private volatile byte[] responseBody;
    private volatile List<HttpHeader> responseTrailers = List.of();
    private volatile List<HttpHeader> requestHeaders;
    private volatile List<HttpHeader> responseHeaders;
    private volatile SpoeVariables variables;
    private volatile LogFormat.UniqueId uniqueId;

    NettyRequestAttributes(Channel channel, HttpRequest request) {
        this.client = inet(channel.remoteAddress());
        this.server = inet(channel.localAddress());
        Channel connection = connectionOf(channel);
        this.tls = connection.pipeline().get(SslHandler.class) != null;
        this.http2 = connection != channel;
        this.request = request;
    }

    /**
     * The client connection of {@code channel}: its parent for a multiplexed (HTTP/2) stream channel,
     * itself otherwise (an accepted channel's parent is the server channel).
     */
    static Channel connectionOf(Channel channel) {
        Channel parent = channel.parent();
        return parent == null || parent instanceof ServerChannel ? channel : parent;
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    void body(byte[] body) {
        this.body = body;
    }

    /** The trailer fields that ended the buffered request body. */
    void trailers(HttpHeaders trailers) {
        this.trailers = copy(trailers);
    }

    /** The response body bytes held when the response steps start (only when a step reads res.body). */
    void responseBody(byte[] body) {
        this.responseBody = body;
    }

    /** The trailer fields that ended the held response body. */
    void responseTrailers(HttpHeaders trailers) {
        this.responseTrailers = copy(trailers);
    }

    void response(HttpResponse response) {
        this.response = response;
        this.responseHeaders = null;
    }

    void variables(SpoeVariables variables) {
        this.variables = variables;
    }

    /** Where {@link #uniqueId()} comes from: a transaction's id, possibly shared with its connection's events. */
    void uniqueId(LogFormat.UniqueId id) {
        this.uniqueId = id;
    }

    /** A new transaction id of {@code format} accepted now, or {@code null} when {@code format} is. */
    static LogFormat.UniqueId newId(LogFormat format) {
        return format == null ? null : format.newId(System.currentTimeMillis());
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
        return request == null ? null : request.method().name();
    }

    @Override
    public String uri() {
        return request == null ? null : request.uri();
    }

    @Override
    public String httpVersion() {
        return request == null ? null : http2 ? "2.0" : version(request.protocolVersion());
    }

    private static String version(HttpVersion v) {
        return v.majorVersion() + "." + v.minorVersion();
    }

    @Override
    public List<HttpHeader> requestHeaders() {
        if (request == null) {
            return List.of();
        }
        List<HttpHeader> h = requestHeaders;
        if (h == null) {
            h = copy(request.headers());
            requestHeaders = h;
        }
        return h;
    }

    /**
     * The headers as HAProxy's HTX holds them: HAProxy's H1 parser (H1_MF_CLEAN_CONN_HDR) drops the
     * "close" and "keep-alive" tokens of Connection headers, and the header when nothing is left.
     */
    static List<HttpHeader> copy(HttpHeaders headers) {
        List<HttpHeader> list = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> e : headers) {
            String value = e.getValue().trim();
            if (e.getKey().equalsIgnoreCase("connection")) {
                value = cleanConnection(value);
                if (value.isEmpty()) {
                    continue;
                }
            }
            list.add(new HttpHeader(e.getKey(), value));
        }
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

    @Override
    public byte[] requestBody() {
        return body;
    }

    @Override
    public List<HttpHeader> requestTrailers() {
        return trailers;
    }

    @Override
    public String uniqueId() {
        LogFormat.UniqueId id = uniqueId;
        return id == null ? null : id.get(this);
    }

    @Override
    public int responseStatus() {
        HttpResponse r = response;
        return r == null ? -1 : r.status().code();
    }

    @Override
    public String responseVersion() {
        HttpResponse r = response;
        return r == null ? null : http2 ? "2.0" : version(r.protocolVersion());
    }

    @Override
    public String responseReason() {
        HttpResponse r = response;
        return r == null ? null : r.status().reasonPhrase();
    }

    @Override
    public List<HttpHeader> responseHeaders() {
        HttpResponse r = response;
        if (r == null) {
            return null;
        }
        List<HttpHeader> h = responseHeaders;
        if (h == null) {
            h = copy(r.headers());
            responseHeaders = h;
        }
        return h;
    }

    @Override
    public byte[] responseBody() {
        return response == null ? null : responseBody;
    }

    @Override
    public List<HttpHeader> responseTrailers() {
        return response == null ? List.of() : responseTrailers;
    }

    @Override
    public Sample variable(String fullName) {
        SpoeVariables v = variables;
        return v == null ? null : v.get(fullName);
    }
}

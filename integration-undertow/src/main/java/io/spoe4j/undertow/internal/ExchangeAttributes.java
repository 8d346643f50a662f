package io.spoe4j.undertow.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * An immutable snapshot of an Undertow exchange as {@link RequestAttributes}: taken on the
 * exchange's thread, so the engine may evaluate expressions on its own event loop while the
 * exchange is suspended. Undertow's header map does not keep arrival order across different
 * names: headers come grouped by name, {@code Host} first, values of one name in arrival order.
 */
public final class ExchangeAttributes implements RequestAttributes {
    private final InetSocketAddress client;
    private final InetSocketAddress server;
    private final boolean tls;
    private final String sni;
    private final String method;
    private final String uri;
    private final String httpVersion;
    private final List<HttpHeader> requestHeaders;
    private final byte[] requestBody;
    private final int responseStatus;
    private final String responseVersion;
    private final String responseReason;
    private final List<HttpHeader> responseHeaders;
    private final byte[] responseBody;
    private final LogFormat.UniqueId uniqueId;

    private ExchangeAttributes(InetSocketAddress client, InetSocketAddress server, boolean tls, String sni, String method, String uri,
            String httpVersion, List<HttpHeader> requestHeaders, byte[] requestBody, int responseStatus,
            String responseVersion, String responseReason, List<HttpHeader> responseHeaders, byte[] responseBody,
            LogFormat.UniqueId uniqueId) {
        this.client = client;
        this.server = server;
        this.tls = tls;
        this.sni = sni;
        this.method = method;
        this.uri = uri;
        this.httpVersion = httpVersion;
        this.requestHeaders = requestHeaders;
        this.requestBody = requestBody;
        this.responseStatus = responseStatus;
        this.responseVersion = responseVersion;
        this.responseReason = responseReason;
        this.responseHeaders = responseHeaders;
        this.responseBody = responseBody;
        this.uniqueId = uniqueId;
    }

    /**
     * The connection-level facts only (for {@code on-client-session}); {@code unique-id} is that of
     * {@code exchange}, the connection's first (HAProxy's first stream).
     */
    public static ExchangeAttributes connectionOf(HttpServerExchange exchange) {
        return new ExchangeAttributes(exchange.getSourceAddress(), exchange.getDestinationAddress(), isTls(exchange),
                sni(exchange), null, null, null, List.of(), null, -1, null, null, null, null, UniqueIdSource.attached(exchange));
    }

    /** The request as it is now; {@code body} is the buffered request body or {@code null}. */
    public static ExchangeAttributes requestOf(HttpServerExchange exchange, byte[] body) {
        String query = exchange.getQueryString();
        String target = exchange.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
        return new ExchangeAttributes(exchange.getSourceAddress(), exchange.getDestinationAddress(), isTls(exchange),
                sni(exchange), exchange.getRequestMethod().toString(), target, version(exchange),
                headers(exchange.getRequestHeaders()), body, -1, null, null, null, null, UniqueIdSource.attached(exchange));
    }

    /**
     * This request with the exchange's response status and headers as they are now, and
     * {@code body} as res.body: the bytes of the application's first response write, or
     * {@code null} (missing) when no response step reads it.
     */
    public ExchangeAttributes withResponse(HttpServerExchange exchange, byte[] body) {
        return new ExchangeAttributes(client, server, tls, sni, method, uri, httpVersion, requestHeaders, requestBody,
                exchange.getStatusCode(), version(exchange), reason(exchange), headers(exchange.getResponseHeaders()), body,
                uniqueId);
    }

    /** The reason phrase Undertow writes: the one set, else the standard one of the status. */
    private static String reason(HttpServerExchange exchange) {
        String reason = exchange.getReasonPhrase();
        return reason != null ? reason : StatusCodes.getReason(exchange.getStatusCode());
    }

    private static boolean isTls(HttpServerExchange exchange) {
        SSLSessionInfo ssl = exchange.getConnection().getSslSessionInfo();
        return ssl != null;
    }

    private static String sni(HttpServerExchange exchange) {
        SSLSessionInfo ssl = exchange.getConnection().getSslSessionInfo();
        if (ssl == null || !(ssl.getSSLSession() instanceof ExtendedSSLSession session)) {
            return null;
        }
        for (SNIServerName name : session.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                return host.getAsciiName();
            }
        }
        return null;
    }

    private static String version(HttpServerExchange exchange) {
        String protocol = exchange.getProtocol().toString();
        return protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
    }

    private static List<HttpHeader> headers(HeaderMap map) {
        List<HttpHeader> out = new ArrayList<>(map.size());
        HeaderValues host = map.get(Headers.HOST);
        if (host != null) {
            for (String v : host) {
                out.add(new HttpHeader(host.getHeaderName().toString(), v.strip()));
            }
        }
        for (HeaderValues values : map) {
            if (values == host) {
                continue;
            }
            String name = values.getHeaderName().toString();
            boolean connection = values.getHeaderName().equals(Headers.CONNECTION);
            for (String v : values) {
                String value = connection ? withoutCloseAndKeepAlive(v) : v.strip();
                if (!value.isEmpty() || !connection) {
                    out.add(new HttpHeader(name, value));
                }
            }
        }
        return List.copyOf(out);
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
        return sni;
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
        return httpVersion;
    }

    @Override
    public List<HttpHeader> requestHeaders() {
        return requestHeaders;
    }

    @Override
    public byte[] requestBody() {
        return requestBody;
    }

    @Override
    public String uniqueId() {
        return uniqueId == null ? null : uniqueId.get(this);
    }

    @Override
    public int responseStatus() {
        return responseStatus;
    }

    @Override
    public String responseVersion() {
        return responseVersion;
    }

    @Override
    public String responseReason() {
        return responseReason;
    }

    @Override
    public List<HttpHeader> responseHeaders() {
        return responseHeaders;
    }

    @Override
    public byte[] responseBody() {
        return responseBody;
    }

    @Override
    public Sample variable(String fullName) {
        return null;
    }

    /**
     * A Connection header as HAProxy's HTX keeps it: without its close and keep-alive tokens (they
     * are the connection's, e.g. the {@code connection: keep-alive} Undertow adds to a response),
     * dropped when nothing else is left; as the Netty adapter does.
     */
    static String withoutCloseAndKeepAlive(String value) {
        StringBuilder kept = new StringBuilder();
        for (String token : value.split(",")) {
            String t = token.strip();
            if (t.isEmpty() || t.equalsIgnoreCase("close") || t.equalsIgnoreCase("keep-alive")) {
                continue;
            }
            kept.append(kept.length() > 0 ? ", " : "").append(t);
        }
        return kept.toString();
    }
}

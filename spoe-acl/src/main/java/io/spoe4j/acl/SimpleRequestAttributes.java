package io.spoe4j.acl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable {@link RequestAttributes} made with a builder, for tests, the testkit, the CLI
 * and benchmarks. Unset facts are missing: no response until {@code responseStatus} is set,
 * no body unless {@code requestBody} is set. Byte arrays are not copied.
 */
public final class SimpleRequestAttributes implements RequestAttributes {
    private final InetAddress clientAddress;
    private final int clientPort;
    private final InetAddress serverAddress;
    private final int serverPort;
    private final boolean tls;
    private final String sni;
    private final String method;
    private final String uri;
    private final String httpVersion;
    private final List<HttpHeader> requestHeaders;
    private final byte[] requestBody;
    private final List<HttpHeader> requestTrailers;
    private final String uniqueId;
    private final int responseStatus;
    private final String responseVersion;
    private final String responseReason;
    private final List<HttpHeader> responseHeaders;
    private final byte[] responseBody;
    private final List<HttpHeader> responseTrailers;
    private final Map<String, Sample> variables;

    private SimpleRequestAttributes(Builder b) {
        this.clientAddress = b.clientAddress;
        this.clientPort = b.clientPort;
        this.serverAddress = b.serverAddress;
        this.serverPort = b.serverPort;
        this.tls = b.tls;
        this.sni = b.sni;
        this.method = b.method;
        this.uri = b.uri;
        this.httpVersion = b.httpVersion;
        this.requestHeaders = List.copyOf(b.requestHeaders);
        this.requestBody = b.requestBody;
        this.requestTrailers = List.copyOf(b.requestTrailers);
        this.uniqueId = b.uniqueId;
        this.responseStatus = b.responseStatus;
        this.responseVersion = b.responseVersion;
        this.responseReason = b.responseReason;
        this.responseHeaders = List.copyOf(b.responseHeaders);
        this.responseBody = b.responseBody;
        this.responseTrailers = List.copyOf(b.responseTrailers);
        this.variables = Map.copyOf(b.variables);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this transaction's facts (e.g. to add the response). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clientAddress = clientAddress;
        b.clientPort = clientPort;
        b.serverAddress = serverAddress;
        b.serverPort = serverPort;
        b.tls = tls;
        b.sni = sni;
        b.method = method;
        b.uri = uri;
        b.httpVersion = httpVersion;
        b.requestHeaders.addAll(requestHeaders);
        b.requestBody = requestBody;
        b.requestTrailers.addAll(requestTrailers);
        b.uniqueId = uniqueId;
        b.responseStatus = responseStatus;
        b.responseVersion = responseVersion;
        b.responseReason = responseReason;
        b.responseHeaders.addAll(responseHeaders);
        b.responseBody = responseBody;
        b.responseTrailers.addAll(responseTrailers);
        b.variables.putAll(variables);
        return b;
    }

    @Override
    public InetAddress clientAddress() {
        return clientAddress;
    }

    @Override
    public int clientPort() {
        return clientPort;
    }

    @Override
    public InetAddress serverAddress() {
        return serverAddress;
    }

    @Override
    public int serverPort() {
        return serverPort;
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
    public List<HttpHeader> requestTrailers() {
        return requestTrailers;
    }

    @Override
    public String uniqueId() {
        return uniqueId;
    }

    @Override
    public int responseStatus() {
        return responseStatus;
    }

    @Override
    public String responseVersion() {
        return responseStatus < 0 ? null : responseVersion;
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
    public List<HttpHeader> responseTrailers() {
        return responseStatus < 0 ? List.of() : responseTrailers;
    }

    @Override
    public Sample variable(String fullName) {
        return variables.get(fullName);
    }

    /** Collects the facts; every setter validates its argument at once. */
    public static final class Builder {
        private InetAddress clientAddress;
        private int clientPort = -1;
        private InetAddress serverAddress;
        private int serverPort = -1;
        private boolean tls;
        private String sni;
        private String method = "GET";
        private String uri = "/";
        private String httpVersion = "1.1";
        private final List<HttpHeader> requestHeaders = new ArrayList<>();
        private byte[] requestBody;
        private final List<HttpHeader> requestTrailers = new ArrayList<>();
        private String uniqueId;
        private int responseStatus = -1;
        private String responseVersion = "1.1";
        private String responseReason;
        private final List<HttpHeader> responseHeaders = new ArrayList<>();
        private byte[] responseBody;
        private final List<HttpHeader> responseTrailers = new ArrayList<>();
        private final Map<String, Sample> variables = new HashMap<>();

        private Builder() {
        }

        public Builder client(InetAddress address, int port) {
            this.clientAddress = address;
            this.clientPort = checkPort(port);
            return this;
        }

        public Builder server(InetAddress address, int port) {
            this.serverAddress = address;
            this.serverPort = checkPort(port);
            return this;
        }

        private static int checkPort(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535 (or -1 for unknown): " + port);
            }
            return port;
        }

        /** TLS on the client connection, with the SNI it sent (null for none). */
        public Builder tls(String sni) {
            this.tls = true;
            this.sni = sni;
            return this;
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The raw request target, e.g. {@code /p?q=1}. */
        public Builder uri(String uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** {@code "1.0"}, {@code "1.1"} or {@code "2.0"}. */
        public Builder httpVersion(String version) {
            this.httpVersion = Objects.requireNonNull(version, "httpVersion");
            return this;
        }

        /** Appends a request header (repeat the call for repeated headers). */
        public Builder header(String name, String value) {
            requestHeaders.add(new HttpHeader(name, value));
            return this;
        }

        public Builder requestBody(byte[] body) {
            this.requestBody = Objects.requireNonNull(body, "requestBody");
            return this;
        }

        /** Appends a trailer field of a chunked request body. */
        public Builder requestTrailer(String name, String value) {
            requestTrailers.add(new HttpHeader(name, value));
            return this;
        }

        public Builder uniqueId(String id) {
            this.uniqueId = id;
            return this;
        }

        /** Makes the response present with this status. */
        public Builder responseStatus(int status) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("responseStatus must be a 3-digit status code: " + status);
            }
            this.responseStatus = status;
            return this;
        }

        public Builder responseVersion(String version) {
            this.responseVersion = Objects.requireNonNull(version, "responseVersion");
            return this;
        }

        /** The reason phrase as received, e.g. {@code "OK"} (default: unknown). */
        public Builder responseReason(String reason) {
            this.responseReason = Objects.requireNonNull(reason, "responseReason");
            return this;
        }

        /** Appends a response header; only visible once a response status is set. */
        public Builder responseHeader(String name, String value) {
            responseHeaders.add(new HttpHeader(name, value));
            return this;
        }

        public Builder responseBody(byte[] body) {
            this.responseBody = Objects.requireNonNull(body, "responseBody");
            return this;
        }

        /** Appends a trailer field of a chunked response body. */
        public Builder responseTrailer(String name, String value) {
            responseTrailers.add(new HttpHeader(name, value));
            return this;
        }

        /** Sets a variable by full name, e.g. {@code txn.coraza.app}. */
        public Builder variable(String fullName, Sample value) {
            variables.put(Objects.requireNonNull(fullName, "fullName"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public SimpleRequestAttributes build() {
            return new SimpleRequestAttributes(this);
        }
    }
}

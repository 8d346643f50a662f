package io.spoe4j.client.internal.engine;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import java.net.InetAddress;
import java.util.List;

/**
 * The adapter's attributes with {@code var()} answered from the engine's stores first, so that
 * variables set by one event are seen by the arguments and conditions of later ones; names the
 * engine does not hold fall back to the adapter ({@code http-request set-var} and the like).
 */
final class EngineAttributes implements RequestAttributes {
    private final RequestAttributes delegate;
    private final ScopedVariables variables;

    EngineAttributes(RequestAttributes delegate, ScopedVariables variables) {
        this.delegate = delegate;
        this.variables = variables;
    }

    RequestAttributes delegate() {
        return delegate;
    }

    @Override
    public Sample variable(String fullName) {
        Sample own = variables.get(fullName);
        return own != null ? own : delegate.variable(fullName);
    }

    @Override
    public InetAddress clientAddress() {
        return delegate.clientAddress();
    }

    @Override
    public int clientPort() {
        return delegate.clientPort();
    }

    @Override
    public InetAddress serverAddress() {
        return delegate.serverAddress();
    }

    @Override
    public int serverPort() {
        return delegate.serverPort();
    }

    @Override
    public boolean isTls() {
        return delegate.isTls();
    }

    @Override
    public String tlsSni() {
        return delegate.tlsSni();
    }

    @Override
    public String method() {
        return delegate.method();
    }

    @Override
    public String uri() {
        return delegate.uri();
    }

    @Override
    public String httpVersion() {
        return delegate.httpVersion();
    }

    @Override
    public List<HttpHeader> requestHeaders() {
        return delegate.requestHeaders();
    }

    @Override
    public List<HttpHeader> requestCookies() {
        return delegate.requestCookies();
    }

    @Override
    public byte[] requestBody() {
        return delegate.requestBody();
    }

    @Override
    public List<HttpHeader> requestTrailers() {
        return delegate.requestTrailers();
    }

    @Override
    public String uniqueId() {
        return delegate.uniqueId();
    }

    @Override
    public int responseStatus() {
        return delegate.responseStatus();
    }

    @Override
    public String responseVersion() {
        return delegate.responseVersion();
    }

    @Override
    public String responseReason() {
        return delegate.responseReason();
    }

    @Override
    public List<HttpHeader> responseHeaders() {
        return delegate.responseHeaders();
    }

    @Override
    public byte[] responseBody() {
        return delegate.responseBody();
    }

    @Override
    public List<HttpHeader> responseTrailers() {
        return delegate.responseTrailers();
    }
}

package io.spoe4j.http.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The adapter's attributes as the rules have left them: the request line and headers after
 * rewrites, the response status and headers after rewrites (or a local reply's), and {@code var()}
 * over every engine's variables. Copies the adapter's header list on the first edit only, so a
 * transaction without rewrites reads the adapter's attributes directly. Confined to the thread
 * running the transaction's rules; SPOE messages read it while the transaction waits for them.
 */
final class EditedAttributes implements RequestAttributes {
    private volatile RequestAttributes base;
    private final SpoeVariables variables;
    private String method;
    private String uri;
    private List<HttpHeader> requestHeaders;
    private boolean localResponse;
    private int status = -1;
    private List<HttpHeader> responseHeaders;
    private byte[] localBody;
    private String localReason;
    private String reason;

    EditedAttributes(RequestAttributes base, SpoeVariables variables) {
        this.base = base;
        this.variables = variables;
    }

    RequestAttributes base() {
        return base;
    }

    void base(RequestAttributes base) {
        this.base = java.util.Objects.requireNonNull(base, "attributes");
    }

    void method(String method) {
        this.method = method;
    }

    void uri(String uri) {
        this.uri = uri;
    }

    boolean requestLineEdited() {
        return method != null || uri != null;
    }

    String editedMethod() {
        return method;
    }

    String editedUri() {
        return uri;
    }

    /** The request headers, copied for editing on the first call. */
    List<HttpHeader> editableRequestHeaders() {
        if (requestHeaders == null) {
            List<HttpHeader> h = base.requestHeaders();
            requestHeaders = h == null ? new ArrayList<>() : new ArrayList<>(h);
        }
        return requestHeaders;
    }

    /** The response headers, copied for editing on the first call (empty when there is no response). */
    List<HttpHeader> editableResponseHeaders() {
        if (responseHeaders == null) {
            List<HttpHeader> h = localResponse ? null : base.responseHeaders();
            responseHeaders = h == null ? new ArrayList<>() : new ArrayList<>(h);
        }
        return responseHeaders;
    }

    /** {@code set-status}: the status and, when given, the reason (else HAProxy's for the status). */
    void status(int status, String reason) {
        this.status = status;
        this.reason = reason;
        if (localResponse) {
            this.localReason = reason;
        }
    }

    /** Whether a rule changed the status ({@code set-status}). */
    int editedStatus() {
        return status;
    }

    /** From now on the response is {@code status}/{@code headers}/{@code body}: a local reply, for http-after-response. */
    void localResponse(int status, String reason, List<HttpHeader> headers, byte[] body) {
        this.localResponse = true;
        this.localReason = reason;
        this.reason = null;
        this.status = status;
        this.responseHeaders = new ArrayList<>(headers);
        this.localBody = body;
    }

    @Override
    public InetAddress clientAddress() {
        return base.clientAddress();
    }

    @Override
    public int clientPort() {
        return base.clientPort();
    }

    @Override
    public InetAddress serverAddress() {
        return base.serverAddress();
    }

    @Override
    public int serverPort() {
        return base.serverPort();
    }

    @Override
    public boolean isTls() {
        return base.isTls();
    }

    @Override
    public String tlsSni() {
        return base.tlsSni();
    }

    @Override
    public String method() {
        return method != null ? method : base.method();
    }

    @Override
    public String uri() {
        return uri != null ? uri : base.uri();
    }

    @Override
    public String httpVersion() {
        return base.httpVersion();
    }

    @Override
    public List<HttpHeader> requestHeaders() {
        return requestHeaders != null ? requestHeaders : base.requestHeaders();
    }

    @Override
    public List<HttpHeader> requestCookies() {
        return requestHeaders != null ? RequestAttributes.super.requestCookies() : base.requestCookies();
    }

    @Override
    public List<HttpHeader> requestTrailers() {
        return base.requestTrailers();
    }

    @Override
    public String responseReason() {
        if (localResponse || status >= 0) {
            String r = localResponse ? localReason : reason;
            return r != null ? r : Replies.reason(responseStatus());
        }
        return base.responseReason();
    }

    @Override
    public List<HttpHeader> responseTrailers() {
        return localResponse ? List.of() : base.responseTrailers();
    }

    @Override
    public byte[] requestBody() {
        return base.requestBody();
    }

    @Override
    public String uniqueId() {
        return base.uniqueId();
    }

    @Override
    public int responseStatus() {
        return status >= 0 ? status : base.responseStatus();
    }

    @Override
    public String responseVersion() {
        return localResponse ? "1.1" : base.responseVersion();
    }

    @Override
    public List<HttpHeader> responseHeaders() {
        return responseHeaders != null ? responseHeaders : base.responseHeaders();
    }

    @Override
    public byte[] responseBody() {
        return localResponse ? localBody : base.responseBody();
    }

    @Override
    public Sample variable(String fullName) {
        Sample s = variables == null ? null : variables.get(fullName);
        return s != null ? s : base.variable(fullName);
    }
}

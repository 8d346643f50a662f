package io.spoe4j.netty;

import io.netty.channel.ChannelHandler;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.ProxyRule;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.internal.AccessLog;
import io.spoe4j.netty.internal.SpoeHttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the Netty adapter applies SPOE to an HTTP/1.1 server pipeline: the {@link HttpRules} (the
 * engines, each with its own fail-open or fail-closed policy, and the proxy's haproxy.cfg rules and
 * actions) and how variables become headers. Immutable and thread-safe; {@link #newHandler()} makes the
 * per-channel handler to add right after {@code HttpServerCodec} (no aggregator in between), or
 * after {@code Http2StreamFrameToHttpObjectCodec} in each HTTP/2 stream channel. Build the engines
 * with {@code SpoeEngine.Builder.eventLoopGroup(serverChildGroup)} so agent connections run on the
 * gateway's own event loops, with no extra threads.
 *
 * <p>Variable headers: a variable {@code txn.coraza.action} becomes {@code <prefix>txn-coraza-action}
 * (dots to dashes, lower case). Request headers carry the sess, txn and req variables; response
 * headers the sess, txn and res ones. Access log lines read
 * {@code CLIENT "METHOD URI VERSION" STATUS TIMEms | [engine] EVENT:name sid=.. fid=.. st=.. pT/tT STATUS | ...}. Incoming request headers starting with the prefix are removed
 * before the request is passed on, so clients cannot forge them.
 *
 * <p>Unique ids: with {@link Builder#uniqueIdFormat(String)} (HAProxy's {@code unique-id-format})
 * each request gets an id, generated when a message first reads {@code unique-id} or at the latest
 * when the request is passed on, and kept for the transaction; {@code on-client-session} of a
 * connection sees the id of its first request. {@link Builder#uniqueIdHeader(String)} adds it to the
 * request passed on.
 */
public final class SpoeHttpOptions {
    /** Default prefix of the request headers carrying variables to the upstream. */
    public static final String DEFAULT_REQUEST_HEADER_PREFIX = "x-spoe-";
    /** Default limit of a request body buffered for messages that read it. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Default status of a request rejected by a fail-closed engine. */
    public static final int DEFAULT_FAIL_CLOSED_STATUS = HttpRules.DEFAULT_FAIL_CLOSED_STATUS;

    /** The default access log: INFO lines to the SLF4J logger {@code io.spoe4j.access}. */
    public static final Consumer<String> SLF4J_ACCESS_LOG = AccessLog.slf4j();

    private final HttpRules rules;
    private final String requestHeaderPrefix;
    private final String responseHeaderPrefix;
    private final int maxBodyBytes;
    private final Consumer<String> accessLog;
    private final LogFormat uniqueIdFormat;
    private final String uniqueIdHeader;

    private SpoeHttpOptions(Builder b) {
        this.rules = b.httpRules;
        this.requestHeaderPrefix = b.requestHeaderPrefix;
        this.responseHeaderPrefix = b.responseHeaderPrefix;
        this.maxBodyBytes = b.maxBodyBytes;
        this.accessLog = b.accessLog;
        this.uniqueIdFormat = b.uniqueIdFormat;
        this.uniqueIdHeader = b.uniqueIdHeader;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new handler for one channel; handlers keep per-connection state and are not sharable. */
    public ChannelHandler newHandler() {
        return new SpoeHttpHandler(this);
    }

    public List<SpoeEngine> engines() {
        return rules.engines();
    }

    /** The rule engine the handler runs: engines, haproxy.cfg rules and actions. */
    public HttpRules httpRules() {
        return rules;
    }

    /** The request header prefix, or {@code null} when variables are not added to requests. */
    public String requestHeaderPrefix() {
        return requestHeaderPrefix;
    }

    /** The response header prefix, or {@code null} when variables are not added to responses. */
    public String responseHeaderPrefix() {
        return responseHeaderPrefix;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Where the access log lines go, or {@code null} for none. */
    public Consumer<String> accessLog() {
        return accessLog;
    }

    /** The compiled {@code unique-id-format}, or {@code null} when requests get no unique id. */
    public LogFormat uniqueIdFormat() {
        return uniqueIdFormat;
    }

    /** The request header carrying the unique id upstream, or {@code null} for none. */
    public String uniqueIdHeader() {
        return uniqueIdHeader;
    }

    /** Collects the options; setters reject bad values at once, naming the option. Not thread-safe. */
    public static final class Builder {
        private final List<SpoeEngine> engines = new ArrayList<>();
        private final List<ProxyRule> proxyRules = new ArrayList<>();
        private HttpRules rules;
        private HttpRules httpRules;
        private String requestHeaderPrefix = DEFAULT_REQUEST_HEADER_PREFIX;
        private String responseHeaderPrefix;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int failClosedStatus = DEFAULT_FAIL_CLOSED_STATUS;
        private Consumer<String> accessLog = SLF4J_ACCESS_LOG;
        private LogFormat uniqueIdFormat;
        private String uniqueIdHeader;

        private Builder() {
        }

        /**
         * The rule engine to run: its engines and rules (from a haproxy.cfg with
         * {@code HttpRules.Builder.setup}, or rule text). Instead of {@link #engine}/{@link #proxyRules},
         * which build one.
         */
        public Builder rules(HttpRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Adds an engine; engines run in the order added, like HAProxy's filters. The caller closes them. */
        public Builder engine(SpoeEngine engine) {
            Objects.requireNonNull(engine, "engine");
            for (SpoeEngine e : engines) {
                if (e.name().equals(engine.name())) {
                    throw new IllegalArgumentException("engine: two engines are named '" + engine.name() + "'");
                }
            }
            engines.add(engine);
            return this;
        }

        /**
         * Adds {@code send-spoe-group} rules, in order: {@code tcp-request content} ones run after
         * {@code on-frontend-tcp-request}, {@code http-request} ones after {@code on-frontend-http-request},
         * {@code tcp-response content} ones after {@code on-tcp-response}, {@code http-response} ones
         * after {@code on-http-response}. Their engines must be added too (checked by {@link #build()}).
         */
        public Builder groupRules(List<SendSpoeGroupRule> rules) {
            for (SendSpoeGroupRule r : rules) {
                proxyRules.add(Objects.requireNonNull(r, "groupRules element"));
            }
            return this;
        }

        /**
         * Adds a proxy's haproxy.cfg rules in file order, e.g. {@code setup.proxyRules("fe")}:
         * {@code send-spoe-group} rules as {@link #groupRules} says, and {@code set-var}/{@code unset-var}
         * rules, run in order among them (an event fires before the rules of its rule set, as in
         * HAProxy: {@code on-frontend-tcp-request}, {@code tcp-request content} rules,
         * {@code on-frontend-http-request}, {@code http-request} rules, and alike for responses).
         *
         * <p>HAProxy keeps one variable store per stream; here each engine's transaction has its own.
         * A set-var stores the value in the first engine's transaction and removes the name from the
         * others', so every engine's {@code var()} (its own store first, then the merged view, first
         * engine first) reads the rule's value; an unset-var removes the name from every engine's
         * transaction. A set-var whose expression yields no sample (or fails) leaves the variable
         * as it was, and a rule whose condition does not hold is skipped.
         */
        public Builder proxyRules(List<? extends ProxyRule> rules) {
            for (ProxyRule r : rules) {
                proxyRules.add(Objects.requireNonNull(r, "proxyRules element"));
            }
            return this;
        }

        /** Prefix of request headers carrying variables upstream, {@code null} for none. */
        public Builder requestHeaderPrefix(String prefix) {
            this.requestHeaderPrefix = checkPrefix("requestHeaderPrefix", prefix);
            return this;
        }

        /** Prefix of response headers carrying variables to the client, {@code null} (default) for none. */
        public Builder responseHeaderPrefix(String prefix) {
            this.responseHeaderPrefix = checkPrefix("responseHeaderPrefix", prefix);
            return this;
        }

        /**
         * Most of a request body buffered when a message or rule reads it: as HAProxy's buffer
         * ({@code option http-buffer-request}, {@code wait-for-body}), processing starts once it is
         * full, with the part there, and the rest of the body is streamed on. Also the most of a
         * response body held for {@code res.body} (the response steps start once reached).
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Status answered when a fail-closed engine's processing failed (with {@link #engine}; else set it on {@link HttpRules}). */
        public Builder failClosedStatus(int status) {
            if (status < 400 || !io.spoe4j.http.internal.Replies.hasErrorPage(status)) {
                throw new IllegalArgumentException("failClosedStatus must be an error status HAProxy has a page for "
                        + io.spoe4j.http.internal.Replies.ERROR_STATUSES + ", got " + status);
            }
            this.failClosedStatus = status;
            return this;
        }

        /**
         * Where to write one line per request ({@link #SLF4J_ACCESS_LOG} by default, {@code null} for
         * none). Called on the channel's event loop: it must not block for long.
         */
        public Builder accessLog(Consumer<String> sink) {
            this.accessLog = sink;
            return this;
        }

        /**
         * HAProxy's {@code unique-id-format}, e.g. {@code %[uuid()]} or
         * {@code %{+X}o %ci:%cp_%fi:%fp_%Ts_%rt:%pid} (see {@link LogFormat}); {@code null} (default)
         * for none. Rejected at once when it does not parse.
         */
        public Builder uniqueIdFormat(String format) {
            this.uniqueIdFormat = format == null ? null : LogFormat.parseOption("uniqueIdFormat", format);
            return this;
        }

        /** HAProxy's {@code unique-id-header}: the request header added with the id, {@code null} (default) for none. */
        public Builder uniqueIdHeader(String name) {
            if (name != null && (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127
                    && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0))) {
                throw new IllegalArgumentException("uniqueIdHeader must be a header name (letters, digits and"
                        + " !#$%&'*+-.^_`|~), got '" + name + "'");
            }
            this.uniqueIdHeader = name;
            return this;
        }

        private static String checkPrefix(String option, String prefix) {
            if (prefix == null) {
                return null;
            }
            if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                    || c == '-' || c == '_'))) {
                throw new IllegalArgumentException(option + " must be a non-empty header name prefix of letters,"
                        + " digits, '-' or '_', got '" + prefix + "'");
            }
            return prefix.toLowerCase(java.util.Locale.ROOT);
        }

        public SpoeHttpOptions build() {
            if (rules != null && (!engines.isEmpty() || !proxyRules.isEmpty()
                    || failClosedStatus != DEFAULT_FAIL_CLOSED_STATUS)) {
                throw new IllegalArgumentException("rules: give an HttpRules, or engines and proxyRules, not both");
            }
            if (rules == null && engines.isEmpty()) {
                throw new IllegalArgumentException("engine: at least one engine is required");
            }
            if (uniqueIdHeader != null && uniqueIdFormat == null) {
                throw new IllegalArgumentException("uniqueIdHeader: '" + uniqueIdHeader
                        + "' needs a uniqueIdFormat to take the id from");
            }
            for (ProxyRule pr : proxyRules) {
                if (!(pr instanceof SendSpoeGroupRule r)) {
                    continue;
                }
                SpoeEngine engine = engines.stream().filter(e -> e.name().equals(r.engine())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("groupRules: rule '" + r.group()
                                + "' names engine '" + r.engine() + "', which was not added"));
                if (engine.config().group(r.group()).isEmpty()) {
                    throw new IllegalArgumentException("groupRules: engine '" + r.engine() + "' has no group '"
                            + r.group() + "'");
                }
            }
            if (rules != null) {
                httpRules = rules;
            } else {
                HttpRules.Builder b = HttpRules.builder().rules(proxyRules).failClosedStatus(failClosedStatus);
                engines.forEach(b::engine);
                httpRules = b.build();
            }
            return new SpoeHttpOptions(this);
        }
    }
}

package io.spoe4j.acl.internal;

import static io.spoe4j.acl.internal.BuiltinFetch.REQ_BODY;
import static io.spoe4j.acl.internal.BuiltinFetch.RESPONSE;
import static io.spoe4j.acl.internal.BuiltinFetch.RES_BODY;
import static io.spoe4j.acl.internal.BuiltinFetch.simple;
import static io.spoe4j.acl.internal.Fetches.str;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.Sample.Type;
import io.spoe4j.acl.SampleFetch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/** HTTP request and response fetches, with HAProxy's names and missing-value behaviour. */
final class HttpFetches {
    private HttpFetches() {
    }

    static List<SampleFetch> all() {
        List<SampleFetch> out = new ArrayList<>();
        out.add(simple("method", Type.STR, 0, a -> str(a.method())));
        out.add(simple("path", Type.STR, 0, a -> str(Http.path(a.uri()))));
        out.add(simple("pathq", Type.STR, 0, a -> str(Http.pathq(a.uri()))));
        out.add(simple("query", Type.STR, 0, a -> str(Http.query(a.uri()))));
        out.add(simple("url", Type.STR, 0, a -> str(a.uri())));
        out.add(simple("base", Type.STR, 0, HttpFetches::base));
        BuiltinFetch reqVer = simple("req.ver", Type.STR, 0, a -> str(version(a.httpVersion())));
        out.add(reqVer);
        out.add(reqVer.alias("req_ver"));
        out.add(simple("req.proto_http", Type.BOOL, 0, a -> Sample.bool(a.method() != null)));
        BuiltinFetch urlp = new BuiltinFetch("url_param", Type.STR, 0, args -> {
            Args.count("url_param", args, 0, 2);
            String name = args.isEmpty() ? "" : args.get(0);
            String delims = args.size() > 1 ? args.get(1) : "";
            return a -> str(Http.urlParam(a.uri(), name, delims));
        });
        out.add(urlp);
        out.add(urlp.alias("urlp"));

        addHeaderFetches(out, false, "req.", "");
        addHeaderFetches(out, true, "res.", "s");
        out.add(simple("req.hdrs", Type.STR, 0, a -> a.requestHeaders() == null ? null
                : Sample.str(Http.hdrsText(a.requestHeaders()))));
        out.add(simple("req.hdrs_bin", Type.BIN, 0, a -> a.requestHeaders() == null ? null
                : Sample.bin(Http.hdrsBinary(a.requestHeaders()))));
        out.add(simple("res.hdrs", Type.STR, RESPONSE, a -> a.responseHeaders() == null ? null
                : Sample.str(Http.hdrsText(a.responseHeaders()))));
        out.add(simple("res.hdrs_bin", Type.BIN, RESPONSE, a -> a.responseHeaders() == null ? null
                : Sample.bin(Http.hdrsBinary(a.responseHeaders()))));

        BuiltinFetch cook = new BuiltinFetch("req.cook", Type.STR, 0, args -> cookie(args, false));
        out.add(cook);
        out.add(cook.alias("cook"));
        BuiltinFetch cookCnt = new BuiltinFetch("req.cook_cnt", Type.INT, 0, args -> {
            Args.count("req.cook_cnt", args, 0, 1);
            String name = args.isEmpty() ? "" : args.get(0);
            return a -> {
                long n = 0;
                for (HttpHeader c : a.requestCookies()) {
                    n += name.isEmpty() || c.name().equals(name) ? 1 : 0;
                }
                return Sample.integer(n);
            };
        });
        out.add(cookCnt);
        out.add(cookCnt.alias("cook_cnt"));
        BuiltinFetch cookVal = new BuiltinFetch("req.cook_val", Type.INT, 0, args -> cookie(args, true));
        out.add(cookVal);
        out.add(cookVal.alias("cook_val"));

        out.add(simple("req.body", Type.BIN, REQ_BODY, a -> a.requestBody() == null ? null
                : Sample.bin(a.requestBody())));
        out.add(simple("req.body_len", Type.INT, REQ_BODY, a -> a.requestBody() == null ? null
                : Sample.integer(a.requestBody().length)));
        out.add(simple("req.body_size", Type.INT, 0, HttpFetches::bodySize));
        // Both count the buffered body, so they make adapters buffer it as req.body/res.body do.
        BuiltinFetch reqLen = simple("req.len", Type.INT, REQ_BODY, HttpFetches::requestLength);
        out.add(reqLen);
        out.add(reqLen.alias("req_len"));
        out.add(simple("res.len", Type.INT, RES_BODY, HttpFetches::responseLength));

        BuiltinFetch resVer = simple("res.ver", Type.STR, RESPONSE, a -> str(version(a.responseVersion())));
        out.add(resVer);
        out.add(resVer.alias("resp_ver"));
        out.add(simple("status", Type.INT, RESPONSE, a -> a.responseStatus() < 0 ? null
                : Sample.integer(a.responseStatus())));
        out.add(simple("res.body", Type.BIN, RES_BODY, a -> a.responseBody() == null ? null
                : Sample.bin(a.responseBody())));
        out.add(simple("res.body_len", Type.INT, RES_BODY, a -> a.responseBody() == null ? null
                : Sample.integer(a.responseBody().length)));
        return out;
    }

    /** {@code "HTTP/1.1"} or {@code "1.1"} both give {@code "1.1"}, as {@code req.ver} strips the prefix. */
    static String version(String v) {
        if (v == null) {
            return null;
        }
        int slash = v.indexOf('/');
        String r = slash < 0 ? v : v.substring(slash + 1);
        return r.isEmpty() ? null : r;
    }

    private static Sample base(RequestAttributes a) {
        String path = Http.path(a.uri());
        List<String> hosts = Http.values(a.requestHeaders(), "host", false);
        String host = hosts.isEmpty() ? "" : hosts.get(0);
        if (host.isEmpty()) {
            return str(path);
        }
        return Sample.str(path == null ? host : host + path);
    }

    private static Sample bodySize(RequestAttributes a) {
        List<String> cl = Http.values(a.requestHeaders(), "content-length", true);
        if (!cl.isEmpty()) {
            Sample n = Casts.strToInt(cl.get(0));
            if (n != null) {
                return n;
            }
        }
        byte[] body = a.requestBody();
        return Sample.integer(body == null ? 0 : body.length);
    }

    /** Payload bytes of HAProxy 2.6's start-line block before its three parts (struct htx_sl). */
    static final int HTX_START_LINE = 20;
    /** Payload bytes of the end-of-headers and end-of-trailers blocks. */
    static final int HTX_END_BLOCK = 1;

    /**
     * {@code req.len}: the payload bytes of the request's HTX blocks, as HAProxy 2.6 counts its
     * buffer in HTTP mode ({@code htx->data}); see {@link #htxLength}. The start line's parts are
     * method, target and {@code HTTP/x.y}.
     */
    private static Sample requestLength(RequestAttributes a) {
        if (a.method() == null || a.uri() == null) {
            return null;
        }
        long line = utf8Length(a.method()) + utf8Length(a.uri()) + versionLength(a.httpVersion());
        return Sample.integer(htxLength(line, a.requestHeaders(), a.requestBody(), a.requestTrailers()));
    }

    /**
     * {@code res.len}: as {@code req.len} for the response, whose start line's parts are
     * {@code HTTP/x.y}, the three-digit status and the reason phrase as received.
     */
    private static Sample responseLength(RequestAttributes a) {
        if (a.responseStatus() < 0) {
            return null;
        }
        String reason = a.responseReason();
        long line = versionLength(a.responseVersion()) + Integer.toString(a.responseStatus()).length()
                + (reason == null ? 0 : utf8Length(reason));
        return Sample.integer(htxLength(line, a.responseHeaders(), a.responseBody(), a.responseTrailers()));
    }

    /**
     * The sum of an HTTP message's HTX block payloads, each block's own 8-byte descriptor not
     * counted: start line ({@value #HTX_START_LINE} + its parts' bytes), one block per header
     * (name + value bytes; no separator, no CRLF), end of headers ({@value #HTX_END_BLOCK}), the
     * body as buffered (de-chunked), and for a chunked message whose end has arrived one block per
     * trailer (name + value) and end of trailers ({@value #HTX_END_BLOCK}). Headers are those
     * HAProxy keeps, as adapters hand them over: its HTTP/1 parser drops Connection's close and
     * keep-alive tokens (the header when nothing is left) and a Content-Length next to
     * Transfer-Encoding, and it removes Expect once it waits for the body.
     */
    static long htxLength(long startLineParts, List<HttpHeader> headers, byte[] body, List<HttpHeader> trailers) {
        long n = HTX_START_LINE + startLineParts + fieldsLength(headers) + HTX_END_BLOCK;
        if (body != null) {
            n += body.length;
            if (chunked(headers)) {
                n += fieldsLength(trailers) + HTX_END_BLOCK;
            }
        }
        return n;
    }

    private static long fieldsLength(List<HttpHeader> fields) {
        long n = 0;
        if (fields != null) {
            for (int i = 0, size = fields.size(); i < size; i++) {
                HttpHeader h = fields.get(i);
                n += utf8Length(h.name()) + utf8Length(h.value());
            }
        }
        return n;
    }

    private static boolean chunked(List<HttpHeader> headers) {
        if (headers != null) {
            for (String te : Http.values(headers, "transfer-encoding", false)) {
                if (te.equalsIgnoreCase("chunked")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code HTTP/} and the version ({@code HTTP/1.1} when unknown). */
    private static int versionLength(String v) {
        String version = version(v);
        return "HTTP/".length() + (version == null ? "1.1".length() : utf8Length(version));
    }

    static int utf8Length(String s) {
        return Http.utf8Length(s);
    }

    private static void addHeaderFetches(List<SampleFetch> out, boolean response, String prefix, String aliasPrefix) {
        int needs = response ? RESPONSE : 0;
        add(out, new BuiltinFetch(prefix + "hdr", Type.STR, needs, args -> header(prefix + "hdr", args, response, false, Type.STR)),
                aliasPrefix + "hdr");
        add(out, new BuiltinFetch(prefix + "fhdr", Type.STR, needs, args -> header(prefix + "fhdr", args, response, true, Type.STR)),
                null);
        add(out, new BuiltinFetch(prefix + "hdr_val", Type.INT, needs, args -> header(prefix + "hdr_val", args, response, false, Type.INT)),
                aliasPrefix + "hdr_val");
        add(out, new BuiltinFetch(prefix + "hdr_ip", Type.ADDR, needs, args -> header(prefix + "hdr_ip", args, response, false, Type.ADDR)),
                aliasPrefix + "hdr_ip");
        add(out, new BuiltinFetch(prefix + "hdr_cnt", Type.INT, needs, args -> count(prefix + "hdr_cnt", args, response, false)),
                aliasPrefix + "hdr_cnt");
        add(out, new BuiltinFetch(prefix + "fhdr_cnt", Type.INT, needs, args -> count(prefix + "fhdr_cnt", args, response, true)),
                null);
    }

    private static void add(List<SampleFetch> out, BuiltinFetch f, String alias) {
        out.add(f);
        if (alias != null) {
            out.add(f.alias(alias));
        }
    }

    private static List<HttpHeader> headers(RequestAttributes a, boolean response) {
        return response ? a.responseHeaders() : a.requestHeaders();
    }

    private static SampleFetch.Function count(String kw, List<String> args, boolean response, boolean full) {
        Args.count(kw, args, 0, 1);
        String name = args.isEmpty() ? "" : args.get(0);
        return a -> {
            List<HttpHeader> hs = headers(a, response);
            return hs == null ? null : Sample.integer(Http.values(hs, name, full).size());
        };
    }

    private static SampleFetch.Function header(String kw, List<String> args, boolean response, boolean full, Type out) {
        Args.count(kw, args, 0, 2);
        String name = args.isEmpty() ? "" : args.get(0);
        long occ = Args.optionalInteger(args, 1, "occurrence", 0);
        return new HeaderFunction(name, occ, response, full, out);
    }

    /**
     * {@code req.hdr} and friends. Without an explicit occurrence a sample fetch returns the LAST
     * occurrence, while an ACL iterates over all of them (smp_fetch_hdr: "no explicit
     * occurrence and single fetch => last header by default").
     */
    private static final class HeaderFunction implements SampleFetch.Function {
        private final String name;
        private final long occ;
        private final boolean response;
        private final boolean full;
        private final Type out;

        HeaderFunction(String name, long occ, boolean response, boolean full, Type out) {
            this.name = name;
            this.occ = occ;
            this.response = response;
            this.full = full;
            this.out = out;
        }

        @Override
        public Sample fetch(RequestAttributes a) {
            List<HttpHeader> hs = headers(a, response);
            if (hs == null) {
                return null;
            }
            if (occ != 0 && occ != -1) {
                return typed(Http.occurrence(Http.values(hs, name, full), occ));
            }
            for (int k = hs.size() - 1; k >= 0; k--) {
                HttpHeader h = hs.get(k);
                if (name.isEmpty() || h.name().equalsIgnoreCase(name)) {
                    return typed(full ? h.value() : Http.lastElement(h.value()));
                }
            }
            return null;
        }

        @Override
        public boolean anyMatch(RequestAttributes a, BiPredicate<Sample, RequestAttributes> test) {
            if (occ != 0) {
                Sample s = fetch(a);
                return s != null && test.test(s, a);
            }
            List<HttpHeader> hs = headers(a, response);
            if (hs == null) {
                return false;
            }
            for (int k = 0, n = hs.size(); k < n; k++) {
                HttpHeader h = hs.get(k);
                if (!name.isEmpty() && !h.name().equalsIgnoreCase(name)) {
                    continue;
                }
                String v = h.value();
                if (full) {
                    Sample s = typed(v);
                    if (s != null && test.test(s, a)) {
                        return true;
                    }
                    continue;
                }
                int start = 0;
                while (true) {
                    int end = Http.nextComma(v, start);
                    Sample s = typed(Http.element(v, start, end));
                    if (s != null && test.test(s, a)) {
                        return true;
                    }
                    if (end >= v.length()) {
                        break;
                    }
                    start = end + 1;
                }
            }
            return false;
        }

        private Sample typed(String v) {
            if (v == null) {
                return null;
            }
            if (out == Type.INT) {
                return Casts.strToInt(v);
            }
            if (out == Type.ADDR) {
                return headerAddress(v);
            }
            return Sample.str(v);
        }
    }

    /**
     * hdr_ip: a leading dotted quad (anything may follow, e.g. ":port", as url2ipv4 reads it),
     * else an IPv6 literal, optionally in brackets followed by ":port".
     */
    static Sample headerAddress(String v) {
        int end = 0;
        while (end < v.length() && (v.charAt(end) == '.' || v.charAt(end) >= '0' && v.charAt(end) <= '9')) {
            end++;
        }
        byte[] v4 = Ips.parseV4(v, 0, end);
        if (v4 != null && (end == v.length() || v.charAt(end) != ':' || v.indexOf(':', end + 1) < 0)) {
            return new Sample.Ipv4(v4);
        }
        String literal = v;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                return null;
            }
            literal = v.substring(1, close);
        }
        byte[] v6 = Ips.parseV6(literal);
        return v6 == null ? null : new Sample.Ipv6(v6);
    }

    private static SampleFetch.Function cookie(List<String> args, boolean asInt) {
        Args.count(asInt ? "req.cook_val" : "req.cook", args, 0, 1);
        String name = args.isEmpty() ? "" : args.get(0);
        return new SampleFetch.Function() {
            @Override
            public Sample fetch(RequestAttributes a) {
                Sample last = null;
                for (HttpHeader c : a.requestCookies()) {
                    if (name.isEmpty()) {
                        return typed(c.value());
                    }
                    if (c.name().equals(name)) {
                        last = typed(c.value());
                    }
                }
                return last;
            }

            @Override
            public boolean anyMatch(RequestAttributes a, BiPredicate<Sample, RequestAttributes> test) {
                for (HttpHeader c : a.requestCookies()) {
                    if (name.isEmpty() || c.name().equals(name)) {
                        Sample s = typed(c.value());
                        if (s != null && test.test(s, a)) {
                            return true;
                        }
                    }
                }
                return false;
            }

            private Sample typed(String v) {
                return asInt ? Casts.strToInt(v) : Sample.str(v);
            }
        };
    }
}

package io.spoe4j.http.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads a raw HTTP response file the way HAProxy 2.6.12 loads an {@code errorfile} (its HTTP/1
 * response parser, then its errorfile checks), and rewrites it the way HAProxy writes it back.
 * Errors carry HAProxy's message (offsets count from the file's first byte, -2 for a truncated head):
 * <ul>
 * <li>leading empty lines are skipped; the version is {@code [A-Z0-9./]+} not starting with '/', 8
 * chars long ("invalid http version (HTTP/1)"); 1.1 and above is written back as {@code HTTP/1.1},
 * below as is; SP or HT separate version, code and reason; the reason may be empty ({@code HTTP/1.1 403 \r\n});</li>
 * <li>status 100 and 102..199 are refused ("invalid http status code for an error message (100)");</li>
 * <li>names are RFC 7230 tokens, lower-cased; values are trimmed, may hold any byte but CR/LF,
 * obs-fold turns each CR and LF into a space; CRLF or bare LF end lines, a bare CR is an error;
 * at most 100 header lines; an empty {@code Connection:} is dropped;</li>
 * <li>content-length: comma-separated equal decimals, repeated headers merged into the first
 * (value kept as written, e.g. {@code 001}), else an error at the value; with a transfer-encoding
 * it is removed; chunked (as last coding) is refused ("chunk-encoded payload not supported");</li>
 * <li>204/304, or content-length 0, with a body: "message payload not expected"; a body of another
 * length: "payload size does not match the announced content-length (5 != 3)"; no length at all: the
 * rest of the file is the body and the connection closes after it;</li>
 * <li>written back: content-length and transfer-encoding dropped for 1xx and 204 (kept for 304);
 * nothing is added; files over 16384 bytes are truncated (then usually fail the length check); the
 * message must fit the HTX buffer ("unable to add payload into the HTX message").</li>
 * </ul>
 * Stateless, thread-safe.
 */
final class ErrorfileParser {

    /** HAProxy's default {@code tune.bufsize}: larger files are truncated to it (with a warning). */
    static final int BUFSIZE = 16384;
    /** {@code tune.http.maxhdr} (101) minus the end marker: at most 100 header lines. */
    static final int MAX_HEADERS = 100;

    private ErrorfileParser() {
    }

    static Replies.Errorfile load(byte[] raw) {
        if (raw.length == 0) {
            return new Replies.Errorfile(Optional.empty(), "HTTP/1.1");
        }
        // larger files are truncated to tune.bufsize (HAProxy warns); the checks below then usually fail
        byte[] in = raw.length > BUFSIZE ? Arrays.copyOf(raw, BUFSIZE) : raw;
        Parsed p = new Parser(in).parse();

        if (p.version.length() != 8) {
            throw new IllegalArgumentException("invalid http version (" + p.version + ")");
        }
        boolean http11 = p.version.charAt(5) > '1' || (p.version.charAt(5) == '1' && p.version.charAt(7) >= '1');
        int status = p.status;
        if (status < 200 && (status == 100 || status >= 102)) {
            throw new IllegalArgumentException("invalid http status code for an error message (" + status + ")");
        }
        int bodyLen = in.length - p.headerEnd;
        boolean bodyless;
        if (status == 204 || status == 304) {
            bodyless = true;
        } else if (p.chunked) {
            throw new IllegalArgumentException("chunk-encoded payload not supported");
        } else {
            bodyless = p.contentLength == 0;
        }
        if (bodyless && bodyLen > 0) {
            throw new IllegalArgumentException("message payload not expected");
        }
        if (!bodyless && p.contentLength >= 0 && p.contentLength != bodyLen) {
            throw new IllegalArgumentException("payload size does not match the announced content-length ("
                    + bodyLen + " != " + p.contentLength + ")");
        }
        if (status < 100 || status > 999) {
            // HAProxy accepts 0..99 (and codes written with more than 3 digits); HttpReply cannot hold them
            throw new IllegalArgumentException("status " + status + " is accepted by HAProxy but not supported here");
        }

        String version = http11 ? "HTTP/1.1" : p.version;
        byte[] body = Arrays.copyOfRange(in, p.headerEnd, in.length);
        // the whole message must fit in one HTX buffer (start line and headers first, then the payload)
        int headersSize = Replies.htxSize(new HttpReply(status, p.reason, p.headers, new byte[0]), version);
        if (headersSize > Replies.HTX_CAPACITY) {
            throw new IllegalArgumentException("unable to add headers into the HTX message");
        }
        if (body.length > 0 && headersSize + 8 + body.length > Replies.HTX_CAPACITY) {
            throw new IllegalArgumentException("unable to add payload into the HTX message");
        }
        // what HAProxy writes back: lower-case names; no content-length/transfer-encoding for 1xx and 204
        List<HttpHeader> headers = new ArrayList<>(p.headers.size());
        for (HttpHeader h : p.headers) {
            if ((status < 200 || status == 204)
                    && (h.name().equals("content-length") || h.name().equals("transfer-encoding"))) {
                continue;
            }
            headers.add(h);
        }
        HttpReply reply = new HttpReply(status, p.reason, headers, body);
        return new Replies.Errorfile(Optional.of(reply), version);
    }

    private record Parsed(String version, int status, String reason, List<HttpHeader> headers, int headerEnd,
            long contentLength, boolean chunked) {
    }

    /** HAProxy's HTTP/1 response parser as it runs on an errorfile (strict: no invalid character tolerated). */
    private static final class Parser {
        private final byte[] b;
        private int pos;
        private final List<HttpHeader> headers = new ArrayList<>();
        private long contentLength = -1;
        private boolean transferEncoding;
        private boolean chunked;

        Parser(byte[] b) {
            this.b = b;
        }

        Parsed parse() {
            // leading empty lines (CRLF or LF) are skipped
            while (true) {
                int c = at(pos);
                if (c == '\n') {
                    pos++;
                } else if (c == '\r') {
                    if (at(pos + 1) == -1) {
                        throw incomplete();
                    }
                    if (at(pos + 1) != '\n') {
                        throw invalid(pos + 1);
                    }
                    pos += 2;
                } else {
                    break;
                }
            }
            // version: [A-Z0-9./]+, not starting with '/', then SP or HT
            int vStart = pos;
            if (at(pos) == -1) {
                throw incomplete();
            }
            if (!isVersionChar(at(pos)) || at(pos) == '/') {
                throw invalid(pos);
            }
            while (isVersionChar(at(pos))) {
                pos++;
            }
            if (at(pos) == -1) {
                throw incomplete();
            }
            if (!isSpHt(at(pos))) {
                throw invalid(pos);
            }
            String version = ascii(vStart, pos);
            while (isSpHt(at(pos))) {
                pos++;
            }
            if (at(pos) == -1) {
                throw incomplete();
            }
            if (isCrLf(at(pos))) {
                throw invalid(pos);
            }
            // status code: digits, then SP/HT (reason follows) or CR/LF (no reason)
            long status = 0;
            while (isDigit(at(pos))) {
                status = Math.min(status * 10 + (at(pos) - '0'), Integer.MAX_VALUE);
                pos++;
            }
            if (at(pos) == -1) {
                throw incomplete();
            }
            if (!isSpHt(at(pos)) && !isCrLf(at(pos))) {
                throw invalid(pos);
            }
            String reason = "";
            if (isSpHt(at(pos))) {
                while (isSpHt(at(pos))) {
                    pos++;
                }
                int rStart = pos;
                while (at(pos) != -1 && !isCrLf(at(pos))) {
                    pos++;
                }
                reason = new String(b, rStart, pos - rStart, StandardCharsets.ISO_8859_1);
            }
            eol();
            headers();
            return new Parsed(version, (int) status, reason, headers, pos,
                    transferEncoding ? -1 : contentLength, chunked);
        }

        private void headers() {
            int stored = 0;
            while (true) {
                int c = at(pos);
                if (c == -1) {
                    throw incomplete();
                }
                if (isCrLf(c)) {
                    eol();
                    // the end marker needs a slot too: 101 headers fail here, after the empty line
                    if (stored > MAX_HEADERS) {
                        throw invalid(pos);
                    }
                    if (transferEncoding && contentLength >= 0) {
                        headers.removeIf(h -> h.name().equals("content-length"));
                    }
                    return;
                }
                int sol = pos;
                while (isToken(at(pos))) {
                    pos++;
                }
                if (at(pos) == -1) {
                    throw incomplete();
                }
                if (at(pos) != ':' || pos == sol) {
                    throw invalid(pos);
                }
                String name = ascii(sol, pos).toLowerCase(Locale.ROOT);
                pos++;
                // the value: anything but CR/LF; obs-fold (CRLF or LF then SP/HT) turns CR and LF into spaces
                StringBuilder value = new StringBuilder();
                int valuePos = -1;
                while (true) {
                    int v = at(pos);
                    if (v == -1) {
                        throw incomplete();
                    }
                    if (!isCrLf(v)) {
                        if (valuePos < 0 && !isSpHt(v)) {
                            valuePos = pos;
                        }
                        value.append((char) v);
                        pos++;
                        continue;
                    }
                    int lineEnd = pos;
                    eol();
                    int next = at(pos);
                    if (next == -1) {
                        throw incomplete();
                    }
                    if (isSpHt(next)) {
                        value.append(" ".repeat(pos - lineEnd));
                        continue;
                    }
                    if (valuePos < 0) {
                        valuePos = lineEnd;
                    }
                    break;
                }
                // a header is complete when the parser sees the next line: the slot check comes first
                if (stored > MAX_HEADERS) {
                    throw invalid(pos);
                }
                if (store(name, trimLws(value.toString()), valuePos)) {
                    stored++;
                }
            }
        }

        /** Applies content-length/transfer-encoding/connection semantics; false when the header is dropped. */
        private boolean store(String name, String value, int valuePos) {
            switch (name) {
                case "content-length" -> {
                    long cl = parseContentLength(value, valuePos);
                    boolean first = contentLength < 0;
                    contentLength = cl;
                    if (!first) {
                        return false;
                    }
                    headers.add(new HttpHeader(name, cleanedDigits(value)));
                    return true;
                }
                case "transfer-encoding" -> {
                    transferEncoding = true;
                    chunked = false;
                    for (String token : value.split(",", -1)) {
                        chunked = trimLws(token).equalsIgnoreCase("chunked");
                    }
                    if (value.isEmpty()) {
                        chunked = false;
                    }
                }
                case "connection" -> {
                    if (value.isEmpty()) {
                        return false;
                    }
                }
                default -> {
                }
            }
            headers.add(new HttpHeader(name, value));
            return true;
        }

        /** Comma-separated list of identical decimal values; anything else fails at the value's first byte. */
        private long parseContentLength(String value, int valuePos) {
            String[] parts = value.split(",", -1);
            long result = -1;
            for (String part : parts) {
                String d = trimLws(part);
                if (d.isEmpty()) {
                    throw invalid(valuePos);
                }
                long cl = 0;
                for (int i = 0; i < d.length(); i++) {
                    char ch = d.charAt(i);
                    if (ch < '0' || ch > '9') {
                        throw invalid(valuePos);
                    }
                    if (cl > (Long.MAX_VALUE - (ch - '0')) / 10) {
                        throw invalid(valuePos);
                    }
                    cl = cl * 10 + (ch - '0');
                }
                if (result >= 0 && cl != result || contentLength >= 0 && cl != contentLength) {
                    throw invalid(valuePos);
                }
                result = cl;
            }
            return result;
        }

        /** The last value of the list, as written (leading zeros kept): what HAProxy stores. */
        private static String cleanedDigits(String value) {
            String[] parts = value.split(",", -1);
            return trimLws(parts[parts.length - 1]);
        }

        private void eol() {
            int c = at(pos);
            if (c == '\r') {
                if (at(pos + 1) == -1) {
                    throw incomplete();
                }
                if (at(pos + 1) != '\n') {
                    throw invalid(pos + 1);
                }
                pos += 2;
            } else if (c == '\n') {
                pos++;
            } else if (c == -1) {
                throw incomplete();
            } else {
                throw invalid(pos);
            }
        }

        private int at(int i) {
            return i < b.length ? b[i] & 0xff : -1;
        }

        private String ascii(int from, int to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private static IllegalArgumentException invalid(int offset) {
            return new IllegalArgumentException("unable to parse headers (error offset: " + offset + ")");
        }

        private static IllegalArgumentException incomplete() {
            return new IllegalArgumentException("unable to parse headers (error offset: -2)");
        }
    }

    static String trimLws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isLws(s.charAt(from))) {
            from++;
        }
        while (to > from && isLws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isLws(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpHt(int c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isCrLf(int c) {
        return c == '\r' || c == '\n';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isVersionChar(int c) {
        return c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '/';
    }

    /** RFC 7230 tchar. */
    private static boolean isToken(int c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c)) {
            return true;
        }
        return c != -1 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}

package io.spoe4j.config.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks the raw HTTP responses of {@code errorfile} (the proxy keyword and the http reply
 * argument) the way HAProxy 2.6 converts them when it reads the configuration
 * ({@code http_str_to_htx}): a status line, headers ended by an empty line, a body that agrees
 * with {@code content-length}, no chunked encoding. An empty file is valid (nothing is sent).
 */
final class Errorfiles {
    /** The statuses HAProxy 2.6 answers by itself and accepts in {@code errorfile} ({@code http_err_codes}). */
    static final List<Integer> CODES = List.of(200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429,
            500, 501, 502, 503, 504);

    private Errorfiles() {
    }

    static boolean handled(int status) {
        return CODES.contains(status);
    }

    /** HAProxy's {@code atol}: leading blanks, a sign, digits; 0 when there are none. */
    static long atol(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return negative ? -v : v;
    }

    /** Why {@code raw} is not a response HAProxy accepts as an error message, or null when it is. */
    static String check(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int n = s.length();
        int sp = s.indexOf(' ');
        if (!s.startsWith("HTTP/") || sp < 0) {
            return parseError(0);
        }
        String version = s.substring(0, sp);
        for (int i = 5; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.')) {
                return parseError(i);
            }
        }
        int i = sp;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        int statusStart = i;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == statusStart || i >= n || s.charAt(i) != ' ' && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
            return parseError(i >= n ? -2 : i == statusStart ? statusStart : i);
        }
        long status = Long.parseLong(s.substring(statusStart, Math.min(i, statusStart + 9)));
        int eol = s.indexOf('\n', i);
        if (eol < 0) {
            return parseError(-2);
        }
        i = eol + 1;
        long contentLength = -1;
        boolean chunked = false;
        int bodyStart = -1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                bodyStart = i + (c == '\n' ? 1 : 2);
                break;
            }
            eol = s.indexOf('\n', i);
            if (eol < 0) {
                return parseError(-2);
            }
            if (c == ' ' || c == '\t') {
                i = eol + 1; // obsolete line folding: HAProxy accepts it
                continue;
            }
            int nameEnd = i;
            while (nameEnd < eol && isTokenChar(s.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == i || s.charAt(nameEnd) != ':') {
                return parseError(nameEnd);
            }
            String name = s.substring(i, nameEnd);
            int valueStart = nameEnd + 1;
            while (valueStart < eol && (s.charAt(valueStart) == ' ' || s.charAt(valueStart) == '\t')) {
                valueStart++;
            }
            String value = s.substring(valueStart, eol).strip();
            if (name.equalsIgnoreCase("content-length")) {
                long v = parseLength(value);
                if (v < 0 || contentLength >= 0 && v != contentLength) {
                    return parseError(valueStart);
                }
                contentLength = v;
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                String[] codings = value.split(",");
                chunked = codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
            }
            i = eol + 1;
        }
        if (bodyStart < 0) {
            return parseError(-2);
        }
        if (version.length() != 8) {
            return "invalid http version (" + version + ")";
        }
        if (status < 200 && (status == 100 || status >= 102)) {
            return "invalid http status code for an error message (" + status + ")";
        }
        long body = n - bodyStart;
        boolean bodyless;
        if (status == 204 || status == 304) {
            bodyless = true;
            contentLength = -1;
        } else if (chunked) {
            return "chunk-encoded payload not supported";
        } else {
            bodyless = contentLength == 0;
        }
        if (bodyless && body > 0) {
            return "message payload not expected";
        }
        if (contentLength >= 0 && body != contentLength) {
            return "payload size does not match the announced content-length (" + body + " != " + contentLength + ")";
        }
        return null;
    }

    private static String parseError(int offset) {
        return "unable to parse headers (error offset: " + offset + ")";
    }

    private static long parseLength(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(v);
    }

    /** RFC 7230 {@code tchar}. */
    private static boolean isTokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}

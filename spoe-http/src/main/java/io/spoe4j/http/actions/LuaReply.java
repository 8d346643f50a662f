package io.spoe4j.http.actions;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.http.HttpReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HAProxy's Lua {@code Reply} object ({@code txn:reply()}) and what {@code txn:done(reply)} makes of
 * it (hlua_txn_reply_* and hlua_txn_forward_reply in HAProxy's src/hlua.c), for the actions that
 * replace Lua scripts. Headers are kept per exact name, as the Lua table does; when written, names are
 * lower-cased (HTX stores them so), any {@code content-length} given is dropped and HAProxy's own is
 * appended with the body's length, unless a {@code transfer-encoding} ends with {@code chunked}.
 * HAProxy iterates the Lua table in hash order; this writes names in the order first added. Not
 * thread-safe: one per transaction.
 */
final class LuaReply {
    private int status;
    private String reason;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body;

    /** {@code txn:reply({status = status})}: the reason is HAProxy's for that status, the body nil. */
    LuaReply(int status) {
        this.status = status;
        this.reason = reason(status);
    }

    /** {@code reply:set_status(status)}: ignored (returns false) outside 100-599, as in HAProxy. */
    boolean setStatus(long status) {
        if (status < 100 || status > 599) {
            return false;
        }
        this.status = (int) status;
        this.reason = reason(this.status);
        return true;
    }

    /** {@code reply:add_header(name, value)}: appends a value to the list of that exact name. */
    void addHeader(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    /** {@code reply:set_body(body)}. */
    void setBody(byte[] body) {
        this.body = body;
    }

    /** The response {@code txn:done(reply)} sends. */
    HttpReply toHttpReply() {
        List<HttpHeader> out = new ArrayList<>();
        boolean chunked = false;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                continue;
            }
            for (String value : e.getValue()) {
                if (name.equals("transfer-encoding")) {
                    chunked = endsWithChunked(value, chunked);
                }
                out.add(new HttpHeader(name, value));
            }
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (!chunked) {
            out.add(new HttpHeader("content-length", Integer.toString(payload.length)));
        }
        return new HttpReply(status, reason, out, payload);
    }

    /** h1_parse_xfer_enc_header: each word of the list decides anew; blanks after the last comma (or a blank value) do not count. */
    private static boolean endsWithChunked(String value, boolean chunked) {
        String[] words = value.split(",", -1);
        for (int i = 0; i < words.length; i++) {
            String word = words[i].strip();
            if (i == words.length - 1 && word.isEmpty()) {
                break;
            }
            chunked = word.equalsIgnoreCase("chunked");
        }
        return chunked;
    }

    /** HAProxy's reason phrase for a status (http_get_reason in src/http.c, 2.6). */
    static String reason(int status) {
        switch (status) {
            case 100: return "Continue";
            case 101: return "Switching Protocols";
            case 102: return "Processing";
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 203: return "Non-Authoritative Information";
            case 204: return "No Content";
            case 205: return "Reset Content";
            case 206: return "Partial Content";
            case 207: return "Multi-Status";
            case 210: return "Content Different";
            case 226: return "IM Used";
            case 300: return "Multiple Choices";
            case 301: return "Moved Permanently";
            case 302: return "Moved Temporarily";
            case 303: return "See Other";
            case 304: return "Not Modified";
            case 305: return "Use Proxy";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 310: return "Too many Redirects";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 402: return "Payment Required";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 407: return "Proxy Authentication Required";
            case 408: return "Request Time-out";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 411: return "Length Required";
            case 412: return "Precondition Failed";
            case 413: return "Request Entity Too Large";
            case 414: return "Request-URI Too Long";
            case 415: return "Unsupported Media Type";
            case 416: return "Requested range unsatisfiable";
            case 417: return "Expectation failed";
            case 418: return "I'm a teapot";
            case 421: return "Misdirected Request";
            case 422: return "Unprocessable entity";
            case 423: return "Locked";
            case 424: return "Method failure";
            case 425: return "Too Early";
            case 426: return "Upgrade Required";
            case 428: return "Precondition Required";
            case 429: return "Too Many Requests";
            case 431: return "Request Header Fields Too Large";
            case 449: return "Retry With";
            case 450: return "Blocked by Windows Parental Controls";
            case 451: return "Unavailable For Legal Reasons";
            case 456: return "Unrecoverable Error";
            case 499: return "client has closed connection";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway or Proxy Error";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Time-out";
            case 505: return "HTTP Version not supported";
            case 506: return "Variant also negotiate";
            case 507: return "Insufficient storage";
            case 508: return "Loop detected";
            case 509: return "Bandwidth Limit Exceeded";
            case 510: return "Not extended";
            case 511: return "Network authentication required";
            case 520: return "Web server is returning an unknown error";
            default:
                if (status >= 100 && status <= 199) {
                    return "Informational";
                } else if (status >= 200 && status <= 299) {
                    return "Success";
                } else if (status >= 300 && status <= 399) {
                    return "Redirection";
                } else if (status >= 400 && status <= 499) {
                    return "Client Error";
                } else if (status >= 500 && status <= 599) {
                    return "Server Error";
                }
                return "Other";
        }
    }
}

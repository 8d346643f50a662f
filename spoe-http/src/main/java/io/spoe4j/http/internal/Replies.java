package io.spoe4j.http.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.config.HttpAction;
import io.spoe4j.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Provisional: replaced by the byte-exact HAProxy 2.6 replies. */
public final class Replies {
    private Replies() {
    }

    public static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Unknown";
        };
    }

    public static HttpReply error(int status, Map<Integer, byte[]> errorfiles) {
        return reply(status, "text/html", ("<html><body><h1>" + status + " " + reason(status) + "</h1></body></html>\n")
                .getBytes(StandardCharsets.UTF_8), List.of());
    }

    public static HttpReply parseErrorfile(byte[] raw) {
        return error(500, Map.of());
    }

    public static HttpReply reply(int status, String contentType, byte[] body, List<HttpHeader> extra) {
        List<HttpHeader> h = new ArrayList<>();
        byte[] b = body == null ? new byte[0] : body;
        h.add(new HttpHeader("content-length", Integer.toString(b.length)));
        if (contentType != null) {
            h.add(new HttpHeader("content-type", contentType));
        }
        h.addAll(extra);
        return new HttpReply(status, reason(status), h, b);
    }

    public static HttpReply withHeaders(HttpReply reply, List<HttpHeader> extra) {
        List<HttpHeader> h = new ArrayList<>(reply.headers());
        h.addAll(extra);
        return new HttpReply(reply.status(), reply.reason(), h, reply.body());
    }

    public static String redirectLocation(HttpAction.RedirectType type, String target, String uri, String host,
            boolean dropQuery, boolean appendSlash) {
        return target;
    }

    public static String setCookie(String c) {
        return c + "; path=/";
    }

    public static String clearCookie(String c) {
        return c + "=; Max-Age=0; path=/";
    }

    public static HttpReply redirect(int code, String location, List<String> cookies) {
        List<HttpHeader> h = new ArrayList<>();
        h.add(new HttpHeader("content-length", "0"));
        h.add(new HttpHeader("location", location));
        cookies.forEach(c -> h.add(new HttpHeader("set-cookie", c)));
        return new HttpReply(code, reason(code), h, new byte[0]);
    }
}

package io.spoe4j.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Request fixtures shared by the table-driven tests. */
final class Requests {
    private Requests() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A typical HTTP/1.1 request on TLS with a query, repeated and comma-joined headers, cookies, a body. */
    static SimpleRequestAttributes.Builder full() {
        return SimpleRequestAttributes.builder()
                .client(ip("192.0.2.10"), 51234)
                .server(ip("10.0.0.1"), 443)
                .tls("app1.example.com")
                .method("POST").uri("/api/v1/items?id=7&x=a%20b").httpVersion("1.1")
                .header("Host", "App1.Example.com")
                .header("User-Agent", "curl/8.0")
                .header("X-Forwarded-For", "203.0.113.1, 203.0.113.2")
                .header("X-Forwarded-For", "203.0.113.3")
                .header("Cookie", "authsession=abc123; theme=dark")
                .header("Cookie", "authsession=second")
                .header("Content-Length", "11")
                .header("Authorization", "Bearer t0k3n")
                .requestBody("hello world".getBytes(StandardCharsets.UTF_8))
                .uniqueId("uid-1")
                .variable("txn.coraza.app", Sample.str("sample_app"))
                .variable("sess.span_id", Sample.integer(99));
    }

    /** The same transaction once the response arrived. */
    static SimpleRequestAttributes withResponse() {
        return full().responseStatus(403).responseVersion("1.1")
                .responseHeader("Content-Type", "text/html")
                .responseHeader("Set-Cookie", "a=1")
                .responseHeader("Set-Cookie", "b=2")
                .responseBody("denied".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** A bare HTTP/2 GET from an IPv6 client, no TLS, no query, no body buffered. */
    static SimpleRequestAttributes bare() {
        return SimpleRequestAttributes.builder()
                .client(ip("2001:db8::1"), 40000)
                .server(ip("2001:db8::ff"), 80)
                .method("GET").uri("/index.html").httpVersion("2.0")
                .header("host", "www.example.org")
                .build();
    }
}

package io.spoe4j.http.internal;

/** Raw bytes HAProxy 2.6.12 wrote, captured by capture_replies.py (generated, do not edit). */
final class HaproxyCaptures {

    /** What HAProxy answered to one request, and whether it closed the connection after it. */
    record Capture(String request, String rule, String response, boolean closed) {
    }

    /** An errorfile: HAProxy's answer with it, or the configuration error it reported. */
    record ErrorfileCapture(String file, String response, boolean closed, String error) {
    }

    /** A redirect rule and the location HAProxy wrote for a request. */
    record LocationCapture(String rule, String type, String target, boolean fromFormat, String uri, String host,
            boolean dropQuery, boolean appendSlash, String location) {
    }

    private HaproxyCaptures() {
    }

    /** {@code http-request deny deny_status 200}, request GET11. */
    static final Capture PAGE_200 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 200",
            "HTTP/1.1 200 OK\r\ncontent-length: 58\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>200 OK</h1>\nService ready.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 400}, request GET11. */
    static final Capture PAGE_400 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 400",
            "HTTP/1.1 400 Bad request\r\ncontent-length: 90\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>400 Bad request</h1>\nYour browser sent an invalid request.\n</body></html>\n", true);
    /** {@code http-request deny deny_status 401}, request GET11. */
    static final Capture PAGE_401 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 401",
            "HTTP/1.1 401 Unauthorized\r\ncontent-length: 112\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>401 Unauthorized</h1>\nYou need a valid user and password to access this content.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 403}, request GET11. */
    static final Capture PAGE_403 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 403",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 404}, request GET11. */
    static final Capture PAGE_404 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 404",
            "HTTP/1.1 404 Not Found\r\ncontent-length: 83\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>404 Not Found</h1>\nThe resource could not be found.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 405}, request GET11. */
    static final Capture PAGE_405 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 405",
            "HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 146\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>405 Method Not Allowed</h1>\nA request was made of a resource using a request method not supported by that resource\n</body></html>\n", false);
    /** {@code http-request deny deny_status 407}, request GET11. */
    static final Capture PAGE_407 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 407",
            "HTTP/1.1 407 Unauthorized\r\ncontent-length: 112\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>407 Unauthorized</h1>\nYou need a valid user and password to access this content.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 408}, request GET11. */
    static final Capture PAGE_408 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 408",
            "HTTP/1.1 408 Request Time-out\r\ncontent-length: 110\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>408 Request Time-out</h1>\nYour browser didn't send a complete request in time.\n</body></html>\n", true);
    /** {@code http-request deny deny_status 410}, request GET11. */
    static final Capture PAGE_410 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 410",
            "HTTP/1.1 410 Gone\r\ncontent-length: 114\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>410 Gone</h1>\nThe resource is no longer available and will not be available again.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 413}, request GET11. */
    static final Capture PAGE_413 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 413",
            "HTTP/1.1 413 Payload Too Large\r\ncontent-length: 106\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>413 Payload Too Large</h1>\nThe request entity exceeds the maximum allowed.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 421}, request GET11. */
    static final Capture PAGE_421 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 421",
            "HTTP/1.1 421 Misdirected Request\r\ncontent-length: 104\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>421 Misdirected Request</h1>\nRequest sent to a non-authoritative server.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 422}, request GET11. */
    static final Capture PAGE_422 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 422",
            "HTTP/1.1 422 Unprocessable Content\r\ncontent-length: 116\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>422 Unprocessable Content</h1>\nThe server cannot process the contained instructions.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 425}, request GET11. */
    static final Capture PAGE_425 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 425",
            "HTTP/1.1 425 Too Early\r\ncontent-length: 80\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>425 Too Early</h1>\nYour browser sent early data.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 429}, request GET11. */
    static final Capture PAGE_429 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 429",
            "HTTP/1.1 429 Too Many Requests\r\ncontent-length: 117\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>429 Too Many Requests</h1>\nYou have sent too many requests in a given amount of time.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 500}, request GET11. */
    static final Capture PAGE_500 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 500",
            "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 97\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>500 Internal Server Error</h1>\nAn internal server error occurred.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 501}, request GET11. */
    static final Capture PAGE_501 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 501",
            "HTTP/1.1 501 Not Implemented\r\ncontent-length: 136\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>501 Not Implemented</h1>\n.The server does not support the functionality required to fulfill the request.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 502}, request GET11. */
    static final Capture PAGE_502 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 502",
            "HTTP/1.1 502 Bad Gateway\r\ncontent-length: 107\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 503}, request GET11. */
    static final Capture PAGE_503 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 503",
            "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 107\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 504}, request GET11. */
    static final Capture PAGE_504 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 504",
            "HTTP/1.1 504 Gateway Time-out\r\ncontent-length: 92\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n", false);
    /** {@code http-request deny}, request GET11. */
    static final Capture DENY_GET11 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", false);
    /** {@code http-request deny}, request GET11_CLOSE. */
    static final Capture DENY_GET11_CLOSE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", true);
    /** {@code http-request deny}, request GET10. */
    static final Capture DENY_GET10 = new Capture("GET /a HTTP/1.0\r\nHost: x\r\n\r\n", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", true);
    /** {@code http-request deny}, request GET10_KA. */
    static final Capture DENY_GET10_KA = new Capture("GET /a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: keep-alive\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", false);
    /** {@code http-request deny}, request HEAD11. */
    static final Capture DENY_HEAD11 = new Capture("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n", false);
    /** {@code http-request deny}, request POST11_BODY. */
    static final Capture DENY_POST11_BODY = new Capture("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", false);
    /** {@code http-request deny}, request POST11_NO_BODY_YET. */
    static final Capture DENY_POST11_NO_BODY_YET = new Capture("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", true);
    /** {@code http-request deny}, request POST11_CHUNKED. */
    static final Capture DENY_POST11_CHUNKED = new Capture("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "http-request deny",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", false);
    /** {@code http-request deny deny_status 400}, request GET10_KA. */
    static final Capture PAGE_400_GET10_KA = new Capture("GET /a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n", "http-request deny deny_status 400",
            "HTTP/1.1 400 Bad request\r\ncontent-length: 90\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>400 Bad request</h1>\nYour browser sent an invalid request.\n</body></html>\n", true);
    /** {@code http-request return status 200 content-type text/plain string "ok" hdr x-a "1" hdr x-b "2"}, request GET11. */
    static final Capture RETURN_OK_HDRS = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain string \"ok\" hdr x-a \"1\" hdr x-b \"2\"",
            "HTTP/1.1 200 OK\r\nx-a: 1\r\nx-b: 2\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nok", false);
    /** {@code http-request return status 200 content-type text/plain string "ok" hdr x-a "1" hdr x-b "2"}, request GET10. */
    static final Capture RETURN_OK_HDRS_GET10 = new Capture("GET /a HTTP/1.0\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain string \"ok\" hdr x-a \"1\" hdr x-b \"2\"",
            "HTTP/1.1 200 OK\r\nx-a: 1\r\nx-b: 2\r\ncontent-length: 2\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nok", true);
    /** {@code http-request return status 200 content-type text/plain string "ok" hdr x-a "1" hdr x-b "2"}, request HEAD11. */
    static final Capture RETURN_OK_HDRS_HEAD11 = new Capture("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain string \"ok\" hdr x-a \"1\" hdr x-b \"2\"",
            "HTTP/1.1 200 OK\r\nx-a: 1\r\nx-b: 2\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\n", false);
    /** {@code http-request return status 204}, request GET11. */
    static final Capture RETURN_204 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 204",
            "HTTP/1.1 204 No Content\r\n\r\n", false);
    /** {@code http-request return status 204 hdr x-a 1}, request GET11. */
    static final Capture RETURN_204_HDR = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 204 hdr x-a 1",
            "HTTP/1.1 204 No Content\r\nx-a: 1\r\n\r\n", false);
    /** {@code http-request return status 304}, request GET11. */
    static final Capture RETURN_304 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 304",
            "HTTP/1.1 304 Not Modified\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return}, request GET11. */
    static final Capture RETURN_DEFAULT = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return",
            "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return status 404}, request GET11. */
    static final Capture RETURN_404 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 404",
            "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return status 418}, request GET11. */
    static final Capture RETURN_418 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 418",
            "HTTP/1.1 418 I'm a teapot\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return status 299 content-type text/plain string "x"}, request GET11. */
    static final Capture RETURN_299_STRING = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 299 content-type text/plain string \"x\"",
            "HTTP/1.1 299 Success\r\ncontent-length: 1\r\ncontent-type: text/plain\r\n\r\nx", false);
    /** {@code http-request return status 599}, request GET11. */
    static final Capture RETURN_599 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 599",
            "HTTP/1.1 599 Server Error\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return status 200 hdr x-a "1"}, request GET11. */
    static final Capture RETURN_HDR_ONLY = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 hdr x-a \"1\"",
            "HTTP/1.1 200 OK\r\nx-a: 1\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return status 200 content-type text/plain}, request GET11. */
    static final Capture RETURN_CT_ONLY = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain",
            "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return content-type "text/plain; charset=utf-8" string "abc"}, request GET11. */
    static final Capture RETURN_CT_CHARSET = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return content-type \"text/plain; charset=utf-8\" string \"abc\"",
            "HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-type: text/plain; charset=utf-8\r\n\r\nabc", false);
    /** {@code http-request return status 200 content-type text/plain string "ok" hdr content-length 5 hdr content-type x/y hdr transfer-encoding chunked}, request GET11. */
    static final Capture RETURN_IGNORED_HDRS = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain string \"ok\" hdr content-length 5 hdr content-type x/y hdr transfer-encoding chunked",
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nok", false);
    /** {@code http-request return status 200 content-type text/plain string "ok" hdr x-a 1 hdr X-A 2 hdr Set-Cookie a=b}, request GET11. */
    static final Capture RETURN_DUP_HDRS = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain string \"ok\" hdr x-a 1 hdr X-A 2 hdr Set-Cookie a=b",
            "HTTP/1.1 200 OK\r\nx-a: 1\r\nx-a: 2\r\nset-cookie: a=b\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nok", false);
    /** {@code http-request return status 200 content-type text/plain lf-string "p=%[path]" hdr x-p "%[path]" hdr x-e "%[req.hdr(nonexist)]" hdr x-s " a  b "}, request GET11. */
    static final Capture RETURN_LF_HDRS = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain lf-string \"p=%[path]\" hdr x-p \"%[path]\" hdr x-e \"%[req.hdr(nonexist)]\" hdr x-s \" a  b \"",
            "HTTP/1.1 200 OK\r\nx-p: /a\r\nx-s:  a  b \r\ncontent-length: 4\r\ncontent-type: text/plain\r\n\r\np=/a", false);
    /** {@code http-request return status 200 content-type text/plain lf-string "%[req.hdr(nonexist)]"}, request GET11. */
    static final Capture RETURN_LF_EMPTY_BODY = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 content-type text/plain lf-string \"%[req.hdr(nonexist)]\"",
            "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return status 200 hdr connection close hdr x-a 1}, request GET11. */
    static final Capture RETURN_HDR_CONNECTION_CLOSE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 hdr connection close hdr x-a 1",
            "HTTP/1.1 200 OK\r\nx-a: 1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n", true);
    /** {@code http-request return status 200 hdr Connection "keep-alive, Upgrade"}, request GET11. */
    static final Capture RETURN_HDR_CONNECTION_KA_UPGRADE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 200 hdr Connection \"keep-alive, Upgrade\"",
            "HTTP/1.1 200 OK\r\nconnection: Upgrade\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request return status 200 content-type text/plain string "ok"}, request POST11_NO_BODY_YET. */
    static final Capture RETURN_POST11_NO_BODY_YET = new Capture("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", "http-request return status 200 content-type text/plain string \"ok\"",
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nok", true);
    /** {@code http-request deny deny_status 403 hdr waf-block request}, request GET11. */
    static final Capture DENY_HDR = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 403 hdr waf-block request",
            "HTTP/1.1 403 Forbidden\r\nwaf-block: request\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request deny hdr x-a 1 hdr x-b 2}, request GET11. */
    static final Capture DENY_HDRS = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny hdr x-a 1 hdr x-b 2",
            "HTTP/1.1 403 Forbidden\r\nx-a: 1\r\nx-b: 2\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request deny deny_status 403 content-type text/plain string blocked}, request GET11. */
    static final Capture DENY_STRING = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 403 content-type text/plain string blocked",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 7\r\ncontent-type: text/plain\r\n\r\nblocked", false);
    /** {@code http-request deny deny_status 418 hdr x y}, request GET11. */
    static final Capture DENY_418_HDR = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 418 hdr x y",
            "HTTP/1.1 418 I'm a teapot\r\nx: y\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request deny deny_status 418 content-type text/plain string x}, request GET11. */
    static final Capture DENY_418_STRING = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 418 content-type text/plain string x",
            "HTTP/1.1 418 I'm a teapot\r\ncontent-length: 1\r\ncontent-type: text/plain\r\n\r\nx", false);
    /** {@code http-request deny status 429}, request GET11. */
    static final Capture DENY_STATUS_429 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny status 429",
            "HTTP/1.1 429 Too Many Requests\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request deny content-type text/plain}, request GET11. */
    static final Capture DENY_CT_ONLY = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny content-type text/plain",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request deny deny_status 400 hdr x-a 1}, request GET11. */
    static final Capture DENY_400_HDR = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny deny_status 400 hdr x-a 1",
            "HTTP/1.1 400 Bad Request\r\nx-a: 1\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request deny default-errorfiles hdr x y}, request GET11. */
    static final Capture DENY_DEFAULT_ERRORFILES_HDR = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request deny default-errorfiles hdr x y",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", false);
    /** {@code http-request return status 404 default-errorfiles}, request GET11. */
    static final Capture RETURN_404_DEFAULT_ERRORFILES = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request return status 404 default-errorfiles",
            "HTTP/1.1 404 Not Found\r\ncontent-length: 83\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>404 Not Found</h1>\nThe resource could not be found.\n</body></html>\n", false);
    /** {@code http-request tarpit}, request GET11. */
    static final Capture TARPIT_DEFAULT = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request tarpit",
            "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 97\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>500 Internal Server Error</h1>\nAn internal server error occurred.\n</body></html>\n", false);
    /** {@code http-request tarpit}, request GET10. */
    static final Capture TARPIT_DEFAULT_GET10 = new Capture("GET /a HTTP/1.0\r\nHost: x\r\n\r\n", "http-request tarpit",
            "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 97\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>500 Internal Server Error</h1>\nAn internal server error occurred.\n</body></html>\n", true);
    /** {@code http-request tarpit deny_status 403}, request GET11. */
    static final Capture TARPIT_403 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request tarpit deny_status 403",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 93\r\ncache-control: no-cache\r\ncontent-type: text/html\r\n\r\n<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", false);
    /** {@code http-request tarpit hdr x-a 1}, request GET11. */
    static final Capture TARPIT_HDR = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request tarpit hdr x-a 1",
            "HTTP/1.1 500 Internal Server Error\r\nx-a: 1\r\ncontent-length: 0\r\n\r\n", false);
    /** {@code http-request tarpit deny_status 403 content-type text/plain string slow}, request GET11. */
    static final Capture TARPIT_STRING = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request tarpit deny_status 403 content-type text/plain string slow",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 4\r\ncontent-type: text/plain\r\n\r\nslow", false);
    /** {@code http-request redirect location /x code 301}, request GET11. */
    static final Capture REDIRECT_301 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x code 301",
            "HTTP/1.1 301 Moved Permanently\r\ncontent-length: 0\r\nlocation: /x\r\n\r\n", false);
    /** {@code http-request redirect location /x code 302}, request GET11. */
    static final Capture REDIRECT_302 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x code 302",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\n\r\n", false);
    /** {@code http-request redirect location /x code 303}, request GET11. */
    static final Capture REDIRECT_303 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x code 303",
            "HTTP/1.1 303 See Other\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\n\r\n", false);
    /** {@code http-request redirect location /x code 307}, request GET11. */
    static final Capture REDIRECT_307 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x code 307",
            "HTTP/1.1 307 Temporary Redirect\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\n\r\n", false);
    /** {@code http-request redirect location /x code 308}, request GET11. */
    static final Capture REDIRECT_308 = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x code 308",
            "HTTP/1.1 308 Permanent Redirect\r\ncontent-length: 0\r\nlocation: /x\r\n\r\n", false);
    /** {@code http-request redirect location /x set-cookie SESS=abc}, request GET11. */
    static final Capture REDIRECT_SET_COOKIE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x set-cookie SESS=abc",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nset-cookie: SESS=abc; path=/;\r\n\r\n", false);
    /** {@code http-request redirect location /x set-cookie SESS}, request GET11. */
    static final Capture REDIRECT_SET_COOKIE_NO_VALUE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x set-cookie SESS",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nset-cookie: SESS; path=/;\r\n\r\n", false);
    /** {@code http-request redirect location /x clear-cookie SESS}, request GET11. */
    static final Capture REDIRECT_CLEAR_COOKIE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x clear-cookie SESS",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nset-cookie: SESS; path=/; Max-Age=0;\r\n\r\n", false);
    /** {@code http-request redirect location /x clear-cookie SESS=}, request GET11. */
    static final Capture REDIRECT_CLEAR_COOKIE_EQ = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x clear-cookie SESS=",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nset-cookie: SESS=; path=/; Max-Age=0;\r\n\r\n", false);
    /** {@code http-request redirect location /x code 301 set-cookie A=1}, request GET11. */
    static final Capture REDIRECT_301_SET_COOKIE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x code 301 set-cookie A=1",
            "HTTP/1.1 301 Moved Permanently\r\ncontent-length: 0\r\nlocation: /x\r\nset-cookie: A=1; path=/;\r\n\r\n", false);
    /** {@code http-request redirect location /x code 308 clear-cookie A}, request GET11. */
    static final Capture REDIRECT_308_CLEAR_COOKIE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x code 308 clear-cookie A",
            "HTTP/1.1 308 Permanent Redirect\r\ncontent-length: 0\r\nlocation: /x\r\nset-cookie: A; path=/; Max-Age=0;\r\n\r\n", false);
    /** {@code http-request redirect location /x set-cookie SESS=abc clear-cookie OTHER}, request GET11. */
    static final Capture REDIRECT_SET_THEN_CLEAR = new Capture("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x set-cookie SESS=abc clear-cookie OTHER",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nset-cookie: OTHER; path=/; Max-Age=0;\r\n\r\n", false);
    /** {@code http-request redirect location /x}, request GET10. */
    static final Capture REDIRECT_GET10 = new Capture("GET /a HTTP/1.0\r\nHost: x\r\n\r\n", "http-request redirect location /x",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nconnection: close\r\n\r\n", true);
    /** {@code http-request redirect location /x}, request GET10_KA. */
    static final Capture REDIRECT_GET10_KA = new Capture("GET /a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n", "http-request redirect location /x",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nconnection: keep-alive\r\n\r\n", false);
    /** {@code http-request redirect location /x}, request GET11_CLOSE. */
    static final Capture REDIRECT_GET11_CLOSE = new Capture("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "http-request redirect location /x",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nconnection: close\r\n\r\n", true);
    /** {@code http-request redirect location /x}, request POST11_BODY. */
    static final Capture REDIRECT_POST11_BODY = new Capture("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", "http-request redirect location /x",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nconnection: close\r\n\r\n", true);
    /** {@code http-request redirect location /x}, request POST11_CL0. */
    static final Capture REDIRECT_POST11_CL0 = new Capture("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "http-request redirect location /x",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\n\r\n", false);
    /** {@code http-request redirect location /x}, request POST11_CHUNKED. */
    static final Capture REDIRECT_POST11_CHUNKED = new Capture("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "http-request redirect location /x",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\nconnection: close\r\n\r\n", true);
    /** {@code http-request redirect location /x}, request HEAD11. */
    static final Capture REDIRECT_HEAD11 = new Capture("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n", "http-request redirect location /x",
            "HTTP/1.1 302 Found\r\ncontent-length: 0\r\nlocation: /x\r\ncache-control: no-cache\r\n\r\n", false);

    static final LocationCapture[] LOCATIONS = {
        new LocationCapture("location /x", "LOCATION", "/x", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "/", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "/a/", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "/a?", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "/a/?q", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "http://abs.host/a/b?q", "abs.host", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "http://abs.host", "abs.host", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "*", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "//double/slash", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x", "LOCATION", "/x", false, "/a%20b?x=%41", "h.test:8080", false, false, "/x"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "/", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "/a/", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "/a?", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "/a/?q", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "http://abs.host/a/b?q", "abs.host", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "http://abs.host", "abs.host", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "*", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "//double/slash", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location /x?y=1 drop-query append-slash", "LOCATION", "/x?y=1", false, "/a%20b?x=%41", "h.test:8080", false, false, "/x?y=1"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "/", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "/a/", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "/a?", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "/a/?q", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "http://abs.host/a/b?q", "abs.host", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "http://abs.host", "abs.host", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "*", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "//double/slash", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location http://example.com/p?q\\#f", "LOCATION", "http://example.com/p?q#f", false, "/a%20b?x=%41", "h.test:8080", false, false, "http://example.com/p?q#f"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "/", "h.test:8080", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "/a/", "h.test:8080", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "/a?", "h.test:8080", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "/a/?q", "h.test:8080", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "http://abs.host/a/b?q", "abs.host", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "http://abs.host", "abs.host", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "*", "h.test:8080", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "//double/slash", "h.test:8080", false, false, "/a b"),
        new LocationCapture("location \"/a b\"", "LOCATION", "/a b", false, "/a%20b?x=%41", "h.test:8080", false, false, "/a b"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "/p/a/b?q=1&r=2"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "/", "h.test:8080", false, false, "/p/"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "/a/", "h.test:8080", false, false, "/p/a/"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "/a?", "h.test:8080", false, false, "/p/a?"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "/a/?q", "h.test:8080", false, false, "/p/a/?q"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "http://abs.host/a/b?q", "abs.host", false, false, "/p/a/b?q"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "http://abs.host", "abs.host", false, false, "/p/"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "*", "h.test:8080", false, false, "/p/"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "//double/slash", "h.test:8080", false, false, "/p//double/slash"),
        new LocationCapture("prefix /p", "PREFIX", "/p", false, "/a%20b?x=%41", "h.test:8080", false, false, "/p/a%20b?x=%41"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "/a/b?q=1&r=2", "h.test:8080", true, false, "/p/a/b"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "/", "h.test:8080", true, false, "/p/"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "/a/", "h.test:8080", true, false, "/p/a/"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "/a?", "h.test:8080", true, false, "/p/a"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "/a/?q", "h.test:8080", true, false, "/p/a/"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "http://abs.host/a/b?q", "abs.host", true, false, "/p/a/b"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "http://abs.host", "abs.host", true, false, "/p/"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "*", "h.test:8080", true, false, "/p/"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "//double/slash", "h.test:8080", true, false, "/p//double/slash"),
        new LocationCapture("prefix /p drop-query", "PREFIX", "/p", false, "/a%20b?x=%41", "h.test:8080", true, false, "/p/a%20b"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "/a/b?q=1&r=2", "h.test:8080", false, true, "/p/a/b?q=1&r=2/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "/", "h.test:8080", false, true, "/p/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "/a/", "h.test:8080", false, true, "/p/a/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "/a?", "h.test:8080", false, true, "/p/a?/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "/a/?q", "h.test:8080", false, true, "/p/a/?q/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "http://abs.host/a/b?q", "abs.host", false, true, "/p/a/b?q/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "http://abs.host", "abs.host", false, true, "/p/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "*", "h.test:8080", false, true, "/p/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "//double/slash", "h.test:8080", false, true, "/p//double/slash/"),
        new LocationCapture("prefix /p append-slash", "PREFIX", "/p", false, "/a%20b?x=%41", "h.test:8080", false, true, "/p/a%20b?x=%41/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "/a/b?q=1&r=2", "h.test:8080", true, true, "/p/a/b/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "/", "h.test:8080", true, true, "/p/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "/a/", "h.test:8080", true, true, "/p/a/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "/a?", "h.test:8080", true, true, "/p/a/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "/a/?q", "h.test:8080", true, true, "/p/a/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "http://abs.host/a/b?q", "abs.host", true, true, "/p/a/b/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "http://abs.host", "abs.host", true, true, "/p/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "*", "h.test:8080", true, true, "/p/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "//double/slash", "h.test:8080", true, true, "/p//double/slash/"),
        new LocationCapture("prefix /p drop-query append-slash", "PREFIX", "/p", false, "/a%20b?x=%41", "h.test:8080", true, true, "/p/a%20b/"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "/a/b?q=1&r=2"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "/", "h.test:8080", false, false, "/"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "/a/", "h.test:8080", false, false, "/a/"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "/a?", "h.test:8080", false, false, "/a?"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "/a/?q", "h.test:8080", false, false, "/a/?q"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "http://abs.host/a/b?q", "abs.host", false, false, "/a/b?q"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "http://abs.host", "abs.host", false, false, "/"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "*", "h.test:8080", false, false, "/"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "//double/slash", "h.test:8080", false, false, "//double/slash"),
        new LocationCapture("prefix /", "PREFIX", "/", false, "/a%20b?x=%41", "h.test:8080", false, false, "/a%20b?x=%41"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "/a/b?q=1&r=2", "h.test:8080", true, false, "/a/b"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "/", "h.test:8080", true, false, "/"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "/a/", "h.test:8080", true, false, "/a/"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "/a?", "h.test:8080", true, false, "/a"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "/a/?q", "h.test:8080", true, false, "/a/"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "http://abs.host/a/b?q", "abs.host", true, false, "/a/b"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "http://abs.host", "abs.host", true, false, "/"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "*", "h.test:8080", true, false, "/"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "//double/slash", "h.test:8080", true, false, "//double/slash"),
        new LocationCapture("prefix / drop-query", "PREFIX", "/", false, "/a%20b?x=%41", "h.test:8080", true, false, "/a%20b"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "/a/b?q=1&r=2", "h.test:8080", false, true, "/a/b?q=1&r=2/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "/", "h.test:8080", false, true, "/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "/a/", "h.test:8080", false, true, "/a/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "/a?", "h.test:8080", false, true, "/a?/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "/a/?q", "h.test:8080", false, true, "/a/?q/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "http://abs.host/a/b?q", "abs.host", false, true, "/a/b?q/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "http://abs.host", "abs.host", false, true, "/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "*", "h.test:8080", false, true, "/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "//double/slash", "h.test:8080", false, true, "//double/slash/"),
        new LocationCapture("prefix / append-slash", "PREFIX", "/", false, "/a%20b?x=%41", "h.test:8080", false, true, "/a%20b?x=%41/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "/a/b?q=1&r=2", "h.test:8080", true, true, "/a/b/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "/", "h.test:8080", true, true, "/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "/a/", "h.test:8080", true, true, "/a/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "/a?", "h.test:8080", true, true, "/a/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "/a/?q", "h.test:8080", true, true, "/a/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "http://abs.host/a/b?q", "abs.host", true, true, "/a/b/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "http://abs.host", "abs.host", true, true, "/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "*", "h.test:8080", true, true, "/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "//double/slash", "h.test:8080", true, true, "//double/slash/"),
        new LocationCapture("prefix / drop-query append-slash", "PREFIX", "/", false, "/a%20b?x=%41", "h.test:8080", true, true, "/a%20b/"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "https://h.example/a/b?q=1&r=2"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "/", "h.test:8080", false, false, "https://h.example/"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "/a/", "h.test:8080", false, false, "https://h.example/a/"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "/a?", "h.test:8080", false, false, "https://h.example/a?"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "/a/?q", "h.test:8080", false, false, "https://h.example/a/?q"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "http://abs.host/a/b?q", "abs.host", false, false, "https://h.example/a/b?q"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "http://abs.host", "abs.host", false, false, "https://h.example/"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "*", "h.test:8080", false, false, "https://h.example/"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "//double/slash", "h.test:8080", false, false, "https://h.example//double/slash"),
        new LocationCapture("prefix https://h.example", "PREFIX", "https://h.example", false, "/a%20b?x=%41", "h.test:8080", false, false, "https://h.example/a%20b?x=%41"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "/a/b?q=1&r=2", "h.test:8080", true, false, "https://h.example/a/b"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "/", "h.test:8080", true, false, "https://h.example/"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "/a/", "h.test:8080", true, false, "https://h.example/a/"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "/a?", "h.test:8080", true, false, "https://h.example/a"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "/a/?q", "h.test:8080", true, false, "https://h.example/a/"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "http://abs.host/a/b?q", "abs.host", true, false, "https://h.example/a/b"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "http://abs.host", "abs.host", true, false, "https://h.example/"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "*", "h.test:8080", true, false, "https://h.example/"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "//double/slash", "h.test:8080", true, false, "https://h.example//double/slash"),
        new LocationCapture("prefix https://h.example drop-query", "PREFIX", "https://h.example", false, "/a%20b?x=%41", "h.test:8080", true, false, "https://h.example/a%20b"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "/a/b?q=1&r=2", "h.test:8080", false, true, "https://h.example/a/b?q=1&r=2/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "/", "h.test:8080", false, true, "https://h.example/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "/a/", "h.test:8080", false, true, "https://h.example/a/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "/a?", "h.test:8080", false, true, "https://h.example/a?/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "/a/?q", "h.test:8080", false, true, "https://h.example/a/?q/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "http://abs.host/a/b?q", "abs.host", false, true, "https://h.example/a/b?q/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "http://abs.host", "abs.host", false, true, "https://h.example/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "*", "h.test:8080", false, true, "https://h.example/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "//double/slash", "h.test:8080", false, true, "https://h.example//double/slash/"),
        new LocationCapture("prefix https://h.example append-slash", "PREFIX", "https://h.example", false, "/a%20b?x=%41", "h.test:8080", false, true, "https://h.example/a%20b?x=%41/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "/a/b?q=1&r=2", "h.test:8080", true, true, "https://h.example/a/b/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "/", "h.test:8080", true, true, "https://h.example/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "/a/", "h.test:8080", true, true, "https://h.example/a/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "/a?", "h.test:8080", true, true, "https://h.example/a/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "/a/?q", "h.test:8080", true, true, "https://h.example/a/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "http://abs.host/a/b?q", "abs.host", true, true, "https://h.example/a/b/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "http://abs.host", "abs.host", true, true, "https://h.example/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "*", "h.test:8080", true, true, "https://h.example/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "//double/slash", "h.test:8080", true, true, "https://h.example//double/slash/"),
        new LocationCapture("prefix https://h.example drop-query append-slash", "PREFIX", "https://h.example", false, "/a%20b?x=%41", "h.test:8080", true, true, "https://h.example/a%20b/"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "https://h.example//a/b?q=1&r=2"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "/", "h.test:8080", false, false, "https://h.example//"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "/a/", "h.test:8080", false, false, "https://h.example//a/"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "/a?", "h.test:8080", false, false, "https://h.example//a?"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "/a/?q", "h.test:8080", false, false, "https://h.example//a/?q"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "http://abs.host/a/b?q", "abs.host", false, false, "https://h.example//a/b?q"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "http://abs.host", "abs.host", false, false, "https://h.example//"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "*", "h.test:8080", false, false, "https://h.example//"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "//double/slash", "h.test:8080", false, false, "https://h.example///double/slash"),
        new LocationCapture("prefix https://h.example/", "PREFIX", "https://h.example/", false, "/a%20b?x=%41", "h.test:8080", false, false, "https://h.example//a%20b?x=%41"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "/a/b?q=1&r=2", "h.test:8080", true, false, "https://h.example//a/b"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "/", "h.test:8080", true, false, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "/a/", "h.test:8080", true, false, "https://h.example//a/"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "/a?", "h.test:8080", true, false, "https://h.example//a"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "/a/?q", "h.test:8080", true, false, "https://h.example//a/"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "http://abs.host/a/b?q", "abs.host", true, false, "https://h.example//a/b"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "http://abs.host", "abs.host", true, false, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "*", "h.test:8080", true, false, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "//double/slash", "h.test:8080", true, false, "https://h.example///double/slash"),
        new LocationCapture("prefix https://h.example/ drop-query", "PREFIX", "https://h.example/", false, "/a%20b?x=%41", "h.test:8080", true, false, "https://h.example//a%20b"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "/a/b?q=1&r=2", "h.test:8080", false, true, "https://h.example//a/b?q=1&r=2/"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "/", "h.test:8080", false, true, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "/a/", "h.test:8080", false, true, "https://h.example//a/"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "/a?", "h.test:8080", false, true, "https://h.example//a?/"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "/a/?q", "h.test:8080", false, true, "https://h.example//a/?q/"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "http://abs.host/a/b?q", "abs.host", false, true, "https://h.example//a/b?q/"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "http://abs.host", "abs.host", false, true, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "*", "h.test:8080", false, true, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "//double/slash", "h.test:8080", false, true, "https://h.example///double/slash/"),
        new LocationCapture("prefix https://h.example/ append-slash", "PREFIX", "https://h.example/", false, "/a%20b?x=%41", "h.test:8080", false, true, "https://h.example//a%20b?x=%41/"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "/a/b?q=1&r=2", "h.test:8080", true, true, "https://h.example//a/b/"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "/", "h.test:8080", true, true, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "/a/", "h.test:8080", true, true, "https://h.example//a/"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "/a?", "h.test:8080", true, true, "https://h.example//a/"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "/a/?q", "h.test:8080", true, true, "https://h.example//a/"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "http://abs.host/a/b?q", "abs.host", true, true, "https://h.example//a/b/"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "http://abs.host", "abs.host", true, true, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "*", "h.test:8080", true, true, "https://h.example//"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "//double/slash", "h.test:8080", true, true, "https://h.example///double/slash/"),
        new LocationCapture("prefix https://h.example/ drop-query append-slash", "PREFIX", "https://h.example/", false, "/a%20b?x=%41", "h.test:8080", true, true, "https://h.example//a%20b/"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "/a/b?q=1&r=2", "h.test:8080", false, false, "https://h.test:8080/a/b?q=1&r=2"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "/", "h.test:8080", false, false, "https://h.test:8080/"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "/a/", "h.test:8080", false, false, "https://h.test:8080/a/"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "/a?", "h.test:8080", false, false, "https://h.test:8080/a?"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "/a/?q", "h.test:8080", false, false, "https://h.test:8080/a/?q"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "http://abs.host/a/b?q", "abs.host", false, false, "https://abs.host/a/b?q"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "http://abs.host", "abs.host", false, false, "https://abs.host/"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "*", "h.test:8080", false, false, "https://h.test:8080/"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "//double/slash", "h.test:8080", false, false, "https://h.test:8080//double/slash"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "/a%20b?x=%41", "h.test:8080", false, false, "https://h.test:8080/a%20b?x=%41"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "/a/b?q=1&r=2", "h.test:8080", true, false, "https://h.test:8080/a/b"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "/", "h.test:8080", true, false, "https://h.test:8080/"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "/a/", "h.test:8080", true, false, "https://h.test:8080/a/"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "/a?", "h.test:8080", true, false, "https://h.test:8080/a"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "/a/?q", "h.test:8080", true, false, "https://h.test:8080/a/"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "http://abs.host/a/b?q", "abs.host", true, false, "https://abs.host/a/b"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "http://abs.host", "abs.host", true, false, "https://abs.host/"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "*", "h.test:8080", true, false, "https://h.test:8080/"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "//double/slash", "h.test:8080", true, false, "https://h.test:8080//double/slash"),
        new LocationCapture("scheme https drop-query", "SCHEME", "https", false, "/a%20b?x=%41", "h.test:8080", true, false, "https://h.test:8080/a%20b"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "/a/b?q=1&r=2", "h.test:8080", false, true, "https://h.test:8080/a/b?q=1&r=2/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "/", "h.test:8080", false, true, "https://h.test:8080/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "/a/", "h.test:8080", false, true, "https://h.test:8080/a/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "/a?", "h.test:8080", false, true, "https://h.test:8080/a?/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "/a/?q", "h.test:8080", false, true, "https://h.test:8080/a/?q/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "http://abs.host/a/b?q", "abs.host", false, true, "https://abs.host/a/b?q/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "http://abs.host", "abs.host", false, true, "https://abs.host/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "*", "h.test:8080", false, true, "https://h.test:8080/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "//double/slash", "h.test:8080", false, true, "https://h.test:8080//double/slash/"),
        new LocationCapture("scheme https append-slash", "SCHEME", "https", false, "/a%20b?x=%41", "h.test:8080", false, true, "https://h.test:8080/a%20b?x=%41/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "/a/b?q=1&r=2", "h.test:8080", true, true, "https://h.test:8080/a/b/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "/", "h.test:8080", true, true, "https://h.test:8080/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "/a/", "h.test:8080", true, true, "https://h.test:8080/a/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "/a?", "h.test:8080", true, true, "https://h.test:8080/a/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "/a/?q", "h.test:8080", true, true, "https://h.test:8080/a/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "http://abs.host/a/b?q", "abs.host", true, true, "https://abs.host/a/b/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "http://abs.host", "abs.host", true, true, "https://abs.host/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "*", "h.test:8080", true, true, "https://h.test:8080/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "//double/slash", "h.test:8080", true, true, "https://h.test:8080//double/slash/"),
        new LocationCapture("scheme https drop-query append-slash", "SCHEME", "https", false, "/a%20b?x=%41", "h.test:8080", true, true, "https://h.test:8080/a%20b/"),
        new LocationCapture("prefix \"%[str(/)]\"", "PREFIX", "/", true, "/a/x", "x", false, false, "//a/x"),
        new LocationCapture("prefix \"%[req.hdr(x-none)]\"", "PREFIX", "", true, "/a/x?q", "x", false, false, "/a/x?q"),
        new LocationCapture("location \"%[req.hdr(x-none)]\"", "LOCATION", "", true, "/a/x", "x", false, false, ""),
        new LocationCapture("scheme \"%[req.hdr(x-none)]\"", "SCHEME", "", true, "/a/x?q", "h", false, false, "://h/a/x?q"),
        new LocationCapture("scheme https", "SCHEME", "https", false, "/s/a", null, false, false, "https:///s/a"),
    };

    static final ErrorfileCapture EF_PROPER = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nCache-Control: no-cache\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-type: text/html\r\ncache-control: no-cache\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_NO_CL = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-type: text/html\r\nconnection: close\r\n\r\nhello", true, null);
    static final ErrorfileCapture EF_NO_CL_NO_BODY = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\n\r\n",
            "HTTP/1.1 403 Forbidden\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n", true, null);
    static final ErrorfileCapture EF_LF_ONLY = new ErrorfileCapture("HTTP/1.1 403 Forbidden\nContent-Type: text/html\nContent-Length: 5\n\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-type: text/html\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_CL_SHORT = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\nhello",
            null, false, "payload size does not match the announced content-length (5 != 3)");
    static final ErrorfileCapture EF_CL_LONG = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nhello",
            null, false, "payload size does not match the announced content-length (5 != 9)");
    static final ErrorfileCapture EF_CHUNKED = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            null, false, "chunk-encoded payload not supported");
    static final ErrorfileCapture EF_HTTP10 = new ErrorfileCapture("HTTP/1.0 403 Forbidden\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.0 403 Forbidden\r\ncontent-length: 5\r\nconnection: keep-alive\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_OTHER_STATUS = new ErrorfileCapture("HTTP/1.1 200 Fine\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 200 Fine\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_UPPER_HDRS = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nX-UPPER-Case: Value WITH Case\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\nx-upper-case: Value WITH Case\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_CONN_CLOSE = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello", true, null);
    static final ErrorfileCapture EF_CONN_KA = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_CONN_MULTI = new ErrorfileCapture("HTTP/1.1 403 F\r\nConnection: a, close, b\r\nConnection: keep-alive,c\r\nContent-Length: 1\r\n\r\nx",
            "HTTP/1.1 403 F\r\nconnection: a,b\r\nconnection: c\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true, null);
    static final ErrorfileCapture EF_CONN_OTHER = new ErrorfileCapture("HTTP/1.1 403 F\r\nConnection: foo , bar\r\nContent-Length: 1\r\n\r\nx",
            "HTTP/1.1 403 F\r\nconnection: foo , bar\r\ncontent-length: 1\r\n\r\nx", false, null);
    static final ErrorfileCapture EF_CONN_EMPTY = new ErrorfileCapture("HTTP/1.1 403 F\r\nConnection:\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx",
            "HTTP/1.1 403 F\r\nx-a: 1\r\ncontent-length: 1\r\n\r\nx", false, null);
    static final ErrorfileCapture EF_REQUEST = new ErrorfileCapture("GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            null, false, "unable to parse headers (error offset: 4)");
    static final ErrorfileCapture EF_STATUS_101 = new ErrorfileCapture("HTTP/1.1 101 Switching\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 101 Switching\r\n\r\n", true, null);
    static final ErrorfileCapture EF_STATUS_100 = new ErrorfileCapture("HTTP/1.1 100 Continue\r\n\r\n",
            null, false, "invalid http status code for an error message (100)");
    static final ErrorfileCapture EF_STATUS_103 = new ErrorfileCapture("HTTP/1.1 103 Early\r\n\r\n",
            null, false, "invalid http status code for an error message (103)");
    static final ErrorfileCapture EF_STATUS_204_BODY = new ErrorfileCapture("HTTP/1.1 204 No Content\r\n\r\nhello",
            null, false, "message payload not expected");
    static final ErrorfileCapture EF_STATUS_204_CL = new ErrorfileCapture("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n", false, null);
    static final ErrorfileCapture EF_STATUS_204_TE = new ErrorfileCapture("HTTP/1.1 204 F\r\nTransfer-Encoding: chunked\r\n\r\n",
            "HTTP/1.1 204 F\r\n\r\n", false, null);
    static final ErrorfileCapture EF_STATUS_304 = new ErrorfileCapture("HTTP/1.1 304 Not Modified\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\n\r\n", false, null);
    static final ErrorfileCapture EF_STATUS_304_CL = new ErrorfileCapture("HTTP/1.1 304 F\r\nContent-Length: 5\r\n\r\n",
            "HTTP/1.1 304 F\r\ncontent-length: 5\r\n\r\n", false, null);
    static final ErrorfileCapture EF_STATUS_304_TE = new ErrorfileCapture("HTTP/1.1 304 F\r\nTransfer-Encoding: chunked\r\n\r\n",
            "HTTP/1.1 304 F\r\ntransfer-encoding: chunked\r\n\r\n", false, null);
    static final ErrorfileCapture EF_STATUS_304_BODY = new ErrorfileCapture("HTTP/1.1 304 F\r\nContent-Length: 3\r\n\r\nabc",
            null, false, "message payload not expected");
    static final ErrorfileCapture EF_NO_BLANK_LINE = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n",
            null, false, "unable to parse headers (error offset: -2)");
    static final ErrorfileCapture EF_NO_REASON = new ErrorfileCapture("HTTP/1.1 403\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 \r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_NO_REASON_SP = new ErrorfileCapture("HTTP/1.1 403 \r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 \r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_REASON_SPACES = new ErrorfileCapture("HTTP/1.1 403 Go  Away now\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 Go  Away now\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_REASON_TAB = new ErrorfileCapture("HTTP/1.1 403 A\tB\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 A\tB\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_REASON_UTF8 = new ErrorfileCapture("HTTP/1.1 403 Interdit \u00c3\u00a9\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 Interdit \u00c3\u00a9\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_WS_VALUES = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nX-A:   padded   \r\nX-B:\r\nX-C:tight\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 Forbidden\r\nx-a: padded\r\nx-b: \r\nx-c: tight\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_TAB_VALUE = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-A:\ta\tb\t\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\nx-a: a\tb\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_CTL_VALUE = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-A: a\u0001b\r\nX-B: a\u0000b\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\nx-a: a\u0001b\r\nx-b: a\u0000b\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_OBS_FOLD = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nX-A: one\r\n two\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 Forbidden\r\nx-a: one   two\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_OBS_FOLD_LF = new ErrorfileCapture("HTTP/1.1 403 F\nX-A: one\n\ttwo\nContent-Length: 0\n\n",
            "HTTP/1.1 403 F\r\nx-a: one \ttwo\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_OBS_FOLD_EMPTY = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-A:\r\n two\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\nx-a: two\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_DUP_CL = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_CL_LIST = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: 5, 5\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_CL_LIST_SPACES = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 1, 1 ,1\r\nX-B: 2\r\nContent-Length: 1\r\n\r\nx",
            "HTTP/1.1 403 F\r\ncontent-length: 1\r\nx-b: 2\r\n\r\nx", false, null);
    static final ErrorfileCapture EF_CL_DIFFERENT = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            null, false, "unable to parse headers (error offset: 59)");
    static final ErrorfileCapture EF_CL_PLUS = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: +5\r\n\r\nhello",
            null, false, "unable to parse headers (error offset: 40)");
    static final ErrorfileCapture EF_CL_SPACES = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length:  5 \r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 5\r\n\r\nhello", false, null);
    static final ErrorfileCapture EF_CL_LEADING_ZEROS = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 001\r\n\r\nx",
            "HTTP/1.1 403 F\r\ncontent-length: 001\r\n\r\nx", false, null);
    static final ErrorfileCapture EF_CL_EMPTY = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length:\r\n\r\n",
            null, false, "unable to parse headers (error offset: 31)");
    static final ErrorfileCapture EF_CL_TRAILING_COMMA = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 1,\r\n\r\nx",
            null, false, "unable to parse headers (error offset: 32)");
    static final ErrorfileCapture EF_CL_TWO_WORDS = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 1 2\r\n\r\nx",
            null, false, "unable to parse headers (error offset: 32)");
    static final ErrorfileCapture EF_CL_HUGE = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            null, false, "unable to parse headers (error offset: 32)");
    static final ErrorfileCapture EF_CL0_BODY = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 0\r\n\r\nabc",
            null, false, "message payload not expected");
    static final ErrorfileCapture EF_TE_IDENTITY = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: identity\r\n\r\nhello",
            "HTTP/1.1 403 Forbidden\r\ntransfer-encoding: identity\r\nconnection: close\r\n\r\nhello", true, null);
    static final ErrorfileCapture EF_TE_AND_CL = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello",
            null, false, "chunk-encoded payload not supported");
    static final ErrorfileCapture EF_TE_GZIP_AND_CL = new ErrorfileCapture("HTTP/1.1 403 F\r\nTransfer-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx",
            "HTTP/1.1 403 F\r\ntransfer-encoding: gzip\r\nconnection: close\r\n\r\nx", true, null);
    static final ErrorfileCapture EF_TE_CHUNKED_GZIP = new ErrorfileCapture("HTTP/1.1 403 F\r\nTransfer-Encoding: chunked, gzip\r\n\r\nx",
            "HTTP/1.1 403 F\r\ntransfer-encoding: chunked, gzip\r\nconnection: close\r\n\r\nx", true, null);
    static final ErrorfileCapture EF_LEADING_CRLF = new ErrorfileCapture("\r\nHTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_LEADING_LF = new ErrorfileCapture("\nHTTP/1.1 200 F\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 F\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_LEADING_SPACE = new ErrorfileCapture(" HTTP/1.1 403 F\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 0)");
    static final ErrorfileCapture EF_NUL_BODY = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\na\u0000b",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 3\r\n\r\na\u0000b", false, null);
    static final ErrorfileCapture EF_HTTP2 = new ErrorfileCapture("HTTP/2.0 403 Forbidden\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_HTTP12 = new ErrorfileCapture("HTTP/1.2 403 F\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_HTTP09 = new ErrorfileCapture("HTTP/0.9 403 Forbidden\r\nContent-Length: 0\r\n\r\n",
            "HTTP/0.9 403 Forbidden\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n", false, null);
    static final ErrorfileCapture EF_HTTP10_NO_CL = new ErrorfileCapture("HTTP/1.0 200 F\r\n\r\nbody",
            "HTTP/1.0 200 F\r\n\r\nbody", true, null);
    static final ErrorfileCapture EF_VERSION_XTTP10 = new ErrorfileCapture("XTTP/1.0 200 F\r\nContent-Length: 0\r\n\r\n",
            "XTTP/1.0 200 F\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n", false, null);
    static final ErrorfileCapture EF_VERSION_ABCD = new ErrorfileCapture("ABCD/1.1 403 F\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_VERSION_LOWER = new ErrorfileCapture("http/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 0)");
    static final ErrorfileCapture EF_VERSION_SHORT = new ErrorfileCapture("HTTP/1 403 F\r\nContent-Length: 0\r\n\r\n",
            null, false, "invalid http version (HTTP/1)");
    static final ErrorfileCapture EF_VERSION_DASH = new ErrorfileCapture("HTTP-1.1 403 F\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 4)");
    static final ErrorfileCapture EF_VERSION_SLASH_FIRST = new ErrorfileCapture("/TTP/1.1 403 F\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 0)");
    static final ErrorfileCapture EF_VERSION_TAB = new ErrorfileCapture("HTTP/1.1\t403 F\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_TWO_SPACES = new ErrorfileCapture("HTTP/1.1  403 F\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_STATUS_LETTER = new ErrorfileCapture("HTTP/1.1 4a3 F\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 10)");
    static final ErrorfileCapture EF_STATUS_GLUED = new ErrorfileCapture("HTTP/1.1 403F\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 12)");
    static final ErrorfileCapture EF_NO_STATUS = new ErrorfileCapture("HTTP/1.1  F\r\n\r\n",
            null, false, "unable to parse headers (error offset: 10)");
    static final ErrorfileCapture EF_STATUS_999 = new ErrorfileCapture("HTTP/1.1 999 Whatever\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 999 Whatever\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_BAD_HDR_NAME = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nX A: b\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 25)");
    static final ErrorfileCapture EF_HDR_NO_COLON = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nXA\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 26)");
    static final ErrorfileCapture EF_HDR_EMPTY_NAME = new ErrorfileCapture("HTTP/1.1 403 F\r\n: x\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 16)");
    static final ErrorfileCapture EF_HDR_SPACE_BEFORE_COLON = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-A : a\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 19)");
    static final ErrorfileCapture EF_HDR_UNDERSCORE = new ErrorfileCapture("HTTP/1.1 403 F\r\nX_A: 1\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\nx_a: 1\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_HDR_BRACE = new ErrorfileCapture("HTTP/1.1 403 F\r\nX{A: 1\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 17)");
    static final ErrorfileCapture EF_BARE_CR = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-A: 1\rY\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 23)");
    static final ErrorfileCapture EF_CR_ONLY = new ErrorfileCapture("HTTP/1.1 403 F\rContent-Length: 0\r\r",
            null, false, "unable to parse headers (error offset: 15)");
    static final ErrorfileCapture EF_HDRS_100 = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-0: v\r\nX-1: v\r\nX-2: v\r\nX-3: v\r\nX-4: v\r\nX-5: v\r\nX-6: v\r\nX-7: v\r\nX-8: v\r\nX-9: v\r\nX-10: v\r\nX-11: v\r\nX-12: v\r\nX-13: v\r\nX-14: v\r\nX-15: v\r\nX-16: v\r\nX-17: v\r\nX-18: v\r\nX-19: v\r\nX-20: v\r\nX-21: v\r\nX-22: v\r\nX-23: v\r\nX-24: v\r\nX-25: v\r\nX-26: v\r\nX-27: v\r\nX-28: v\r\nX-29: v\r\nX-30: v\r\nX-31: v\r\nX-32: v\r\nX-33: v\r\nX-34: v\r\nX-35: v\r\nX-36: v\r\nX-37: v\r\nX-38: v\r\nX-39: v\r\nX-40: v\r\nX-41: v\r\nX-42: v\r\nX-43: v\r\nX-44: v\r\nX-45: v\r\nX-46: v\r\nX-47: v\r\nX-48: v\r\nX-49: v\r\nX-50: v\r\nX-51: v\r\nX-52: v\r\nX-53: v\r\nX-54: v\r\nX-55: v\r\nX-56: v\r\nX-57: v\r\nX-58: v\r\nX-59: v\r\nX-60: v\r\nX-61: v\r\nX-62: v\r\nX-63: v\r\nX-64: v\r\nX-65: v\r\nX-66: v\r\nX-67: v\r\nX-68: v\r\nX-69: v\r\nX-70: v\r\nX-71: v\r\nX-72: v\r\nX-73: v\r\nX-74: v\r\nX-75: v\r\nX-76: v\r\nX-77: v\r\nX-78: v\r\nX-79: v\r\nX-80: v\r\nX-81: v\r\nX-82: v\r\nX-83: v\r\nX-84: v\r\nX-85: v\r\nX-86: v\r\nX-87: v\r\nX-88: v\r\nX-89: v\r\nX-90: v\r\nX-91: v\r\nX-92: v\r\nX-93: v\r\nX-94: v\r\nX-95: v\r\nX-96: v\r\nX-97: v\r\nX-98: v\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\nx-0: v\r\nx-1: v\r\nx-2: v\r\nx-3: v\r\nx-4: v\r\nx-5: v\r\nx-6: v\r\nx-7: v\r\nx-8: v\r\nx-9: v\r\nx-10: v\r\nx-11: v\r\nx-12: v\r\nx-13: v\r\nx-14: v\r\nx-15: v\r\nx-16: v\r\nx-17: v\r\nx-18: v\r\nx-19: v\r\nx-20: v\r\nx-21: v\r\nx-22: v\r\nx-23: v\r\nx-24: v\r\nx-25: v\r\nx-26: v\r\nx-27: v\r\nx-28: v\r\nx-29: v\r\nx-30: v\r\nx-31: v\r\nx-32: v\r\nx-33: v\r\nx-34: v\r\nx-35: v\r\nx-36: v\r\nx-37: v\r\nx-38: v\r\nx-39: v\r\nx-40: v\r\nx-41: v\r\nx-42: v\r\nx-43: v\r\nx-44: v\r\nx-45: v\r\nx-46: v\r\nx-47: v\r\nx-48: v\r\nx-49: v\r\nx-50: v\r\nx-51: v\r\nx-52: v\r\nx-53: v\r\nx-54: v\r\nx-55: v\r\nx-56: v\r\nx-57: v\r\nx-58: v\r\nx-59: v\r\nx-60: v\r\nx-61: v\r\nx-62: v\r\nx-63: v\r\nx-64: v\r\nx-65: v\r\nx-66: v\r\nx-67: v\r\nx-68: v\r\nx-69: v\r\nx-70: v\r\nx-71: v\r\nx-72: v\r\nx-73: v\r\nx-74: v\r\nx-75: v\r\nx-76: v\r\nx-77: v\r\nx-78: v\r\nx-79: v\r\nx-80: v\r\nx-81: v\r\nx-82: v\r\nx-83: v\r\nx-84: v\r\nx-85: v\r\nx-86: v\r\nx-87: v\r\nx-88: v\r\nx-89: v\r\nx-90: v\r\nx-91: v\r\nx-92: v\r\nx-93: v\r\nx-94: v\r\nx-95: v\r\nx-96: v\r\nx-97: v\r\nx-98: v\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_HDRS_100_DUP_CL = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-0: v\r\nX-1: v\r\nX-2: v\r\nX-3: v\r\nX-4: v\r\nX-5: v\r\nX-6: v\r\nX-7: v\r\nX-8: v\r\nX-9: v\r\nX-10: v\r\nX-11: v\r\nX-12: v\r\nX-13: v\r\nX-14: v\r\nX-15: v\r\nX-16: v\r\nX-17: v\r\nX-18: v\r\nX-19: v\r\nX-20: v\r\nX-21: v\r\nX-22: v\r\nX-23: v\r\nX-24: v\r\nX-25: v\r\nX-26: v\r\nX-27: v\r\nX-28: v\r\nX-29: v\r\nX-30: v\r\nX-31: v\r\nX-32: v\r\nX-33: v\r\nX-34: v\r\nX-35: v\r\nX-36: v\r\nX-37: v\r\nX-38: v\r\nX-39: v\r\nX-40: v\r\nX-41: v\r\nX-42: v\r\nX-43: v\r\nX-44: v\r\nX-45: v\r\nX-46: v\r\nX-47: v\r\nX-48: v\r\nX-49: v\r\nX-50: v\r\nX-51: v\r\nX-52: v\r\nX-53: v\r\nX-54: v\r\nX-55: v\r\nX-56: v\r\nX-57: v\r\nX-58: v\r\nX-59: v\r\nX-60: v\r\nX-61: v\r\nX-62: v\r\nX-63: v\r\nX-64: v\r\nX-65: v\r\nX-66: v\r\nX-67: v\r\nX-68: v\r\nX-69: v\r\nX-70: v\r\nX-71: v\r\nX-72: v\r\nX-73: v\r\nX-74: v\r\nX-75: v\r\nX-76: v\r\nX-77: v\r\nX-78: v\r\nX-79: v\r\nX-80: v\r\nX-81: v\r\nX-82: v\r\nX-83: v\r\nX-84: v\r\nX-85: v\r\nX-86: v\r\nX-87: v\r\nX-88: v\r\nX-89: v\r\nX-90: v\r\nX-91: v\r\nX-92: v\r\nX-93: v\r\nX-94: v\r\nX-95: v\r\nX-96: v\r\nX-97: v\r\nX-98: v\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 403 F\r\nx-0: v\r\nx-1: v\r\nx-2: v\r\nx-3: v\r\nx-4: v\r\nx-5: v\r\nx-6: v\r\nx-7: v\r\nx-8: v\r\nx-9: v\r\nx-10: v\r\nx-11: v\r\nx-12: v\r\nx-13: v\r\nx-14: v\r\nx-15: v\r\nx-16: v\r\nx-17: v\r\nx-18: v\r\nx-19: v\r\nx-20: v\r\nx-21: v\r\nx-22: v\r\nx-23: v\r\nx-24: v\r\nx-25: v\r\nx-26: v\r\nx-27: v\r\nx-28: v\r\nx-29: v\r\nx-30: v\r\nx-31: v\r\nx-32: v\r\nx-33: v\r\nx-34: v\r\nx-35: v\r\nx-36: v\r\nx-37: v\r\nx-38: v\r\nx-39: v\r\nx-40: v\r\nx-41: v\r\nx-42: v\r\nx-43: v\r\nx-44: v\r\nx-45: v\r\nx-46: v\r\nx-47: v\r\nx-48: v\r\nx-49: v\r\nx-50: v\r\nx-51: v\r\nx-52: v\r\nx-53: v\r\nx-54: v\r\nx-55: v\r\nx-56: v\r\nx-57: v\r\nx-58: v\r\nx-59: v\r\nx-60: v\r\nx-61: v\r\nx-62: v\r\nx-63: v\r\nx-64: v\r\nx-65: v\r\nx-66: v\r\nx-67: v\r\nx-68: v\r\nx-69: v\r\nx-70: v\r\nx-71: v\r\nx-72: v\r\nx-73: v\r\nx-74: v\r\nx-75: v\r\nx-76: v\r\nx-77: v\r\nx-78: v\r\nx-79: v\r\nx-80: v\r\nx-81: v\r\nx-82: v\r\nx-83: v\r\nx-84: v\r\nx-85: v\r\nx-86: v\r\nx-87: v\r\nx-88: v\r\nx-89: v\r\nx-90: v\r\nx-91: v\r\nx-92: v\r\nx-93: v\r\nx-94: v\r\nx-95: v\r\nx-96: v\r\nx-97: v\r\nx-98: v\r\ncontent-length: 0\r\n\r\n", false, null);
    static final ErrorfileCapture EF_HDRS_101 = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-0: v\r\nX-1: v\r\nX-2: v\r\nX-3: v\r\nX-4: v\r\nX-5: v\r\nX-6: v\r\nX-7: v\r\nX-8: v\r\nX-9: v\r\nX-10: v\r\nX-11: v\r\nX-12: v\r\nX-13: v\r\nX-14: v\r\nX-15: v\r\nX-16: v\r\nX-17: v\r\nX-18: v\r\nX-19: v\r\nX-20: v\r\nX-21: v\r\nX-22: v\r\nX-23: v\r\nX-24: v\r\nX-25: v\r\nX-26: v\r\nX-27: v\r\nX-28: v\r\nX-29: v\r\nX-30: v\r\nX-31: v\r\nX-32: v\r\nX-33: v\r\nX-34: v\r\nX-35: v\r\nX-36: v\r\nX-37: v\r\nX-38: v\r\nX-39: v\r\nX-40: v\r\nX-41: v\r\nX-42: v\r\nX-43: v\r\nX-44: v\r\nX-45: v\r\nX-46: v\r\nX-47: v\r\nX-48: v\r\nX-49: v\r\nX-50: v\r\nX-51: v\r\nX-52: v\r\nX-53: v\r\nX-54: v\r\nX-55: v\r\nX-56: v\r\nX-57: v\r\nX-58: v\r\nX-59: v\r\nX-60: v\r\nX-61: v\r\nX-62: v\r\nX-63: v\r\nX-64: v\r\nX-65: v\r\nX-66: v\r\nX-67: v\r\nX-68: v\r\nX-69: v\r\nX-70: v\r\nX-71: v\r\nX-72: v\r\nX-73: v\r\nX-74: v\r\nX-75: v\r\nX-76: v\r\nX-77: v\r\nX-78: v\r\nX-79: v\r\nX-80: v\r\nX-81: v\r\nX-82: v\r\nX-83: v\r\nX-84: v\r\nX-85: v\r\nX-86: v\r\nX-87: v\r\nX-88: v\r\nX-89: v\r\nX-90: v\r\nX-91: v\r\nX-92: v\r\nX-93: v\r\nX-94: v\r\nX-95: v\r\nX-96: v\r\nX-97: v\r\nX-98: v\r\nX-99: v\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 927)");
    static final ErrorfileCapture EF_HDRS_102 = new ErrorfileCapture("HTTP/1.1 403 Forbidden\r\nX-0: v\r\nX-1: v\r\nX-2: v\r\nX-3: v\r\nX-4: v\r\nX-5: v\r\nX-6: v\r\nX-7: v\r\nX-8: v\r\nX-9: v\r\nX-10: v\r\nX-11: v\r\nX-12: v\r\nX-13: v\r\nX-14: v\r\nX-15: v\r\nX-16: v\r\nX-17: v\r\nX-18: v\r\nX-19: v\r\nX-20: v\r\nX-21: v\r\nX-22: v\r\nX-23: v\r\nX-24: v\r\nX-25: v\r\nX-26: v\r\nX-27: v\r\nX-28: v\r\nX-29: v\r\nX-30: v\r\nX-31: v\r\nX-32: v\r\nX-33: v\r\nX-34: v\r\nX-35: v\r\nX-36: v\r\nX-37: v\r\nX-38: v\r\nX-39: v\r\nX-40: v\r\nX-41: v\r\nX-42: v\r\nX-43: v\r\nX-44: v\r\nX-45: v\r\nX-46: v\r\nX-47: v\r\nX-48: v\r\nX-49: v\r\nX-50: v\r\nX-51: v\r\nX-52: v\r\nX-53: v\r\nX-54: v\r\nX-55: v\r\nX-56: v\r\nX-57: v\r\nX-58: v\r\nX-59: v\r\nX-60: v\r\nX-61: v\r\nX-62: v\r\nX-63: v\r\nX-64: v\r\nX-65: v\r\nX-66: v\r\nX-67: v\r\nX-68: v\r\nX-69: v\r\nX-70: v\r\nX-71: v\r\nX-72: v\r\nX-73: v\r\nX-74: v\r\nX-75: v\r\nX-76: v\r\nX-77: v\r\nX-78: v\r\nX-79: v\r\nX-80: v\r\nX-81: v\r\nX-82: v\r\nX-83: v\r\nX-84: v\r\nX-85: v\r\nX-86: v\r\nX-87: v\r\nX-88: v\r\nX-89: v\r\nX-90: v\r\nX-91: v\r\nX-92: v\r\nX-93: v\r\nX-94: v\r\nX-95: v\r\nX-96: v\r\nX-97: v\r\nX-98: v\r\nX-99: v\r\nX-100: v\r\nContent-Length: 0\r\n\r\n",
            null, false, "unable to parse headers (error offset: 943)");
    static final ErrorfileCapture EF_HTX_MAX = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 16252\r\n\r\n" + "a".repeat(16252),
            "HTTP/1.1 403 F\r\ncontent-length: 16252\r\n\r\n" + "a".repeat(16252), false, null);
    static final ErrorfileCapture EF_HTX_OVER = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 16253\r\n\r\n" + "a".repeat(16253),
            null, false, "unable to add payload into the HTX message");
    static final ErrorfileCapture EF_HTX_MAX_10_HDRS = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-0: v\r\nX-1: v\r\nX-2: v\r\nX-3: v\r\nX-4: v\r\nX-5: v\r\nX-6: v\r\nX-7: v\r\nX-8: v\r\nContent-Length: 16144\r\n\r\n" + "a".repeat(16144),
            "HTTP/1.1 403 F\r\nx-0: v\r\nx-1: v\r\nx-2: v\r\nx-3: v\r\nx-4: v\r\nx-5: v\r\nx-6: v\r\nx-7: v\r\nx-8: v\r\ncontent-length: 16144\r\n\r\n" + "a".repeat(16144), false, null);
    static final ErrorfileCapture EF_HTX_OVER_10_HDRS = new ErrorfileCapture("HTTP/1.1 403 F\r\nX-0: v\r\nX-1: v\r\nX-2: v\r\nX-3: v\r\nX-4: v\r\nX-5: v\r\nX-6: v\r\nX-7: v\r\nX-8: v\r\nContent-Length: 16145\r\n\r\n" + "a".repeat(16145),
            null, false, "unable to add payload into the HTX message");
    static final ErrorfileCapture EF_TRUNCATED = new ErrorfileCapture("HTTP/1.1 403 F\r\nContent-Length: 17000\r\n\r\n" + "a".repeat(17000),
            null, false, "payload size does not match the announced content-length (16343 != 17000)");
    static final ErrorfileCapture EF_EMPTY = new ErrorfileCapture("",
            "", true, null);

    /** An errorfile answered (with {@code return errorfile}) to one client request. */
    record MatrixCapture(String file, String request, String response, boolean closed) {
    }

    static final MatrixCapture[] MATRIX = {
        new MatrixCapture("HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_CLOSE\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_CLOSE\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_CLOSE\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_KA\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_KA\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_KA\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_KA\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_KA\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_KA\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_KA\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_FOO\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\ncontent-length: 1\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_FOO\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_FOO\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_FOO_CLOSE\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\nx-a: 1\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_FOO_CLOSE\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\nx-a: 1\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_FOO_CLOSE\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\nx-a: 1\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO_CLOSE\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\nx-a: 1\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO_CLOSE\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\nx-a: 1\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO_CLOSE\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\nx-a: 1\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_FOO_CLOSE\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: foo\r\nx-a: 1\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_CLOSE_UPPER\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_CLOSE_UPPER\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_CLOSE_UPPER\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE_UPPER\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE_UPPER\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE_UPPER\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_CLOSE_UPPER\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_TWO_CONN\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_TWO_CONN\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_TWO_CONN\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_TWO_CONN\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_TWO_CONN\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_TWO_CONN\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_TWO_CONN\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\ncontent-length: 1\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10\r\nConnection: close\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_CLOSE\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_CLOSE\r\nConnection: close\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_CLOSE\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_CLOSE\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_CLOSE\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_CLOSE\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_CLOSE\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_KA\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_KA\r\nConnection: close\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_KA\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_KA\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_KA\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_KA\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_KA\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\ncontent-length: 1\r\nconnection: keep-alive\r\n\r\nx", false),
        new MatrixCapture("HTTP/1.1 403 F\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_NO_CL\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_NO_CL\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_NO_CL\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_NO_CL\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_NO_CL\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_NO_CL\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_NO_CL\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 403 F\r\nconnection: close\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_NO_CL\r\n\r\n",
                "HTTP/1.0 403 F\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_NO_CL\r\nConnection: close\r\n\r\n",
                "HTTP/1.0 403 F\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\n\r\nx", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_NO_CL\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.0 403 F\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_NO_CL\r\n\r\n",
                "HTTP/1.0 403 F\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_NO_CL\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_NO_CL\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.0 403 F\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.0 403 F\r\n\r\nx", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_NO_CL\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 403 F\r\n\r\nx", true),
        new MatrixCapture("HTTP/1.1 204 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_204\r\n\r\n",
                "HTTP/1.1 204 F\r\n\r\n", false),
        new MatrixCapture("HTTP/1.1 204 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_204\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 204 F\r\nconnection: close\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 204 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_204\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 204 F\r\nconnection: close\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_204\r\n\r\n",
                "HTTP/1.1 204 F\r\nconnection: close\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_204\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 204 F\r\nconnection: keep-alive\r\n\r\n", false),
        new MatrixCapture("HTTP/1.1 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_204\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 204 F\r\nconnection: keep-alive\r\n\r\n", false),
        new MatrixCapture("HTTP/1.1 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_204\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 204 F\r\nconnection: keep-alive\r\n\r\n", false),
        new MatrixCapture("HTTP/1.0 204 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_204\r\n\r\n",
                "HTTP/1.0 204 F\r\nconnection: keep-alive\r\n\r\n", false),
        new MatrixCapture("HTTP/1.0 204 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_204\r\nConnection: close\r\n\r\n",
                "HTTP/1.0 204 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.0 204 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V10_204\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.0 204 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.0 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_204\r\n\r\n",
                "HTTP/1.0 204 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.0 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_204\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 204 F\r\nconnection: keep-alive\r\n\r\n", false),
        new MatrixCapture("HTTP/1.0 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_204\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.0 204 F\r\nconnection: keep-alive\r\n\r\n", false),
        new MatrixCapture("HTTP/1.0 204 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V10_204\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.0 204 F\r\nconnection: keep-alive\r\n\r\n", false),
        new MatrixCapture("HTTP/1.1 101 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_101\r\n\r\n",
                "HTTP/1.1 101 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 101 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_101\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 101 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 101 F\r\n\r\n", "GET /a HTTP/1.1\r\nHost: x\r\nX-Case: V11_101\r\nConnection: keep-alive, close\r\n\r\n",
                "HTTP/1.1 101 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 101 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_101\r\n\r\n",
                "HTTP/1.1 101 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 101 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_101\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 101 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 101 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_101\r\nConnection: KEEP-ALIVE\r\n\r\n",
                "HTTP/1.1 101 F\r\n\r\n", true),
        new MatrixCapture("HTTP/1.1 101 F\r\n\r\n", "GET /a HTTP/1.0\r\nHost: x\r\nX-Case: V11_101\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 101 F\r\n\r\n", true),
    };
}

package io.spoe4j.http.internal;

import static io.spoe4j.http.internal.HaproxyCaptures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.config.HttpAction.RedirectType;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.internal.HaproxyCaptures.Capture;
import io.spoe4j.http.internal.HaproxyCaptures.ErrorfileCapture;
import io.spoe4j.http.internal.HaproxyCaptures.LocationCapture;
import io.spoe4j.http.internal.HaproxyCaptures.MatrixCapture;
import io.spoe4j.http.internal.Replies.ClientRequest;
import io.spoe4j.http.internal.Replies.Errorfile;
import io.spoe4j.http.internal.Replies.Wire;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Replies} against the bytes HAProxy 2.6.12 wrote ({@link HaproxyCaptures}, generated
 * by {@code capture_replies.py} next to this test's resources): status line, headers in order, body,
 * and whether the connection stayed open for a second request.
 */
class RepliesTest {

    private static final Optional<String> TEXT = Optional.of("text/plain");

    // ---- built-in error pages

    @Test
    void builtInErrorPagesAreHaproxys() {
        Map<Integer, Capture> pages = Map.ofEntries(Map.entry(200, PAGE_200), Map.entry(400, PAGE_400),
                Map.entry(401, PAGE_401), Map.entry(403, PAGE_403), Map.entry(404, PAGE_404), Map.entry(405, PAGE_405),
                Map.entry(407, PAGE_407), Map.entry(408, PAGE_408), Map.entry(410, PAGE_410), Map.entry(413, PAGE_413),
                Map.entry(421, PAGE_421), Map.entry(422, PAGE_422), Map.entry(425, PAGE_425), Map.entry(429, PAGE_429),
                Map.entry(500, PAGE_500), Map.entry(501, PAGE_501), Map.entry(502, PAGE_502), Map.entry(503, PAGE_503),
                Map.entry(504, PAGE_504));
        assertEquals(pages.keySet(), Set.copyOf(Replies.ERROR_STATUSES));
        pages.forEach((status, capture) -> {
            assertTrue(Replies.hasErrorPage(status));
            assertWire(capture, Replies.error(status), false);
        });
    }

    @Test
    void statusWithoutErrorPageIsAConfigurationError() {
        for (int status : new int[] {204, 301, 418, 499, 505, 599}) {
            assertFalse(Replies.hasErrorPage(status));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Replies.error(status));
            // haproxy -c: "status code '418' not handled by default with 'default-errorfiles' argument."
            assertEquals("status code '" + status + "' not handled by default with 'default-errorfiles' argument.",
                    e.getMessage());
        }
    }

    @Test
    void denyKeepsTheConnectionUnlessTheClientOrTheBodySaysOtherwise() {
        HttpReply page = Replies.error(Replies.REQUEST_DENY_STATUS);
        for (Capture c : List.of(DENY_GET11, DENY_GET11_CLOSE, DENY_GET10, DENY_GET10_KA, DENY_HEAD11, DENY_POST11_BODY,
                DENY_POST11_NO_BODY_YET, DENY_POST11_CHUNKED)) {
            assertWire(c, page, false);
        }
        assertFalse(DENY_GET11.closed());
        assertTrue(DENY_POST11_NO_BODY_YET.closed());
        // 400 and 408 pages carry connection: close and always close
        assertWire(PAGE_400_GET10_KA, Replies.error(400), false);
        assertTrue(PAGE_400.closed() && PAGE_408.closed());
    }

    // ---- return / deny / tarpit with reply arguments

    @Test
    void returnWithPayloadAndHeaders() {
        HttpReply ok = Replies.reply(200, TEXT, bytes("ok"), List.of(h("x-a", "1"), h("x-b", "2")));
        assertWire(RETURN_OK_HDRS, ok, false);
        assertWire(RETURN_OK_HDRS_GET10, ok, false);
        assertWire(RETURN_OK_HDRS_HEAD11, ok, false);
        assertWire(RETURN_CT_CHARSET,
                Replies.reply(200, Optional.of("text/plain; charset=utf-8"), bytes("abc"), List.of()), false);
        assertWire(RETURN_299_STRING, Replies.reply(299, TEXT, bytes("x"), List.of()), false);
        assertWire(RETURN_IGNORED_HDRS, Replies.reply(200, TEXT, bytes("ok"),
                List.of(h("content-length", "5"), h("content-type", "x/y"),
                h("transfer-encoding", "chunked"))), false);
        assertWire(RETURN_DUP_HDRS,
                Replies.reply(200, TEXT, bytes("ok"), List.of(h("x-a", "1"), h("X-A", "2"), h("Set-Cookie", "a=b"))), false);
        // hdr x-e "%[req.hdr(nonexist)]" evaluates to "" and is left out; values are kept verbatim
        assertWire(RETURN_LF_HDRS,
                Replies.reply(200, TEXT, bytes("p=/a"), List.of(h("x-p", "/a"), h("x-e", ""), h("x-s", " a  b "))), false);
        assertWire(RETURN_POST11_NO_BODY_YET, Replies.reply(200, TEXT, bytes("ok"), List.of()), false);
    }

    @Test
    void returnWithoutPayload() {
        assertWire(RETURN_204, Replies.reply(204, Optional.empty(), null, List.of()), false);
        assertWire(RETURN_204_HDR, Replies.reply(204, Optional.empty(), null, List.of(h("x-a", "1"))), false);
        assertWire(RETURN_304, Replies.reply(304, Optional.empty(), null, List.of()), false);
        assertWire(RETURN_DEFAULT, Replies.reply(200, Optional.empty(), null, List.of()), false);
        assertWire(RETURN_404, Replies.reply(404, Optional.empty(), null, List.of()), false);
        assertWire(RETURN_418, Replies.reply(418, Optional.empty(), null, List.of()), false);
        assertWire(RETURN_599, Replies.reply(599, Optional.empty(), null, List.of()), false);
        assertWire(RETURN_HDR_ONLY, Replies.reply(200, Optional.empty(), null, List.of(h("x-a", "1"))), false);
        // content-type without a body is dropped (haproxy -c warns it is ignored)
        assertWire(RETURN_CT_ONLY, Replies.reply(200, TEXT, null, List.of()), false);
        assertWire(RETURN_LF_EMPTY_BODY, Replies.reply(200, TEXT, new byte[0], List.of()), false);
        assertWire(RETURN_404_DEFAULT_ERRORFILES, Replies.error(404), false);
    }

    @Test
    void connectionHeaderGivenAsHdr() {
        assertWire(RETURN_HDR_CONNECTION_CLOSE,
                Replies.reply(200, (String) null, null, List.of(h("connection", "close"), h("x-a", "1"))), false);
        assertWire(RETURN_HDR_CONNECTION_KA_UPGRADE,
                Replies.reply(200, Optional.empty(), null, List.of(h("Connection", "keep-alive, Upgrade"))), false);
    }

    @Test
    void denyWithReplyArgumentsHasNoErrorPage() {
        assertWire(DENY_HDR, Replies.reply(403, Optional.empty(), null, List.of(h("waf-block", "request"))), false);
        assertWire(DENY_HDRS, Replies.reply(403, Optional.empty(), null, List.of(h("x-a", "1"), h("x-b", "2"))), false);
        assertWire(DENY_STRING, Replies.reply(403, TEXT, bytes("blocked"), List.of()), false);
        assertWire(DENY_418_HDR, Replies.reply(418, Optional.empty(), null, List.of(h("x", "y"))), false);
        assertWire(DENY_418_STRING, Replies.reply(418, TEXT, bytes("x"), List.of()), false);
        assertWire(DENY_STATUS_429, Replies.reply(429, Optional.empty(), null, List.of()), false);
        assertWire(DENY_CT_ONLY, Replies.reply(403, TEXT, null, List.of()), false);
        // "Bad Request" (reason()) here, "Bad request" on the error page
        assertWire(DENY_400_HDR, Replies.reply(400, Optional.empty(), null, List.of(h("x-a", "1"))), false);
        // default-errorfiles brings the page back and hdr is ignored
        assertWire(DENY_DEFAULT_ERRORFILES_HDR, Replies.error(403), false);
    }

    @Test
    void replyRejectsWhatHaproxyRejects() {
        assertEquals("Unexpected status code '199'", assertThrows(IllegalArgumentException.class,
                () -> Replies.reply(199, Optional.empty(), null, List.of())).getMessage());
        assertEquals("Unexpected status code '600'", assertThrows(IllegalArgumentException.class,
                () -> Replies.reply(600, Optional.empty(), null, List.of())).getMessage());
        assertEquals("No body expected for 204 responses.", assertThrows(IllegalArgumentException.class,
                () -> Replies.reply(204, TEXT, bytes("x"), List.of())).getMessage());
        assertEquals("No body expected for 304 responses.", assertThrows(IllegalArgumentException.class,
                () -> Replies.reply(304, TEXT, bytes("x"), List.of())).getMessage());
        assertEquals("a content type must be defined when non-empty payload is configured.",
                assertThrows(IllegalArgumentException.class,
                        () -> Replies.reply(403, Optional.empty(), bytes("x"), List.of())).getMessage());
    }

    @Test
    void tarpitAnswersLikeDeny() {
        assertWire(TARPIT_DEFAULT, Replies.error(Replies.TARPIT_STATUS), false);
        assertWire(TARPIT_DEFAULT_GET10, Replies.error(Replies.TARPIT_STATUS), false);
        assertWire(TARPIT_403, Replies.error(403), false);
        assertWire(TARPIT_HDR, Replies.reply(500, Optional.empty(), null, List.of(h("x-a", "1"))), false);
        assertWire(TARPIT_STRING, Replies.reply(403, TEXT, bytes("slow"), List.of()), false);
    }

    @Test
    void tarpitDelay() {
        Optional<Duration> none = Optional.empty();
        // measured: frontend rule, timeout tarpit 400ms -> 0.408s; frontend rule without it -> at once
        assertEquals(Duration.ofMillis(400), Replies.tarpitDelay(Optional.of(Duration.ofMillis(400)),
                Optional.of(Duration.ofMillis(700)), false));
        assertEquals(Duration.ZERO, Replies.tarpitDelay(none, Optional.of(Duration.ofMillis(700)), false));
        // backend (or listen) rule without timeout tarpit -> its timeout connect (600ms -> 0.607s)
        assertEquals(Duration.ofMillis(600), Replies.tarpitDelay(none, Optional.of(Duration.ofMillis(600)), true));
        assertEquals(Duration.ofMillis(300), Replies.tarpitDelay(Optional.of(Duration.ofMillis(300)),
                Optional.of(Duration.ofMillis(600)), true));
        assertEquals(Duration.ZERO, Replies.tarpitDelay(none, none, true));
    }

    // ---- redirect

    @Test
    void redirectCodes() {
        Map<Integer, Capture> codes = Map.of(301, REDIRECT_301, 302, REDIRECT_302, 303, REDIRECT_303, 307, REDIRECT_307,
                308, REDIRECT_308);
        codes.forEach((code, capture) -> assertWire(capture, Replies.redirect(code, "/x", Optional.empty()), true));
        assertThrows(IllegalArgumentException.class, () -> Replies.redirect(300, "/x", Optional.empty()));
    }

    @Test
    void redirectCookies() {
        assertEquals("SESS=abc; path=/;", Replies.setCookie("SESS=abc"));
        assertEquals("SESS; path=/; Max-Age=0;", Replies.clearCookie("SESS"));
        assertWire(REDIRECT_SET_COOKIE, Replies.redirect(302, "/x", Optional.of(Replies.setCookie("SESS=abc"))), true);
        assertWire(REDIRECT_SET_COOKIE_NO_VALUE, Replies.redirect(302, "/x", Optional.of(Replies.setCookie("SESS"))), true);
        assertWire(REDIRECT_CLEAR_COOKIE, Replies.redirect(302, "/x", Optional.of(Replies.clearCookie("SESS"))), true);
        assertWire(REDIRECT_CLEAR_COOKIE_EQ, Replies.redirect(302, "/x", Optional.of(Replies.clearCookie("SESS="))), true);
        assertWire(REDIRECT_301_SET_COOKIE, Replies.redirect(301, "/x", Optional.of(Replies.setCookie("A=1"))), true);
        assertWire(REDIRECT_308_CLEAR_COOKIE, Replies.redirect(308, "/x", Optional.of(Replies.clearCookie("A"))), true);
        // set-cookie SESS=abc clear-cookie OTHER: only the last one is sent
        assertWire(REDIRECT_SET_THEN_CLEAR, Replies.redirect(302, "/x", Optional.of(Replies.clearCookie("OTHER"))), true);
    }

    @Test
    void redirectClosesWhenTheRequestHasABody() {
        HttpReply r = Replies.redirect(302, "/x", Optional.empty());
        for (Capture c : List.of(REDIRECT_GET10, REDIRECT_GET10_KA, REDIRECT_GET11_CLOSE, REDIRECT_POST11_BODY,
                REDIRECT_POST11_CL0, REDIRECT_POST11_CHUNKED, REDIRECT_HEAD11)) {
            assertWire(c, r, true);
        }
        assertTrue(REDIRECT_POST11_BODY.closed());
        assertFalse(REDIRECT_POST11_CL0.closed());
        // deny with the same request keeps the connection
        assertFalse(DENY_POST11_BODY.closed());
    }

    @Test
    void redirectLocations() {
        assertTrue(LOCATIONS.length > 100);
        for (LocationCapture c : LOCATIONS) {
            assertEquals(c.location(), Replies.redirectLocation(RedirectType.valueOf(c.type()), c.target(), c.fromFormat(),
                    c.uri(), c.host() == null ? "" : c.host(), c.dropQuery(), c.appendSlash()),
                    c.rule() + " for " + c.uri());
        }
    }

    // ---- errorfiles

    @Test
    void errorfilesAreLoadedAndWrittenLikeHaproxy() throws IllegalAccessException {
        int checked = 0;
        for (Field f : HaproxyCaptures.class.getDeclaredFields()) {
            if (f.getType() != ErrorfileCapture.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            ErrorfileCapture c = (ErrorfileCapture) f.get(null);
            byte[] raw = c.file().getBytes(StandardCharsets.ISO_8859_1);
            if (c.error() != null) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Replies.loadErrorfile(raw),
                        f.getName());
                assertEquals(c.error(), e.getMessage(), f.getName());
            } else {
                Errorfile file = Replies.loadErrorfile(raw);
                String written = file.reply().isEmpty() ? ""
                        : latin1(Replies.toClient(file.reply().get(), file.version(), ClientRequest.of(true), false)
                                .encode(false));
                boolean closed = file.reply().isEmpty()
                        || Replies.closesConnection(file.reply().get(), file.version(), ClientRequest.of(true), false);
                assertEquals(c.response(), written, f.getName());
                assertEquals(c.closed(), closed, f.getName());
            }
            checked++;
        }
        assertTrue(checked > 80, "errorfile captures checked: " + checked);
    }

    @Test
    void errorfileOverridesTheBuiltInPage() {
        byte[] custom = bytes("HTTP/1.1 403 Custom\r\nContent-Length: 3\r\n\r\nabc");
        HttpReply r = Replies.error(403, Map.of(403, custom, 500, bytes("")));
        assertEquals("HTTP/1.1 403 Custom\r\ncontent-length: 3\r\n\r\nabc", latin1(Replies.encode(r, "HTTP/1.1", false)));
        assertEquals(Replies.error(404), Replies.error(404, Map.of(403, custom)));
        assertTrue(Replies.errorfile(500, Map.of(500, new byte[0])).reply().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Replies.error(500, Map.of(500, new byte[0])));
        Errorfile http10 = Replies.errorfile(403, Map.of(403, EF_HTTP10.file().getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("HTTP/1.0", http10.version());
        assertFalse(http10.http11());
        assertThrows(IllegalArgumentException.class, () -> Replies.parseErrorfile(bytes("HTTP/1.0 403 F\r\n\r\n")));
        assertEquals(403, Replies.parseErrorfile(custom).status());
    }

    @Test
    void connectionHeaderMatrix() {
        assertTrue(MATRIX.length >= 100);
        for (MatrixCapture c : MATRIX) {
            Errorfile file = Replies.loadErrorfile(c.file().getBytes(StandardCharsets.ISO_8859_1));
            Wire w = Replies.toClient(file.reply().get(), file.version(), client(c.request()), false);
            String label = c.file() + " for " + c.request();
            assertEquals(c.response(), latin1(w.encode(false)), label);
            assertEquals(c.closed(), w.close(), label);
        }
    }

    // ---- sizes, encoding, mux errors

    @Test
    void repliesMustFitOneHtxBuffer() {
        // return status 200 content-type text/plain file <N bytes> hdr x-a 1: 16209 bytes sent, 16210 -> 500 page
        List<HttpHeader> xa = List.of(h("x-a", "1"));
        assertTrue(Replies.fitsInBuffer(Replies.reply(200, TEXT, new byte[16209], xa)));
        assertFalse(Replies.fitsInBuffer(Replies.reply(200, TEXT, new byte[16210], xa)));
        // without hdr: 16221; with a second hdr x-bb 22: 16195; status 403, content-type of 20 chars: 16204
        assertTrue(Replies.fitsInBuffer(Replies.reply(200, TEXT, new byte[16221], List.of())));
        assertFalse(Replies.fitsInBuffer(Replies.reply(200, TEXT, new byte[16222], List.of())));
        List<HttpHeader> two = List.of(h("x-a", "1"), h("x-bb", "22"));
        assertTrue(Replies.fitsInBuffer(Replies.reply(200, TEXT, new byte[16195], two)));
        assertFalse(Replies.fitsInBuffer(Replies.reply(200, TEXT, new byte[16196], two)));
        Optional<String> ct20 = Optional.of("text/plainxxxxxxxxxx");
        assertTrue(Replies.fitsInBuffer(Replies.reply(403, ct20, new byte[16204], List.of())));
        assertFalse(Replies.fitsInBuffer(Replies.reply(403, ct20, new byte[16205], List.of())));
    }

    @Test
    void headRequestsGetTheHeadersOnly() {
        HttpReply r = Replies.reply(200, TEXT, bytes("ok"), List.of());
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\n",
                latin1(Replies.encode(r, "HTTP/1.1", true)));
    }

    @Test
    void muxErrorsAreWrittenRaw() {
        // captured: a request with a control character in the URI, and an incomplete request after timeout http-request
        assertEquals("HTTP/1.1 400 Bad request\r\nContent-length: 90\r\nCache-Control: no-cache\r\nConnection: close\r\n"
                + "Content-Type: text/html\r\n\r\n<html><body><h1>400 Bad request</h1>\nYour browser sent an invalid request.\n"
                + "</body></html>\n", latin1(Replies.muxError(400)));
        assertEquals("HTTP/1.1 408 Request Time-out\r\nContent-length: 110\r\nCache-Control: no-cache\r\nConnection: close\r\n"
                + "Content-Type: text/html\r\n\r\n<html><body><h1>408 Request Time-out</h1>\nYour browser didn't send a complete"
                + " request in time.\n</body></html>\n", latin1(Replies.muxError(408)));
        assertThrows(IllegalArgumentException.class, () -> Replies.muxError(500));
    }

    @Test
    void reasons() {
        // from "http-request return status N" for every N in 200..599 (and set-status for 101, 600+)
        assertEquals("OK", Replies.reason(200));
        assertEquals("Success", Replies.reason(299));
        assertEquals("Moved Temporarily", Replies.reason(302));
        assertEquals("Redirection", Replies.reason(399));
        assertEquals("Bad Request", Replies.reason(400));
        assertEquals("I'm a teapot", Replies.reason(418));
        assertEquals("Unprocessable Content", Replies.reason(422));
        assertEquals("Client Error", Replies.reason(420));
        assertEquals("client has closed connection", Replies.reason(499));
        assertEquals("Bad Gateway or Proxy Error", Replies.reason(502));
        assertEquals("Variant also negotiate", Replies.reason(506));
        assertEquals("Web server is returning an unknown error", Replies.reason(520));
        assertEquals("Server Error", Replies.reason(599));
        assertEquals("Switching Protocols", Replies.reason(101));
        assertEquals("Other", Replies.reason(600));
        assertEquals("Other", Replies.reason(999));
    }

    // ---- helpers

    /** Compares what Replies writes for the capture's request with what HAProxy wrote. */
    private static void assertWire(Capture c, HttpReply reply, boolean redirect) {
        Wire w = Replies.toClient(reply, client(c.request()), redirect);
        assertEquals(c.response(), latin1(w.encode(c.request().startsWith("HEAD "))), c.rule() + " / " + c.request());
        assertEquals(c.closed(), w.close(), "closed: " + c.rule() + " / " + c.request());
    }

    /** The connection facts of a raw request as the captures sent it (whole request in one packet). */
    static ClientRequest client(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        boolean http11 = lines[0].endsWith("HTTP/1.1");
        List<String> connection = new ArrayList<>();
        long contentLength = 0;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "connection" -> connection.add(value);
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = true;
                default -> {
                }
            }
        }
        String body = raw.substring(end + 4);
        boolean bodyless = !chunked && contentLength == 0;
        boolean received = bodyless || (chunked ? body.endsWith("0\r\n\r\n") : body.length() == contentLength);
        return new ClientRequest(http11, connection, bodyless, received);
    }

    private static HttpHeader h(String name, String value) {
        return new HttpHeader(name, value);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodeWritesLatin1TextAsBytes() {
        HttpReply r = new HttpReply(403, "Interdit \u00e9", List.of(h("x-a", "a\u0000b")), new byte[0]);
        assertArrayEquals("HTTP/1.1 403 Interdit \u00e9\r\nx-a: a\u0000b\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                Replies.encode(r, "HTTP/1.1", false));
    }
}

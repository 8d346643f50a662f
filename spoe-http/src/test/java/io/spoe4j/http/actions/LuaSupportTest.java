package io.spoe4j.http.actions;

import static io.spoe4j.http.actions.Replies.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spoe4j.http.HttpReply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LuaReply, LuaValues and LuaTemplate against the HAProxy and script behaviour they reproduce. */
class LuaSupportTest {

    @Test
    void reasonPhrasesAreHaproxys() {
        assertEquals("Moved Temporarily", LuaReply.reason(302));
        assertEquals("Request Time-out", LuaReply.reason(408));
        assertEquals("Unprocessable entity", LuaReply.reason(422));
        assertEquals("Server Error", LuaReply.reason(599));
        assertEquals("Other", LuaReply.reason(600));
    }

    @Test
    void replyKeepsHeadersPerExactNameAndAddsContentLength() {
        LuaReply r = new LuaReply(403);
        r.addHeader("X-A", "1");
        r.addHeader("x-a", "2");
        r.addHeader("X-A", "3");
        r.addHeader("Content-Length", "12");
        r.addHeader("CONTENT-LENGTH", "13");
        assertFalse(r.setStatus(1000));
        HttpReply out = r.toHttpReply();
        assertEquals(403, out.status());
        assertEquals(headers("x-a", "1", "x-a", "3", "x-a", "2", "content-length", "0"), out.headers());
    }

    @Test
    void transferEncodingLastWordDecides() {
        assertEquals(null, chunkedReply("chunked").header("content-length"));
        assertEquals(null, chunkedReply("gzip , Chunked , ").header("content-length"));
        assertEquals("0", chunkedReply("chunked,,").header("content-length"));
        assertEquals("0", chunkedReply("chunked, gzip").header("content-length"));
    }

    private static HttpReply chunkedReply(String te) {
        LuaReply r = new LuaReply(200);
        r.addHeader("Transfer-Encoding", te);
        return r.toHttpReply();
    }

    @Test
    void luaNumerals() {
        assertEquals(200L, LuaValues.integerOf("200"));
        assertEquals(200L, LuaValues.integerOf(" \t200\n"));
        assertEquals(7L, LuaValues.integerOf("+7"));
        assertEquals(200L, LuaValues.integerOf("0xC8"));
        assertEquals(200L, LuaValues.integerOf("2e2"));
        assertEquals(200L, LuaValues.integerOf("200.0"));
        assertNull(LuaValues.integerOf("200.5"));
        assertNull(LuaValues.integerOf("20O"));
        assertNull(LuaValues.integerOf(""));
        assertNull(LuaValues.integerOf("NaN"));
        assertNull(LuaValues.integerOf("1d"));
    }

    @Test
    void templateSyntax() {
        LuaTemplate t = new LuaTemplate("a {{x}} {{x}} {{{x}}}\n"
                + "{{ if x == \"on\" then }}\n"
                + "  on\n"
                + "{{ else }}\n"
                + "  off\n"
                + "{{ end }}\n"
                + "{{y}}\r\n\r\n"
                + "{{ if x != \"\" then }}\n"
                + "set\n"
                + "{{ end }}\n"
                + "last");
        assertEquals("a on on {on}\n  on\n{{y}}\nset\nlast", t.render(Map.of("x", "on")));
        assertEquals("a   {}\n  off\n{{y}}\nlast", t.render(Map.of("x", "")));
        // values are not scanned again
        assertEquals("a {{x}} {{x}} {{{x}}}\n  off\n{{y}}\nset\nlast", t.render(Map.of("x", "{{x}}")));
    }
}

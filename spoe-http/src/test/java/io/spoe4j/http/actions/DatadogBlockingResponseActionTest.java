package io.spoe4j.http.actions;

import static io.spoe4j.http.actions.Replies.assertReply;
import static io.spoe4j.http.actions.Replies.headers;
import static io.spoe4j.http.actions.Replies.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.spoe4j.acl.Sample;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.JavaAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatadogBlockingResponseActionTest {
    private static final String JSON = "{\"errors\":[{\"title\":\"You've been blocked\"}]}";

    private final JavaAction action = new DatadogBlockingResponseAction();

    /** What the SPOA sets when it blocks: blocked, headers (string), body (binary), status (integer). */
    private static Map<String, Sample> blocked(Object status, String headers, byte[] body) {
        Map<String, Sample> v = new HashMap<>();
        v.put("txn.dd.blocked", Sample.bool(true));
        if (status instanceof Integer i) {
            v.put("txn.dd.status", Sample.integer(i));
        } else if (status instanceof String s) {
            v.put("txn.dd.status", Sample.str(s));
        }
        if (headers != null) {
            v.put("txn.dd.headers", Sample.str(headers));
        }
        if (body != null) {
            v.put("txn.dd.body", Sample.bin(body));
        }
        return v;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private HttpReply run(Map<String, Sample> variables) {
        return reply(action.run(FakeContext.of(variables)));
    }

    @Test
    void jsonBlockingResponse() {
        HttpReply r = run(blocked(403, "Content-Type: application/json\n", bytes(JSON)));
        assertReply(r, 403, "Forbidden", headers("content-type", "application/json",
                "content-length", Integer.toString(JSON.length())), bytes(JSON));
    }

    @Test
    void redirectResponse() {
        HttpReply r = run(blocked(303, "Location: https://example.com/blocked?id=42\n", new byte[0]));
        assertReply(r, 303, "See Other", headers("location", "https://example.com/blocked?id=42",
                "content-length", "0"), new byte[0]);
    }

    @Test
    void theAgentsContentLengthIsReplacedByTheBodysLength() {
        HttpReply r = run(blocked(403, "Content-Length: 999\nContent-Type: text/html\n", bytes("<p>no</p>")));
        assertReply(r, 403, "Forbidden", headers("content-type", "text/html", "content-length", "9"), bytes("<p>no</p>"));
    }

    @Test
    void onlyLinesMatchingTheScriptsPatternAreHeaders() {
        String lines = "X-One: a\n"          // value of one character: .+ needs a second
                + "X-Two:bc\n"               // no blank after the colon
                + "Bad Name: xy\n"           // blank in the name
                + "X_Under: xy\n"            // '_' is not %w
                + "X-Lead:  yz\n"            // value starts with a blank
                + "\r\n\r\n"
                + "X-Ok: fine value \r\n"    // trailing blank kept
                + "Set-Cookie: a=1\n"
                + "X-Other: 22\n"
                + "Set-Cookie: b=2";         // no final newline
        HttpReply r = run(blocked(403, lines, new byte[0]));
        // values of one name are kept together, names in the order first seen
        assertReply(r, 403, "Forbidden", headers("x-ok", "fine value ", "set-cookie", "a=1", "set-cookie", "b=2",
                "x-other", "22", "content-length", "0"), new byte[0]);
    }

    @Test
    void emptyHeadersGiveOnlyContentLength() {
        assertReply(run(blocked(406, "", bytes("no"))), 406, "Not Acceptable", headers("content-length", "2"), bytes("no"));
    }

    @Test
    void nonAsciiHeaderValuesSurvive() {
        HttpReply r = run(blocked(403, "X-Message: accès refusé\n", new byte[0]));
        assertEquals("accès refusé", r.header("x-message"));
    }

    @Test
    void statusOutsideTheRangeLeavesTheDefault200() {
        assertEquals(200, run(blocked(99, "", new byte[0])).status());
        HttpReply r = run(blocked(600, "", new byte[0]));
        assertEquals(200, r.status());
        assertEquals("OK", r.reason());
    }

    @Test
    void statusAsTextIsANumberToo() {
        HttpReply r = run(blocked("451", "", new byte[0]));
        assertEquals(451, r.status());
        assertEquals("Unavailable For Legal Reasons", r.reason());
        assertEquals("Client Error", run(blocked(499 - 40, "", new byte[0])).reason()); // 459 has no own phrase
    }

    @Test
    void olderAgentsStatusCode() {
        Map<String, Sample> v = blocked(null, "", new byte[0]);
        v.put("txn.dd.status_code", Sample.integer(401));
        assertEquals(401, run(v).status());
    }

    @Test
    void chunkedTransferEncodingGetsNoContentLength() {
        HttpReply r = run(blocked(403, "Transfer-Encoding: gzip, chunked\n", bytes("abc")));
        assertReply(r, 403, "Forbidden", headers("transfer-encoding", "gzip, chunked"), bytes("abc"));
        HttpReply notLast = run(blocked(403, "Transfer-Encoding: chunked, gzip\n", bytes("abc")));
        assertEquals("3", notLast.header("content-length"));
    }

    @Test
    void whereTheScriptFailsTheRulesGoOn() {
        assertInstanceOf(JavaAction.Continue.class, action.run(FakeContext.of(blocked(null, "", new byte[0]))));
        assertInstanceOf(JavaAction.Continue.class, action.run(FakeContext.of(blocked("blocked", "", new byte[0]))));
        assertInstanceOf(JavaAction.Continue.class, action.run(FakeContext.of(blocked(403, null, new byte[0]))));
        assertInstanceOf(JavaAction.Continue.class, action.run(FakeContext.of(blocked(403, "", null))));
        Map<String, Sample> intHeaders = blocked(403, null, new byte[0]);
        intHeaders.put("txn.dd.headers", Sample.integer(1));
        assertInstanceOf(JavaAction.Continue.class, action.run(FakeContext.of(intHeaders)));
    }

    @Test
    void aStringBodyIsSentAsUtf8() {
        Map<String, Sample> v = blocked(403, "", null);
        v.put("txn.dd.body", Sample.str("bloqué"));
        assertReply(run(v), 403, "Forbidden", headers("content-length", "7"), bytes("bloqué"));
    }
}

package io.spoe4j.http.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.JavaAction;
import java.util.ArrayList;
import java.util.List;

/** Assertion helpers shared by the action tests. */
final class Replies {
    private Replies() {
    }

    static HttpReply reply(JavaAction.Result result) {
        return assertInstanceOf(JavaAction.Reply.class, result).reply();
    }

    /** name, value pairs. */
    static List<HttpHeader> headers(String... nameValues) {
        List<HttpHeader> out = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.add(new HttpHeader(nameValues[i], nameValues[i + 1]));
        }
        return out;
    }

    static void assertReply(HttpReply r, int status, String reason, List<HttpHeader> headers, byte[] body) {
        assertEquals(status, r.status(), "status");
        assertEquals(reason, r.reason(), "reason");
        assertEquals(headers, r.headers(), "headers");
        assertEquals(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1), "body");
    }
}

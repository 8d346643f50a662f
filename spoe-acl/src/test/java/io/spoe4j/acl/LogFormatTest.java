package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * unique-id-format strings; the expected outputs are those HAProxy 2.6.12 produced for the same
 * formats and requests (client 127.0.0.1:37064, frontend 127.0.0.1:18081, accepted at
 * 1795841467294 ms), with only the pid and the host name taken from this process.
 */
class LogFormatTest {
    private static final long ACCEPTED = 1795841467294L;
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final String PID_HEX = String.format("%04X", ProcessHandle.current().pid());

    private static SimpleRequestAttributes request() {
        return SimpleRequestAttributes.builder()
                .client(Requests.ip("127.0.0.1"), 37064)
                .server(Requests.ip("127.0.0.1"), 18081)
                .method("GET").uri("/p/a?q=1&r").httpVersion("1.1")
                .header("x-a", "A\"#{}\u00e9")
                .header("x-q", "sp ace")
                .header("x-n", "255")
                .build();
    }

    private static String eval(String format, long requestNumber) {
        return LogFormat.parse(format).evaluate(request(), ACCEPTED, requestNumber);
    }

    @Test
    void haproxyDocumentationExampleInHex() {
        assertEquals("7F000001:90C8_7F000001:46A1_6B0A5DBB_0000:" + PID_HEX,
                eval("%{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid", 0));
        // the tokenizer's unescaped form (what haproxy.cfg's reader passes on) gives the same
        assertEquals("7F000001:90C8_7F000001:46A1_6B0A5DBB_0003:" + PID_HEX,
                eval("%{+X}o %ci:%cp_%fi:%fp_%Ts_%rt:%pid", 3));
    }

    @Test
    void decimalAliasesLiteralsSeparatorsAndSamples() {
        assertEquals("a b%c A\"#{}\u00e9  sp ace|294|GET|/p/a?q=1&r|/p/a|?q=1&r|HTTP/1.1|GET /p/a?q=1&r HTTP/1.1|7",
                eval("a  b%%c %[req.hdr(x-a)] %[req.hdr(x-missing)] %[req.hdr(x-q)]|%ms|%HM|%HU|%HP|%HQ|%HV|%r|%rt", 7));
        assertEquals("127.0.0.1:37064_127.0.0.1:18081_1795841467_" + PID, eval("%ci:%cp_%fi:%fp_%Ts_%pid", 0));
    }

    @Test
    void flagsApplyToAliasesNotToSamples() {
        assertEquals("x 255 255 \"127.0.0.1\" 6B0A5DBB.126 0002 " + PID_HEX + "  v\"w 127.0.0.1 127.0.0.1 ",
                LogFormat.parse(" x %[req.hdr(x-n)] %{+X}[req.hdr(x-n)] %{+Q}ci %{+X}Ts.%{+X}ms %{+X}rt %{+X}pid"
                        + " %{+Q}[req.hdr(x-missing)] %{+Q}[req.hdr(x-a)] %{+X}[src] %[src]  ")
                        .evaluate(request().toBuilder().header("x-a", "v\"w").build(), ACCEPTED, 2));
        assertEquals("7F000001 37064 0x0001", eval("%{+X}o %ci %{-X}cp 0x%rt", 1));
        assertEquals("\"]b\"\" xa\\]b\\\"", LogFormat.parse("%{+Q}HU %{+E}[str(x)]a%{+E}HP")
                .evaluate(request().toBuilder().uri("]b\"").build(), ACCEPTED, 0));
    }

    @Test
    void datesAndHostName() {
        String local = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT)
                .format(Instant.ofEpochMilli(ACCEPTED).atZone(ZoneId.systemDefault()));
        assertEquals(local + "|28/Nov/2026:04:51:07 +0000", eval("%t|%T", 0));
        String host = eval("%H", 0);
        assertFalse(host.isEmpty(), "%H gives the host name");
        assertEquals("[" + host + "]", eval("[%H]", 0));
    }

    @Test
    void ipv6AndMissingFacts() {
        SimpleRequestAttributes v6 = SimpleRequestAttributes.builder().client(Requests.ip("2001:db8::1"), 1)
                .build();
        assertEquals("2001:db8::1 20010DB8000000000000000000000001 0001", LogFormat.parse("%ci %{+X}ci %{+X}cp")
                .evaluate(v6, ACCEPTED, 0));
        // no frontend address: nothing is written
        assertEquals("[][]", LogFormat.parse("[%fi][%fp]").evaluate(v6, ACCEPTED, 0));
        // no request line (a connection-level event such as on-client-session): nothing either
        assertEquals("[][][][][][][]x", LogFormat.parse("[%HM][%HU][%HP][%HQ][%HV][%r][%ci]%[str(x)]")
                .evaluate(new NoRequest(), ACCEPTED, 0));
    }

    @Test
    void aTransactionIdIsGeneratedOnceAndCannotReadItself() {
        LogFormat.UniqueId id = LogFormat.parse("%[uuid()]").newId(ACCEPTED);
        String first = id.get(request());
        assertEquals(36, first.length(), first);
        assertEquals(first, id.get(request()), "kept for the transaction");
        // A format reading unique-id sees it missing while it is being generated, as in HAProxy.
        LogFormat selfRef = LogFormat.parse("id-%[unique-id]-%Ts");
        LogFormat.UniqueId[] holder = new LogFormat.UniqueId[1];
        RequestAttributes reading = new NoRequest() {
            @Override
            public String uniqueId() {
                return holder[0].get(this);
            }
        };
        holder[0] = selfRef.newId(ACCEPTED);
        assertEquals("id--" + ACCEPTED / 1000, holder[0].get(reading));
    }

    @Test
    void parseOptionNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogFormat.parseOption("uniqueIdFormat", "%[uuid"));
        assertTrue(e.getMessage().startsWith("uniqueIdFormat: at offset 1 of '%[uuid': "), e.getMessage());
        assertEquals("%ci", LogFormat.parseOption("uniqueIdFormat", "%ci").text());
    }

    @Test
    void uuidSampleIsNewForEveryEvaluation() {
        LogFormat f = LogFormat.parse("%[uuid()]");
        String a = f.evaluate(request());
        String b = LogFormat.parse("%[uuid(4)]").evaluate(request());
        assertTrue(a.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), a);
        assertTrue(b.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), b);
        assertNotEquals(a, f.evaluate(request()));
        assertEquals(Sample.Type.STR, AclCompiler.standard().sample("uuid").type());
    }

    @Test
    void processCounterAdvancesOncePerEvaluation() {
        LogFormat f = LogFormat.parse("%rt-%rt");
        String[] first = f.evaluate(request(), ACCEPTED).split("-");
        assertEquals(first[0], first[1], "one number per evaluation");
        long second = Long.parseLong(f.evaluate(request(), ACCEPTED).split("-")[0]);
        assertTrue(second > Long.parseLong(first[0]), "the counter advances");
    }

    @Test
    void resultIsCutTo127BytesAtACharacterBoundary() {
        String ascii = "x".repeat(200);
        assertEquals("x".repeat(127), LogFormat.parse(ascii).evaluate(request(), ACCEPTED, 0));
        String wide = LogFormat.parse("y" + "\u00e9".repeat(100)).evaluate(request(), ACCEPTED, 0);
        assertEquals("y" + "\u00e9".repeat(63), wide);
        assertEquals(127, wide.getBytes(StandardCharsets.UTF_8).length);
        String odd = LogFormat.parse("\u00e9".repeat(100)).evaluate(request(), ACCEPTED, 0);
        assertEquals(126, odd.getBytes(StandardCharsets.UTF_8).length, "a 2-byte character is never split");
    }

    @Test
    void requestBodyNeedIsReported() {
        assertTrue(LogFormat.parse("%[req.body,length]").needsRequestBody());
        assertFalse(LogFormat.parse("%ci %[uuid]").needsRequestBody());
        assertEquals("%ci %[uuid]", LogFormat.parse("%ci %[uuid]").text());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("%ci:%xy", 5, "unknown log-format alias '%xy'"),
                Arguments.of("%ID", 1, "unknown log-format alias '%ID' ('%ID' is the unique id itself)"),
                Arguments.of("%si:%sp", 1, "unknown log-format alias '%si' ('%si' is not known when the request arrives)"),
                Arguments.of("abc%", 3, "a '%' ends the format; write '%%' for a literal '%'"),
                Arguments.of("50% off", 2, "expected an alias, '{', '[' or '%' after '%', got ' '"),
                Arguments.of("%{+X", 1, "missing '}' to close the flags opened here"),
                Arguments.of("%{+Z}ci", 3, "unknown flag 'Z' (expected Q, X or E)"),
                Arguments.of("%{X}ci", 2, "expected a flag such as '+X' or '-Q', got 'X'"),
                Arguments.of("%{+X} ci", 5, "expected an alias or '[' after the flags '%{+X}'"),
                Arguments.of("%[uuid", 1, "missing ']' to close the sample expression opened here"),
                Arguments.of("id-%[scr]", 5, "in '%[scr]': unknown fetch 'scr', did you mean 'src'?"),
                Arguments.of("%[req.hdr(a),lowr]", 13, "in '%[req.hdr(a),lowr]': unknown converter 'lowr'"),
                Arguments.of("%[uuid(7)]", 7, "in '%[uuid(7)]': in 'uuid': unsupported UUID version '7' (only 4 is supported)"),
                Arguments.of("%[uuid(x)]", 7, "in '%[uuid(x)]': in 'uuid': expected an integer UUID version, got 'x'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void parseErrorsNameTheProblemAndWhere(String format, int offset, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> LogFormat.parse(format));
        assertTrue(e.reason().startsWith(message), () -> "got: " + e.reason());
        assertEquals(offset, e.offset(), () -> "offset of: " + e.reason());
    }

    /** A connection without a request: every fact unknown. */
    private static class NoRequest implements RequestAttributes {
        @Override public java.net.InetAddress clientAddress() { return null; }
        @Override public int clientPort() { return -1; }
        @Override public java.net.InetAddress serverAddress() { return null; }
        @Override public int serverPort() { return -1; }
        @Override public boolean isTls() { return false; }
        @Override public String tlsSni() { return null; }
        @Override public String method() { return null; }
        @Override public String uri() { return null; }
        @Override public String httpVersion() { return null; }
        @Override public java.util.List<HttpHeader> requestHeaders() { return java.util.List.of(); }
        @Override public byte[] requestBody() { return null; }
        @Override public String uniqueId() { return null; }
        @Override public int responseStatus() { return -1; }
        @Override public String responseVersion() { return null; }
        @Override public java.util.List<HttpHeader> responseHeaders() { return null; }
        @Override public byte[] responseBody() { return null; }
        @Override public Sample variable(String fullName) { return null; }
    }
}

package io.spoe4j.client.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SampleFetch;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.MessageArg;
import io.spoe4j.config.MessageConfig;
import io.spoe4j.config.SpoeConfigReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compiled encoders write, byte for byte, what building the messages (samples, typed values,
 * args) and encoding them wrote: every fast-path fetch and generic expressions, on random requests
 * including missing parts, absolute and odd request targets, non-ASCII and malformed text.
 */
class MessageEncoderTest {
    private static final AclCompiler ACL = AclCompiler.standard();
    /** Every fetch the encoder reads directly, constants, and expressions it evaluates. */
    private static final List<String> EXPRESSIONS = List.of("src", "dst", "src_port", "dst_port", "method", "path",
            "query", "url", "req.ver", "req_ver", "req.hdrs", "req.body", "str(sample_app)", "str(caf\u00e9)", "bool(false)",
            "bool(1)", "int(-5)", "int(9223372036854775807)", "ipv4(192.0.2.1)", "ipv6(2001:db8::1)", "bin(0a0bff)",
            "req.hdr(host)", "req.hdr(host),lower", "path,lower", "url_param(a)", "req.hdrs_bin", "pathq", "ssl_fc",
            "req.body_len", "var(txn.x)", "always_true", "base", "src,ipmask(24)");

    @Test
    void bytesMatchTheReferenceBuildingOnRandomRequests() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (int round = 0; round < 3000; round++) {
            List<MessageConfig> configs = new ArrayList<>();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                MessageConfig.Builder b = MessageConfig.builder("msg-" + m);
                for (int a = random.nextInt(14); a > 0; a--) {
                    String e = EXPRESSIONS.get(random.nextInt(EXPRESSIONS.size()));
                    b.arg(MessageArg.of(random.nextInt(6) == 0 ? "" : "arg-" + a, ACL.sample(e)));
                }
                if (random.nextInt(4) == 0) {
                    b.event(io.spoe4j.config.SpoeEvent.ON_FRONTEND_HTTP_REQUEST, random.nextBoolean() ? TRUE : FALSE);
                }
                configs.add(b.build());
            }
            RequestAttributes request = randomRequest(random);
            assertSameBytes(configs, request);
        }
    }

    @Test
    void corazaArgumentsAreAllWrittenWithoutEvaluatingAndMatchTheReference() throws Exception {
        String conf = String.join("\n", "[coraza]", "spoe-agent coraza-agent", "    messages coraza-req",
                "    option var-prefix coraza", "    use-backend coraza-spoa", "spoe-message coraza-req",
                "    args app=str(sample_app) src-ip=src src-port=src_port dst-ip=dst dst-port=dst_port method=method"
                        + " path=path query=query version=req.ver headers=req.hdrs body=req.body"
                        + " exportRuleIDs=bool(false)",
                "    event on-frontend-http-request", "");
        EngineConfig config = SpoeConfigReader.standard().parseSpoeConf("coraza.conf", conf, "coraza");
        MessageEncoder encoder = new MessageEncoder(config.messages().get(0));
        for (int i = 0; i < 12; i++) {
            assertTrue(encoder.direct(i), "argument " + i + " of coraza-req is read directly");
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            assertSameBytes(config.messages(), randomRequest(random));
        }
    }

    @Test
    void anExtensionReplacingABuiltinIsEvaluatedNotReadDirectly() {
        AclCompiler custom = AclCompiler.builder().register(new SampleFetch() {
            @Override
            public String name() {
                return "path";
            }

            @Override
            public Sample.Type type() {
                return Sample.Type.STR;
            }

            @Override
            public Function compile(List<String> args) {
                return a -> Sample.str("custom");
            }
        }).build();
        MessageConfig config = MessageConfig.builder("m").arg(MessageArg.of("p", custom.sample("path")))
                .arg(MessageArg.of("q", custom.sample("query"))).build();
        MessageEncoder encoder = new MessageEncoder(config);
        assertFalse(encoder.direct(0));
        assertTrue(encoder.direct(1));
        assertSameBytes(List.of(config), request("/a?b", "GET", "1.1", List.of(), null));
    }

    @Test
    void moreThan255ArgumentsFailWhenEncodedAsBuildingTheMessageDid() {
        MessageConfig.Builder b = MessageConfig.builder("big");
        for (int i = 0; i < 256; i++) {
            b.arg(MessageArg.of("a" + i, ACL.sample("int(1)")));
        }
        NotifyEncoder encoder = new NotifyEncoder(List.of(b.build()));
        ByteBuf out = encoder.allocate();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> encoder.encode(request("/", "GET", "1.1", List.of(), null), out));
            assertEquals("message 'big' has 256 args; SPOP allows at most 255", e.getMessage());
        } finally {
            out.release();
        }
    }

    private static void assertSameBytes(List<MessageConfig> configs, RequestAttributes request) {
        List<Message> reference = NotifyBuilder.build(configs, request);
        ByteBuf expected = Unpooled.buffer();
        FrameCodec.writeMessages(reference, expected);
        NotifyEncoder encoder = new NotifyEncoder(configs);
        ByteBuf out = encoder.allocate();
        try {
            assertEquals(FrameCodec.NOTIFY_HEADROOM, out.readerIndex());
            List<String> names = encoder.encode(request, out);
            assertArrayEquals(ByteBufUtil.getBytes(expected), ByteBufUtil.getBytes(out),
                    () -> configs + " on " + request + "\nexpected " + ByteBufUtil.hexDump(expected) + "\nactual   "
                            + ByteBufUtil.hexDump(out));
            assertEquals(reference.stream().map(Message::name).toList(), names);
        } finally {
            out.release();
        }
    }

    private static final Condition TRUE = condition(true);
    private static final Condition FALSE = condition(false);

    private static Condition condition(boolean value) {
        return new Condition() {
            @Override
            public boolean test(RequestAttributes attributes) {
                return value;
            }

            @Override
            public boolean needsResponse() {
                return false;
            }

            @Override
            public boolean needsRequestBody() {
                return false;
            }

            @Override
            public boolean needsResponseBody() {
                return false;
            }

            @Override
            public String toString() {
                return Boolean.toString(value);
            }
        };
    }

    private static final List<String> TEXTS = List.of("", "a", "GET", "caf\u00e9", "\u20ac5", "\ud83d\ude00", "x\ud800y",
            "\udc00", "z\ud800", "\u00ff\u0100", "hello world", "A-B_c");
    private static final List<String> URIS = List.of("/", "/a/b?c=d&e", "/only", "?q", "/p?", "*", "example.com:443",
            "http://h.example/x/y?z=1", "https://h.example", "https://h.example?x", "HTTP://H/P", "/caf\u00e9?q=\u20ac",
            "/s\ud800?\udc00", "", "ftp+x://a/b", "1a://b/c?d");

    private static RequestAttributes randomRequest(SplittableRandom random) {
        List<HttpHeader> headers = null;
        if (random.nextInt(8) != 0) {
            headers = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                String name = random.nextInt(10) == 0 ? TEXTS.get(random.nextInt(TEXTS.size()))
                        : List.of("Host", "user-agent", "X-Forwarded-For", "Content-TYPE", "cookie").get(random.nextInt(5));
                headers.add(new HttpHeader(name, TEXTS.get(random.nextInt(TEXTS.size())) + (random.nextBoolean()
                        ? "v=" + random.nextInt(1000) : "")));
            }
        }
        byte[] body = random.nextInt(3) == 0 ? null : new byte[random.nextInt(300)];
        if (body != null) {
            random.nextBytes(body);
        }
        String uri = random.nextInt(10) == 0 ? null : URIS.get(random.nextInt(URIS.size()));
        String method = random.nextInt(10) == 0 ? null : TEXTS.get(random.nextInt(TEXTS.size()));
        String version = List.of("1.1", "HTTP/1.1", "HTTP/", "/", "", "2", "HTTP/2.0").get(random.nextInt(7));
        TestRequest r = request(uri, method, random.nextInt(8) == 0 ? null : version, headers, body);
        r.clientAddress = address(random);
        r.serverAddress = address(random);
        r.clientPort = random.nextInt(6) == 0 ? -1 : random.nextInt(65536);
        r.serverPort = random.nextInt(6) == 0 ? -1 : random.nextInt(65536);
        return r;
    }

    private static InetAddress address(SplittableRandom random) {
        try {
            switch (random.nextInt(4)) {
                case 0:
                    return null;
                case 1:
                    return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) random.nextInt(256)});
                case 2:
                    return InetAddress.getByName("::ffff:192.0.2.7");
                default:
                    byte[] a = new byte[16];
                    random.nextBytes(a);
                    a[0] = 0x20;
                    return InetAddress.getByAddress(a);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestRequest request(String uri, String method, String version, List<HttpHeader> headers,
            byte[] body) {
        TestRequest r = new TestRequest();
        r.uri = uri;
        r.method = method;
        r.version = version;
        r.headers = headers;
        r.body = body;
        return r;
    }

    /** Every part settable, {@code null} included. */
    private static final class TestRequest implements RequestAttributes {
        InetAddress clientAddress;
        int clientPort = -1;
        InetAddress serverAddress;
        int serverPort = -1;
        String method;
        String uri;
        String version;
        List<HttpHeader> headers;
        byte[] body;

        @Override
        public Sample variable(String fullName) {
            return fullName.equals("txn.x") ? Sample.str("vx") : null;
        }

        @Override
        public InetAddress clientAddress() {
            return clientAddress;
        }

        @Override
        public int clientPort() {
            return clientPort;
        }

        @Override
        public InetAddress serverAddress() {
            return serverAddress;
        }

        @Override
        public int serverPort() {
            return serverPort;
        }

        @Override
        public boolean isTls() {
            return false;
        }

        @Override
        public String tlsSni() {
            return null;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public String httpVersion() {
            return version;
        }

        @Override
        public List<HttpHeader> requestHeaders() {
            return headers;
        }

        @Override
        public List<HttpHeader> requestCookies() {
            return List.of();
        }

        @Override
        public byte[] requestBody() {
            return body;
        }

        @Override
        public List<HttpHeader> requestTrailers() {
            return List.of();
        }

        @Override
        public String uniqueId() {
            return null;
        }

        @Override
        public int responseStatus() {
            return -1;
        }

        @Override
        public String responseVersion() {
            return null;
        }

        @Override
        public String responseReason() {
            return null;
        }

        @Override
        public List<HttpHeader> responseHeaders() {
            return null;
        }

        @Override
        public byte[] responseBody() {
            return null;
        }

        @Override
        public List<HttpHeader> responseTrailers() {
            return List.of();
        }

        @Override
        public String toString() {
            return "request[" + method + " " + uri + " " + version + " " + headers + " body="
                    + (body == null ? null : body.length) + " " + clientAddress + ":" + clientPort + " -> "
                    + serverAddress + ":" + serverPort + "]";
        }
    }
}

package io.spoe4j.client.internal.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.acl.internal.CompiledSample;
import io.spoe4j.acl.internal.Http;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Varint;
import io.spoe4j.config.MessageArg;
import io.spoe4j.config.MessageConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One {@code spoe-message} compiled into an encoder that writes it, as HAProxy encodes it, straight
 * from the request into the NOTIFY's buffer: the name, the number of arguments and each argument
 * name are pre-encoded, constant arguments ({@code str(x)}, {@code bool(0)} ...) too, and the
 * built-in fetches used without argument nor converter ({@code src}, {@code path},
 * {@code req.hdrs} ...) are read from the request without a {@link Sample}. Any other expression is
 * evaluated and its sample written as is, without a {@code TypedValue}, {@code Arg} or list.
 * Bytes are those of {@code FrameCodec.writeMessages} for the samples the expressions return
 * (every integer as INT64, a missing sample as NULL). Immutable and thread-safe.
 */
final class MessageEncoder {
    private static final int GENERIC = 0;
    private static final int CONSTANT = 1;
    private static final int SRC = 2;
    private static final int DST = 3;
    private static final int SRC_PORT = 4;
    private static final int DST_PORT = 5;
    private static final int METHOD = 6;
    private static final int PATH = 7;
    private static final int QUERY = 8;
    private static final int URL = 9;
    private static final int REQ_VER = 10;
    private static final int REQ_HDRS = 11;
    private static final int REQ_BODY = 12;

    private static final int NULL = 0x00;
    private static final int INT64 = 0x04;
    private static final int IPV4 = 0x06;
    private static final int IPV6 = 0x07;
    private static final int BINARY = 0x09;

    final String name;
    /** The message's own condition ({@code event ... if}), or {@code null}. */
    final Condition condition;
    /** Name and nb-args; {@code null} when there are more than {@link Message#MAX_ARGS} arguments. */
    private final byte[] head;
    private final int argCount;
    /** Per argument: its name, followed by its value for a constant. */
    private final byte[][] prefixes;
    private final int[] kinds;
    private final SampleExpression[] expressions;

    MessageEncoder(MessageConfig config) {
        this.name = config.name();
        this.condition = config.condition().orElse(null);
        List<MessageArg> args = config.args();
        this.argCount = args.size();
        ByteBuf b = Unpooled.buffer();
        FrameCodec.writeName(b, name);
        b.writeByte(argCount);
        this.head = argCount > Message.MAX_ARGS ? null : bytes(b);
        this.prefixes = new byte[argCount][];
        this.kinds = new int[argCount];
        this.expressions = new SampleExpression[argCount];
        for (int i = 0; i < argCount; i++) {
            MessageArg arg = args.get(i);
            SampleExpression e = arg.expression();
            b.clear();
            FrameCodec.writeName(b, arg.name());
            int kind = kind(e);
            if (kind == CONSTANT) {
                writeSample(b, e.evaluate(NoRequest.INSTANCE));
            }
            prefixes[i] = bytes(b);
            kinds[i] = kind;
            expressions[i] = e;
        }
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), out);
        return out;
    }

    private static int kind(SampleExpression e) {
        if (!(e instanceof CompiledSample c)) {
            return GENERIC;
        }
        if (c.constantBuiltin()) {
            return CONSTANT;
        }
        String fetch = c.plainBuiltin();
        if (fetch == null) {
            return GENERIC;
        }
        switch (fetch) {
            case "src":
                return SRC;
            case "dst":
                return DST;
            case "src_port":
                return SRC_PORT;
            case "dst_port":
                return DST_PORT;
            case "method":
                return METHOD;
            case "path":
                return PATH;
            case "query":
                return QUERY;
            case "url":
                return URL;
            case "req.ver":
            case "req_ver":
                return REQ_VER;
            case "req.hdrs":
                return REQ_HDRS;
            case "req.body":
                return REQ_BODY;
            default:
                return GENERIC;
        }
    }

    /** Whether argument {@code i} is written without evaluating its expression (constant or read from the request). */
    boolean direct(int i) {
        return kinds[i] != GENERIC;
    }

    /** Writes the message (its condition is the caller's business). */
    void write(RequestAttributes a, ByteBuf out) {
        if (head == null) {
            // What building the message's argument list used to throw.
            throw new IllegalArgumentException("message '" + name + "' has " + argCount
                    + " args; SPOP allows at most " + Message.MAX_ARGS);
        }
        out.writeBytes(head);
        for (int i = 0; i < argCount; i++) {
            out.writeBytes(prefixes[i]);
            switch (kinds[i]) {
                case CONSTANT:
                    break;
                case SRC:
                    writeAddress(out, a.clientAddress());
                    break;
                case DST:
                    writeAddress(out, a.serverAddress());
                    break;
                case SRC_PORT:
                    writePort(out, a.clientPort());
                    break;
                case DST_PORT:
                    writePort(out, a.serverPort());
                    break;
                case METHOD:
                    writeNullableString(out, a.method());
                    break;
                case PATH:
                    writePath(out, a.uri());
                    break;
                case QUERY:
                    writeQuery(out, a.uri());
                    break;
                case URL:
                    writeNullableString(out, a.uri());
                    break;
                case REQ_VER:
                    writeVersion(out, a.httpVersion());
                    break;
                case REQ_HDRS:
                    writeHeaders(out, a.requestHeaders());
                    break;
                case REQ_BODY:
                    writeBinary(out, a.requestBody());
                    break;
                default:
                    writeSample(out, expressions[i].evaluate(a));
                    break;
            }
        }
    }

    /** A sample as HAProxy encodes it: every integer as INT64, a missing sample as NULL. */
    static void writeSample(ByteBuf out, Sample sample) {
        if (sample == null) {
            out.writeByte(NULL);
        } else if (sample instanceof Sample.Str s) {
            Utf8.writeString(out, s.value());
        } else if (sample instanceof Sample.Int i) {
            out.writeByte(INT64);
            Varint.write(out, i.value());
        } else if (sample instanceof Sample.Bool b) {
            out.writeByte(b.value() ? 0x11 : 0x01);
        } else if (sample instanceof Sample.Ipv4 v4) {
            out.writeByte(IPV4);
            out.writeBytes(v4.address());
        } else if (sample instanceof Sample.Ipv6 v6) {
            out.writeByte(IPV6);
            out.writeBytes(v6.address());
        } else {
            writeBinary(out, ((Sample.Bin) sample).bytes());
        }
    }

    /**
     * Whether {@code Inet4Address.hashCode()} is the address in network order, as OpenJDK has always
     * implemented it: then an IPv4 address is written without the array {@code getAddress()} copies.
     * Checked once on a few addresses; any other implementation takes {@code getAddress()}.
     */
    private static final boolean INET4_HASH_IS_ADDRESS = inet4HashIsAddress();

    private static boolean inet4HashIsAddress() {
        try {
            for (int a : new int[] {0, 0x7F000001, 0xC000020A, 0xFFFFFFFF, 0x0A010203, 0x80000001}) {
                byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
                if (InetAddress.getByAddress(b).hashCode() != a) {
                    return false;
                }
            }
            return true;
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /** {@code src}, {@code dst}: IPV4 or IPV6 by the address family, NULL when unknown. */
    private static void writeAddress(ByteBuf out, InetAddress address) {
        if (address == null) {
            out.writeByte(NULL);
        } else if (address instanceof Inet4Address) {
            out.writeByte(IPV4);
            if (INET4_HASH_IS_ADDRESS) {
                out.writeInt(address.hashCode());
            } else {
                out.writeBytes(address.getAddress());
            }
        } else {
            out.writeByte(IPV6);
            out.writeBytes(address.getAddress());
        }
    }

    /** {@code src_port}, {@code dst_port}: INT64, NULL when unknown (negative). */
    private static void writePort(ByteBuf out, int port) {
        if (port < 0) {
            out.writeByte(NULL);
            return;
        }
        out.writeByte(INT64);
        Varint.write(out, port);
    }

    private static void writeNullableString(ByteBuf out, String s) {
        if (s == null) {
            out.writeByte(NULL);
        } else {
            Utf8.writeString(out, s);
        }
    }

    private static void writeBinary(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            out.writeByte(NULL);
            return;
        }
        out.writeByte(BINARY);
        Varint.write(out, bytes.length);
        out.writeBytes(bytes);
    }

    /** {@code path}: as {@link Http#path}, without the substring. */
    private static void writePath(ByteBuf out, String uri) {
        int start = Http.pathStart(uri);
        if (start < 0) {
            out.writeByte(NULL);
            return;
        }
        int q = uri.indexOf('?', start);
        Utf8.writeString(out, uri, start, q < 0 ? uri.length() : q);
    }

    /** {@code query}: as {@link Http#query}, without the substring. */
    private static void writeQuery(ByteBuf out, String uri) {
        int q = uri == null ? -1 : uri.indexOf('?');
        if (q < 0) {
            out.writeByte(NULL);
            return;
        }
        Utf8.writeString(out, uri, q + 1, uri.length());
    }

    /** {@code req.ver}: {@code HTTP/1.1} and {@code 1.1} both give {@code 1.1}; NULL when absent or empty. */
    private static void writeVersion(ByteBuf out, String v) {
        if (v == null) {
            out.writeByte(NULL);
            return;
        }
        int start = v.indexOf('/') + 1;
        if (start == v.length()) {
            out.writeByte(NULL);
            return;
        }
        Utf8.writeString(out, v, start, v.length());
    }

    /**
     * {@code req.hdrs}: {@code name: value\r\n} per header with names lower-cased (ASCII letters
     * only), then {@code \r\n}, as {@link Http#hdrsText}, written in place. Headers with non-ASCII
     * names or surrogates go through {@link Http#hdrsText} and the JDK's encoder.
     */
    private static void writeHeaders(ByteBuf out, List<HttpHeader> headers) {
        if (headers == null) {
            out.writeByte(NULL);
            return;
        }
        int n = headers.size();
        int total = 2;
        for (int k = 0; k < n; k++) {
            HttpHeader h = headers.get(k);
            String hn = h.name();
            String hv = h.value();
            int nl = Utf8.length(hn, 0, hn.length());
            int vl = Utf8.length(hv, 0, hv.length());
            if (nl != hn.length() || vl < 0) {
                Utf8.writeString(out, Http.hdrsText(headers));
                return;
            }
            total += nl + vl + 4;
        }
        out.writeByte(0x08);
        Varint.write(out, total);
        // Built in a per-thread array with plain stores, then one bulk write: a ByteBuf write per
        // byte costs its checks every time.
        byte[] text = total <= HDRS_SCRATCH_SIZE ? HDRS_SCRATCH.get() : new byte[total];
        int p = 0;
        for (int k = 0; k < n; k++) {
            HttpHeader h = headers.get(k);
            String hn = h.name();
            for (int i = 0, len = hn.length(); i < len; i++) {
                char c = hn.charAt(i);
                text[p++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            text[p++] = ':';
            text[p++] = ' ';
            p = Utf8.encode(h.value(), text, p);
            text[p++] = '\r';
            text[p++] = '\n';
        }
        text[p++] = '\r';
        text[p++] = '\n';
        out.writeBytes(text, 0, p);
    }

    private static final int HDRS_SCRATCH_SIZE = 16 * 1024;
    private static final io.netty.util.concurrent.FastThreadLocal<byte[]> HDRS_SCRATCH =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected byte[] initialValue() {
                    return new byte[HDRS_SCRATCH_SIZE];
                }
            };

    /** What constant fetches are evaluated with: they read nothing from it. */
    private static final class NoRequest implements RequestAttributes {
        static final NoRequest INSTANCE = new NoRequest();

        @Override
        public Sample variable(String fullName) {
            return null;
        }

        @Override
        public InetAddress clientAddress() {
            return null;
        }

        @Override
        public int clientPort() {
            return -1;
        }

        @Override
        public InetAddress serverAddress() {
            return null;
        }

        @Override
        public int serverPort() {
            return -1;
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
            return null;
        }

        @Override
        public String uri() {
            return null;
        }

        @Override
        public String httpVersion() {
            return null;
        }

        @Override
        public List<HttpHeader> requestHeaders() {
            return List.of();
        }

        @Override
        public List<HttpHeader> requestCookies() {
            return List.of();
        }

        @Override
        public byte[] requestBody() {
            return null;
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
            return List.of();
        }

        @Override
        public byte[] responseBody() {
            return null;
        }

        @Override
        public List<HttpHeader> responseTrailers() {
            return List.of();
        }
    }
}

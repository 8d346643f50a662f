package io.spoe4j.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client on a raw socket for {@link ActionsConformanceTest}: it sends a request (in one
 * or two writes), reads one answer exactly as it came (status line, headers in order, body bytes)
 * and then finds out, without timing, what became of the connection: a request with
 * {@code Connection: close} must see the connection end; otherwise a probe request
 * ({@code GET /probe}) is written and the connection counts as kept open only if the probe is
 * answered. A connection that ends before the answer's first byte is "dropped".
 */
final class HttpWire {
    private static final int TIMEOUT_MS = 30_000;
    /** The probe sent on a connection the answer kept open; scenarios' rules let it through untouched. */
    static final String PROBE = "GET /probe HTTP/1.1\r\nHost: probe.example\r\nConnection: close\r\n\r\n";

    private HttpWire() {
    }

    /** What the client saw; {@code statusLine} is null when the connection was dropped. */
    record Result(String statusLine, List<String[]> headers, byte[] body, String connection, long millis) {
        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** Hooks around the exchange: {@code between} runs between the request's parts, {@code answered} once the answer is read. */
    interface Hooks {
        default void between() {
        }

        default void answered() {
        }
    }

    static byte[] bytes(String request) {
        return request.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code parts} to {@code port} ({@link Hooks#between} after each part but the last),
     * reads the answer, runs {@link Hooks#answered}, then settles the connection's fate.
     */
    static Result exchange(int port, List<byte[]> parts, Hooks hooks) {
        return exchange(port, parts, hooks, false);
    }

    /**
     * As above; with {@code nudge}, while no byte of an answer has come, an empty line ({@code CRLF},
     * which HTTP/1.1 servers skip before a request) is written every 200 ms: HAProxy's
     * {@code silent-drop} makes the connection vanish without telling the client (TCP_REPAIR), and
     * only a segment from the client then draws the reset that shows it is gone.
     */
    static Result exchange(int port, List<byte[]> parts, Hooks hooks, boolean nudge) {
        boolean close = new String(parts.get(0), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                .contains("\r\nconnection: close\r\n");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            long start = System.nanoTime();
            for (int i = 0; i < parts.size(); i++) {
                out.write(parts.get(i));
                out.flush();
                if (i < parts.size() - 1) {
                    hooks.between();
                }
            }
            String statusLine;
            try {
                if (nudge) {
                    awaitFirstByte(s, out, in);
                }
                statusLine = RawHttp.readLine(in);
            } catch (SocketException reset) {
                hooks.answered();
                return new Result(null, List.of(), new byte[0], "dropped: reset before any byte", elapsed(start));
            }
            if (statusLine == null) {
                hooks.answered();
                return new Result(null, List.of(), new byte[0], "dropped: closed before any byte", elapsed(start));
            }
            List<String[]> headers = new ArrayList<>();
            boolean chunked = false;
            long length = -1;
            for (String l; !(l = RawHttp.requireLine(in)).isEmpty(); ) {
                int c = l.indexOf(':');
                String name = c < 0 ? l : l.substring(0, c);
                String value = c < 0 ? "" : l.substring(c + 1).strip();
                headers.add(new String[] {name, value});
                chunked |= name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked");
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value.strip());
                }
            }
            long millis = elapsed(start);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String connection = null;
            if (chunked) {
                for (int size; (size = Integer.parseInt(RawHttp.requireLine(in).split(";")[0].strip(), 16)) > 0; ) {
                    body.writeBytes(RawHttp.readExactly(in, size));
                    RawHttp.requireLine(in);
                }
                while (!RawHttp.requireLine(in).isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                body.writeBytes(RawHttp.readExactly(in, (int) length));
            } else if (status != 204 && status != 304) {
                body.writeBytes(RawHttp.readAll(in));
                connection = "closed (body delimited by the close)";
            }
            hooks.answered();
            if (connection == null) {
                connection = close ? ending(in) : probe(out, in);
            }
            return new Result(statusLine, headers, body.toByteArray(), connection, millis);
        } catch (IOException e) {
            throw new AssertionError("HTTP exchange with 127.0.0.1:" + port + " failed: " + e, e);
        }
    }

    /** After a {@code Connection: close} request: the connection must end, with no byte more. */
    private static String ending(InputStream in) throws IOException {
        byte[] rest;
        try {
            rest = RawHttp.readAll(in);
        } catch (SocketException reset) {
            return "closed";
        }
        return rest.length == 0 ? "closed" : "closed after extra bytes: " + new String(rest, StandardCharsets.ISO_8859_1);
    }

    /** Writes the probe; kept open if it is answered, closed if the connection ends instead. */
    private static String probe(OutputStream out, InputStream in) throws IOException {
        try {
            out.write(PROBE.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (RawHttp.readLine(in) == null) {
                return "closed";
            }
        } catch (SocketException reset) {
            return "closed";
        }
        try {
            RawHttp.readAll(in);
        } catch (SocketException ignored) {
            // the probe was answered: the connection had been kept open
        }
        return "kept open";
    }

    private static void awaitFirstByte(Socket s, OutputStream out, InputStream in) throws IOException {
        s.setSoTimeout(200);
        try {
            for (int i = 0; i < TIMEOUT_MS / 200; i++) {
                in.mark(1);
                try {
                    if (in.read() >= 0) {
                        in.reset();
                    }
                    return;
                } catch (java.net.SocketTimeoutException nothingYet) {
                    out.write(new byte[] {'\r', '\n'});
                    out.flush();
                }
            }
            throw new AssertionError("no answer, no close and no reset within " + TIMEOUT_MS + " ms");
        } finally {
            s.setSoTimeout(TIMEOUT_MS);
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}

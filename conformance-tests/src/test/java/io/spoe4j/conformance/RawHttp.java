package io.spoe4j.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An HTTP/1.1 client on a raw socket, so header case, order and repetition are exactly as written. */
final class RawHttp {
    private static final int TIMEOUT_MS = 30_000;

    private RawHttp() {
    }

    /** One parsed answer: status, headers in order (names as sent) and body. */
    record Answer(int status, List<String[]> headers, String body) {
        List<String> headers(String prefix) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    out.add(h[0].toLowerCase(Locale.ROOT) + ": " + h[1]);
                }
            }
            out.sort(null);
            return out;
        }

        List<String> bodyLines(String prefix) {
            return body.lines().filter(l -> l.startsWith(prefix)).sorted().toList();
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("status " + status);
            headers.forEach(h -> b.append("\n").append(h[0]).append(": ").append(h[1]));
            return b.append("\n\n").append(body).toString();
        }
    }

    /** Sends {@code request} (CRLF line ends added) on a new connection to {@code port}, reads until close. */
    static Answer exchange(int port, String request) {
        byte[] wire = request.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write(wire);
            s.getOutputStream().flush();
            return parse(readAll(s.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("HTTP exchange with 127.0.0.1:" + port + " failed: " + e, e);
        }
    }

    /**
     * Sends {@code requests} on one connection to {@code port} and reads one answer per request,
     * framed by Content-Length or chunked encoding; the last request is expected to carry
     * {@code Connection: close}, so the connection must then end with no byte left over.
     * Sequentially, each request is written once the previous answer is read; {@code pipelined},
     * all requests go out in one write before any answer is read.
     */
    static List<Answer> exchangeAll(int port, List<String> requests, boolean pipelined) {
        List<byte[]> wires = requests.stream()
                .map(r -> r.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)).toList();
        List<Answer> answers = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            if (pipelined) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                wires.forEach(all::writeBytes);
                s.getOutputStream().write(all.toByteArray());
                s.getOutputStream().flush();
            }
            for (int i = 0; i < wires.size(); i++) {
                if (!pipelined) {
                    s.getOutputStream().write(wires.get(i));
                    s.getOutputStream().flush();
                }
                Answer a = readAnswer(in);
                if (a == null) {
                    throw new AssertionError("127.0.0.1:" + port + " closed the keep-alive connection after " + i + " of "
                            + wires.size() + " answers: " + answers);
                }
                answers.add(a);
            }
            byte[] rest = readAll(in);
            if (rest.length > 0) {
                throw new AssertionError("127.0.0.1:" + port + " sent bytes after the last answer: "
                        + new String(rest, StandardCharsets.ISO_8859_1));
            }
            return answers;
        } catch (IOException e) {
            throw new AssertionError("keep-alive exchange with 127.0.0.1:" + port + " failed after " + answers.size()
                    + " answers: " + e, e);
        }
    }

    /** One answer framed by its headers, or {@code null} if the connection ended before any byte of it. */
    private static Answer readAnswer(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            return null;
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        boolean chunked = false;
        long length = -1;
        for (String l; !(l = requireLine(in)).isEmpty(); ) {
            int c = l.indexOf(':');
            String name = l.substring(0, c).trim();
            String value = l.substring(c + 1).trim();
            headers.add(new String[] {name, value});
            chunked |= name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked");
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(requireLine(in).split(";")[0].trim(), 16)) > 0; ) {
                body.writeBytes(readExactly(in, size));
                requireLine(in);
            }
            while (!requireLine(in).isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            body.writeBytes(readExactly(in, (int) length));
        } else if (status != 204 && status != 304) {
            throw new AssertionError("answer " + statusLine + " has neither Content-Length nor chunked framing: "
                    + "it cannot be followed by another on the same connection");
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new AssertionError("connection ended inside a body: " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    static String requireLine(InputStream in) throws IOException {
        String l = readLine(in);
        if (l == null) {
            throw new AssertionError("connection ended inside an answer's head or chunk framing");
        }
        return l;
    }

    /** A CRLF- (or LF-) terminated line without its end, or {@code null} at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new AssertionError("connection ended inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static Answer parse(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("incomplete HTTP answer: " + all);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            String name = lines[i].substring(0, c).trim();
            String value = lines[i].substring(c + 1).trim();
            headers.add(new String[] {name, value});
            chunked |= name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked");
        }
        String body = all.substring(end + 4);
        if (chunked) {
            StringBuilder sb = new StringBuilder();
            int p = 0;
            while (true) {
                int le = body.indexOf("\r\n", p);
                int size = Integer.parseInt(body.substring(p, le).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                sb.append(body, le + 2, le + 2 + size);
                p = le + 2 + size + 2;
            }
            body = sb.toString();
        }
        return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
}

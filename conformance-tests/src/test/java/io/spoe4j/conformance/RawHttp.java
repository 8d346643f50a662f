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

    private static byte[] readAll(InputStream in) throws IOException {
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

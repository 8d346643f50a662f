package io.spoe4j.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The small upstream both HAProxy and the spoe4j gateway forward to, on raw sockets so that every
 * byte of its answer is fixed (no Date header: the agents compare res.hdrs). It records the request
 * headers named {@code x-v-*} (the variables each proxy exposes) for {@link #takeSeen}; two
 * {@code X-Up} headers serve the response-side fetches. A path {@code /status/NNN...} answers
 * status NNN, a path {@code /chunked...} a chunked body. Keep-alive supported.
 */
final class UpstreamServer implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "conformance-upstream");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.BlockingQueue<List<String>> seen = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.BlockingQueue<Received> received = new java.util.concurrent.LinkedBlockingQueue<>();

    /** One request as it arrived: the request line, the header lines as written (in order), the body bytes. */
    record Received(String requestLine, List<String> headers, byte[] body) {
    }

    UpstreamServer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        pool.execute(this::accept);
    }

    /** The sorted {@code x-v-*} headers of the next request received, or {@code null} if none within {@code timeout}. */
    List<String> takeSeen(java.time.Duration timeout) {
        try {
            return seen.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void clearSeen() {
        seen.clear();
        received.clear();
    }

    /** The next request received as it arrived (request line, headers, body), or {@code null} if none within {@code timeout}. */
    Received takeReceived(java.time.Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head == null) {
                    return;
                }
                String path = head.get(0).split(" ")[1];
                List<String> lines = new ArrayList<>();
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                for (String h : head.subList(1, head.size())) {
                    int c = h.indexOf(':');
                    String name = h.substring(0, c).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(c + 1).trim();
                    if (name.startsWith("x-v-")) {
                        lines.add(name + ": " + value);
                    } else if (name.equals("content-length")) {
                        length = Long.parseLong(value);
                    } else if (name.equals("transfer-encoding")) {
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    } else if (name.equals("connection")) {
                        close = value.toLowerCase(Locale.ROOT).contains("close");
                    }
                }
                byte[] body = readBody(in, length, chunked);
                lines.sort(null);
                seen.add(List.copyOf(lines));
                received.add(new Received(head.get(0), List.copyOf(head.subList(1, head.size())), body));
                int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8, 11)) : 200;
                String response = "HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nX-Up: one\r\nX-Up: two\r\n"
                        + (path.startsWith("/chunked") ? "Transfer-Encoding: chunked\r\n\r\n9\r\nupstream\n\r\n0\r\n\r\n"
                                : "Content-Length: 9\r\n\r\nupstream\n");
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection closed by the proxy
        } finally {
            open.remove(s);
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
                line.reset();
                if (l.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    return lines;
                }
                lines.add(l);
            } else {
                line.write(b);
            }
        }
    }

    /** The body (de-chunked); trailers are skipped. */
    private static byte[] readBody(InputStream in, long length, boolean chunked) throws IOException {
        if (!chunked) {
            return in.readNBytes((int) length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                return body.toByteArray();
            }
            int n = Integer.parseInt(size.trim().split(";")[0], 16);
            if (n == 0) {
                for (String t; (t = line(in)) != null && !t.isEmpty(); ) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

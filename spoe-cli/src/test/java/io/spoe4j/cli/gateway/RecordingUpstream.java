package io.spoe4j.cli.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream for gateway tests on a blocking socket, one thread per connection: reads each
 * request (Content-Length or chunked body), records its raw bytes, and answers {@code 200} with
 * {@code seen N} (N the body bytes), unless {@link #silent} (never answers). Port 0; loopback only.
 */
final class RecordingUpstream implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    volatile boolean silent;
    /** Counted down when the first bytes of a request body arrive. */
    final java.util.concurrent.CountDownLatch bodyStarted = new java.util.concurrent.CountDownLatch(1);
    /** While set, a request's body is not read (the upload stalls in the socket buffers). */
    volatile java.util.concurrent.CountDownLatch readBody;

    RecordingUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-upstream");
        t.setDaemon(true);
        t.start();
    }

    Upstream upstream() {
        return new Upstream("127.0.0.1", server.getLocalPort(), "");
    }

    /** The next request received (head and body, raw), or null after {@code wait}. */
    String take(Duration wait) throws InterruptedException {
        return requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "test-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout((int) WAIT.toMillis());
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                String head = readHead(in, raw);
                if (head == null) {
                    return;
                }
                long body = 0;
                String lower = head.toLowerCase(Locale.ROOT);
                if (lower.contains("\r\ntransfer-encoding: chunked")) {
                    while (true) {
                        String line = readLine(in, raw);
                        int size = Integer.parseInt(line.split(";")[0].trim(), 16);
                        if (size == 0) {
                            while (!readLine(in, raw).isEmpty()) {
                                // trailers
                            }
                            break;
                        }
                        body += copy(in, raw, size, true);
                        readLine(in, raw);
                    }
                } else {
                    int at = lower.indexOf("\r\ncontent-length:");
                    if (at >= 0) {
                        long n = Long.parseLong(lower.substring(at + 17, lower.indexOf("\r\n", at + 2)).trim());
                        body = copy(in, raw, n, n < 4096);
                    }
                }
                requests.add(raw.toString(StandardCharsets.ISO_8859_1));
                if (silent) {
                    continue;
                }
                byte[] answer = ("seen " + body).getBytes(StandardCharsets.ISO_8859_1);
                out.write(("HTTP/1.1 200 OK\r\ncontent-length: " + answer.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(answer);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // connection closed
        }
    }

    private long copy(InputStream in, ByteArrayOutputStream raw, long n, boolean keep) throws IOException {
        java.util.concurrent.CountDownLatch gate = readBody;
        if (gate != null) {
            try {
                gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] buf = new byte[65536];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("body cut short");
            }
            if (keep) {
                raw.write(buf, 0, r);
            }
            bodyStarted.countDown();
            left -= r;
        }
        return n;
    }

    private static String readHead(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            raw.write(c);
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                return sb.toString();
            }
        }
        return null;
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed in a line");
            }
            raw.write(c);
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        raw.write('\n');
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

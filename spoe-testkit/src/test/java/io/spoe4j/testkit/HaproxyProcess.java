package io.spoe4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/** Runs a real HAProxy in the foreground ({@code -db}) on loopback for interop tests. */
final class HaproxyProcess implements AutoCloseable {
    static final String SKIP_ENV = "SPOE4J_SKIP_HAPROXY";
    private static final Duration READY = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;

    private HaproxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The haproxy binary: {@code $SPOE4J_HAPROXY}, {@code /usr/sbin/haproxy} or the PATH. Fails the test
     * when there is none, unless {@code SPOE4J_SKIP_HAPROXY=1} makes it an explicit skip.
     */
    static Path binary() {
        String configured = System.getenv("SPOE4J_HAPROXY");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        Path sbin = Path.of("/usr/sbin/haproxy");
        if (Files.isExecutable(sbin)) {
            return sbin;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "haproxy"))) {
                return Path.of(dir, "haproxy");
            }
        }
        if ("1".equals(System.getenv(SKIP_ENV))) {
            Assumptions.abort("haproxy not installed and " + SKIP_ENV + "=1: HAProxy interop test skipped");
        }
        return fail("haproxy binary not found (looked at $SPOE4J_HAPROXY, /usr/sbin/haproxy and the PATH). "
                + "Install Debian's haproxy (.ci/run does) or set " + SKIP_ENV + "=1 to skip this interop test.");
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** Writes {@code cfg} to {@code dir}, starts HAProxy on it and waits until {@code frontendPort} accepts connections. */
    static HaproxyProcess start(Path dir, String cfg, int frontendPort) throws IOException {
        Path binary = binary();
        Path cfgFile = dir.resolve("haproxy.cfg");
        Files.writeString(cfgFile, cfg, StandardCharsets.UTF_8);
        Path log = dir.resolve("haproxy.log");
        Process p = new ProcessBuilder(binary.toString(), "-f", cfgFile.toString(), "-db")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HaproxyProcess h = new HaproxyProcess(p, log);
        try {
            h.awaitListening(frontendPort);
        } catch (RuntimeException | Error e) {
            h.close();
            throw e;
        }
        return h;
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (!process.isAlive()) {
                fail("haproxy exited with " + process.exitValue() + " before listening:\n" + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    fail("haproxy not listening on 127.0.0.1:" + port + " after " + READY + ":\n" + output());
                }
                // Retry pause of a bounded poll, not a synchronisation sleep.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /** What HAProxy printed so far, for failure messages. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

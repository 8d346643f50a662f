package io.spoe4j.conformance;

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

/**
 * Debian's HAProxy in the foreground ({@code -db}) on loopback. There is no skip switch: the
 * conformance suite fails with a clear message when HAProxy is missing or does not start.
 */
final class HaproxyProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private HaproxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code $SPOE4J_HAPROXY}, else {@code /usr/sbin/haproxy}, else {@code haproxy} on the PATH. */
    static Path binary() {
        String configured = System.getenv("SPOE4J_HAPROXY");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        if (Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            return Path.of("/usr/sbin/haproxy");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "haproxy"))) {
                return Path.of(dir, "haproxy");
            }
        }
        throw new AssertionError("The conformance suite needs HAProxy: no haproxy binary at $SPOE4J_HAPROXY,"
                + " /usr/sbin/haproxy or on the PATH. Install Debian's haproxy (apt-get install -y haproxy; .ci/run"
                + " does) - the suite never skips.");
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("cannot find a free loopback port", e);
        }
    }

    /** Writes {@code cfg}, starts HAProxy and waits (bounded connect retries) until {@code port} accepts. */
    static HaproxyProcess start(Path dir, String cfg, int port) throws IOException {
        Path cfgFile = dir.resolve("haproxy.cfg");
        Files.writeString(cfgFile, cfg, StandardCharsets.UTF_8);
        Path log = dir.resolve("haproxy.log");
        Process p;
        try {
            p = new ProcessBuilder(binary().toString(), "-f", cfgFile.toString(), "-db")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start HAProxy: " + e, e);
        }
        HaproxyProcess h = new HaproxyProcess(p, log);
        try {
            h.awaitListening(port, cfg);
        } catch (RuntimeException | Error e) {
            h.close();
            throw e;
        }
        return h;
    }

    private void awaitListening(int port, String cfg) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("HAProxy exited with " + process.exitValue() + " before listening:\n"
                        + output() + "\nconfiguration:\n" + cfg);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("HAProxy not listening on 127.0.0.1:" + port + " after " + READY + ":\n"
                            + output());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // pause of a bounded poll
            }
        }
    }

    /** SIGUSR1 (soft stop: HAProxy finishes its streams and closes its SPOE applets), then waits for the exit. */
    void softStop() {
        try {
            Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -USR1 " + process.pid() + " failed");
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("HAProxy did not exit within 30s of SIGUSR1:\n" + output());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kill: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** SIGTERM (HAProxy's hard stop: it closes its agent connections), then SIGKILL if needed. */
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

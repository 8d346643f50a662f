package io.spoe4j.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real HAProxy (Debian's package, or {@code $SPOE4J_HAPROXY}) run in the foreground
 * ({@code -db}) on loopback, for interoperability tests against the testkit agent: writes the
 * configuration, waits with bounded connect retries until the frontend listens, and stops the
 * process on {@link #close()}. Failures are {@link TestkitException}s that carry HAProxy's output.
 */
public final class HaproxyProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private HaproxyProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code $SPOE4J_HAPROXY}, else {@code /usr/sbin/haproxy}, else {@code haproxy} on the PATH. */
    public static Optional<Path> findBinary() {
        String configured = System.getenv("SPOE4J_HAPROXY");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        if (Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            return Optional.of(Path.of("/usr/sbin/haproxy"));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "haproxy"))) {
                return Optional.of(Path.of(dir, "haproxy"));
            }
        }
        return Optional.empty();
    }

    private static Path binary() {
        return findBinary().orElseThrow(() -> new TestkitException("no haproxy binary at $SPOE4J_HAPROXY,"
                + " /usr/sbin/haproxy or on the PATH: install HAProxy (Debian: apt-get install -y haproxy;"
                + " spoe4j's scripts/test.sh does)"));
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new TestkitException("cannot find a free loopback port", e);
        }
    }

    /** Writes {@code cfg}, starts HAProxy and waits (bounded connect retries) until {@code port} accepts. */
    public static HaproxyProcess start(Path dir, String cfg, int port) throws IOException {
        Path cfgFile = dir.resolve("haproxy.cfg");
        Files.writeString(cfgFile, cfg, StandardCharsets.UTF_8);
        Path log = dir.resolve("haproxy.log");
        Process p;
        try {
            p = new ProcessBuilder(binary().toString(), "-f", cfgFile.toString(), "-db")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new TestkitException("cannot start HAProxy: " + e, e);
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
                throw new TestkitException("HAProxy exited with " + process.exitValue() + " before listening:\n"
                        + output() + "\nconfiguration:\n" + cfg);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TestkitException("HAProxy not listening on 127.0.0.1:" + port + " after " + READY + ":\n"
                            + output());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // pause of a bounded poll
            }
        }
    }

    /** SIGUSR1 (soft stop: HAProxy finishes its streams and closes its SPOE applets), then waits for the exit. */
    public void softStop() {
        try {
            Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new TestkitException("kill -USR1 " + process.pid() + " failed");
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new TestkitException("HAProxy did not exit within 30s of SIGUSR1:\n" + output());
            }
        } catch (IOException e) {
            throw new TestkitException("cannot run kill: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestkitException("interrupted", e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What HAProxy printed so far. */
    public String output() {
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

package io.spoe4j.cli.gateway;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The gateway's access log: event loops hand each line to a bounded queue and go on; one thread
 * writes the lines to the output in batches, one write and one flush per batch. A loop never
 * waits for the output (a slow terminal or pipe), and a burst costs one write syscall per batch
 * rather than one per line. When the queue is full the line is dropped and counted, as HAProxy
 * drops log lines its buffers cannot take. Thread-safe; {@link #accept} never blocks.
 */
public final class AccessLogWriter implements Consumer<String>, AutoCloseable {
    /** Lines waiting to be written above which new ones are dropped. */
    public static final int DEFAULT_CAPACITY = 16_384;
    private static final int BATCH = 512;
    private static final String STOP = new String("stop");

    private final ArrayBlockingQueue<String> queue;
    private final PrintStream out;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;

    private AccessLogWriter(PrintStream out, int capacity) {
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::run, "spoe4j-access-log");
        writer.setDaemon(true);
    }

    /** A started writer to {@code out} holding at most {@code capacity} lines. */
    public static AccessLogWriter start(PrintStream out, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        AccessLogWriter w = new AccessLogWriter(out, capacity);
        w.writer.start();
        return w;
    }

    @Override
    public void accept(String line) {
        if (!queue.offer(line)) {
            dropped.increment();
        }
    }

    /** Lines dropped so far because the queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        StringBuilder text = new StringBuilder(BATCH * 160);
        while (true) {
            String first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            boolean stop = false;
            for (String line : batch) {
                if (line == STOP) {
                    stop = true;
                    break;
                }
                text.append(line).append('\n');
            }
            out.print(text);
            out.flush();
            text.setLength(0);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Writes what was queued before this call, then stops the thread (waits at most 5 s). */
    @Override
    public void close() {
        try {
            // the writer keeps draining, so room for STOP comes unless the output is stuck
            if (queue.offer(STOP, 5, TimeUnit.SECONDS)) {
                writer.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long n = dropped();
        if (n > 0) {
            out.println("spoe4j gateway: " + n + " access-log line(s) dropped (the output did not keep up)");
            out.flush();
        }
    }
}

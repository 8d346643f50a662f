package io.spoe4j.cli.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {

    @Test
    void writesEveryLineInOrderAndCloseWaitsForThem() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        try (AccessLogWriter w = AccessLogWriter.start(out, 10_000)) {
            for (int i = 0; i < 5_000; i++) {
                String line = "line " + i;
                expected.add(line);
                w.accept(line);
            }
        }
        List<String> written = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(expected, written);
    }

    /** The output is stuck, so the queue fills: further lines are dropped and counted, never waited for. */
    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS), "test did not release the output");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                bytes.write(b, off, len);
            }
        };
        PrintStream out = new PrintStream(stuck, false, StandardCharsets.UTF_8);
        AccessLogWriter w = AccessLogWriter.start(out, 4);
        w.accept("first");
        assertTrue(writing.await(30, TimeUnit.SECONDS), "the writer thread never wrote the first line");
        // the writer holds "first" and waits on the output; 4 more fill the queue, 3 are dropped
        for (int i = 1; i <= 7; i++) {
            w.accept("line " + i);
        }
        assertEquals(3, w.dropped());
        release.countDown();
        w.close();
        List<String> written = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("first", "line 1", "line 2", "line 3", "line 4",
                "spoe4j gateway: 3 access-log line(s) dropped (the output did not keep up)"), written);
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> AccessLogWriter.start(System.out, 0));
    }
}

package io.spoe4j.cli.gateway;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload memory check (README, "Streaming bodies"): {@code sink} runs an upstream that reads
 * every body and answers {@code seen N}; {@code upload PORT CLIENTS MB} sends CLIENTS concurrent
 * uploads of MB mebibytes each (Content-Length) through the gateway on 127.0.0.1:PORT and checks each
 * answer. Loopback only; bounded by the counts given. {@code bench/upload-memory.sh} runs it.
 */
public final class UploadLoad {
    private UploadLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("sink")) {
            RecordingUpstream up = new RecordingUpstream();
            System.out.println("sink " + up.upstream().port());
            System.out.flush();
            Thread.currentThread().join();
            return;
        }
        int port = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        long bytes = Long.parseLong(args[3]) << 20;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong maxMillis = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                long start = System.nanoTime();
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(120_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /upload/" + id + " HTTP/1.1\r\nHost: load\r\nContent-Length: " + bytes
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    byte[] chunk = new byte[64 * 1024];
                    for (long left = bytes; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                    out.flush();
                    InputStream in = s.getInputStream();
                    String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("seen " + bytes)) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        System.out.println("upload " + id + ": " + answer);
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    System.out.println("upload " + id + ": " + e);
                } finally {
                    maxMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%d uploads of %d MiB: %d ok, %d failed in %d ms (slowest %d ms, %.0f MiB/s)%n", clients,
                bytes >> 20, ok.get(), failed.get(), ms, maxMillis.get(), (clients * (double) bytes / (1 << 20)) / (ms / 1000.0));
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}

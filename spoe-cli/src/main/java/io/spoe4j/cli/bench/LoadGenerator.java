package io.spoe4j.cli.bench;

import io.spoe4j.client.AgentHandshake;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.SpopStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Plays HAProxy against one agent: sends the same NOTIFY over a {@link SpoeClient} with a bounded
 * number of requests in flight, until a request count or a duration is reached, and records
 * latencies in HdrHistograms. Without a rate it runs closed-loop (each of {@code concurrency}
 * workers sends its next request from the previous one's completion); with a rate it runs
 * open-loop from a driver thread and measures latency from each request's intended send time, so
 * queueing behind a slow agent is counted (coordinated-omission correction). Not thread-safe: one
 * {@link #run} at a time.
 */
public final class LoadGenerator {
    /** Highest latency tracked exactly; longer ones are clamped (they are timeouts anyway). */
    private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(5);

    /**
     * What to run. {@code requests} 0 means no count bound, {@code duration} null no time bound
     * (at least one is required); {@code rate} 0 means closed-loop; {@code warmup} null or zero
     * means none.
     */
    public record Settings(AgentServer server, List<Message> messages, int connections, int concurrency,
            Duration duration, long requests, double rate, boolean pipelining, Duration timeout, Duration warmup,
            int threads) {
        public Settings {
            Objects.requireNonNull(server, "server");
            messages = List.copyOf(messages);
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("at least one message is required");
            }
            if (connections < 1 || concurrency < 1) {
                throw new IllegalArgumentException("connections and concurrency must be at least 1");
            }
            if (duration == null && requests <= 0) {
                throw new IllegalArgumentException("give a duration or a request count");
            }
            if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be a positive number");
            }
            Objects.requireNonNull(timeout, "timeout");
        }

        /** In-flight frames each connection may carry: the concurrency spread over the connections. */
        int framesPerConnection() {
            return pipelining ? Math.max(1, (concurrency + connections - 1) / connections) : 1;
        }
    }

    private final Settings settings;
    private final LongAdder connected = new LongAdder();
    private final LongAdder connectFailed = new LongAdder();
    private final LongAdder handshakes = new LongAdder();

    private LoadGenerator(Settings settings) {
        this.settings = settings;
    }

    /** Runs the warm-up (if any) then the measured phase; returns the measured phase's result. */
    public static BenchResult run(Settings settings) {
        return new LoadGenerator(settings).run();
    }

    private BenchResult run() {
        Settings s = settings;
        AgentOptions agent = AgentOptions.builder().pipelining(s.pipelining()).async(false)
                .maxWaitingFrames(s.framesPerConnection()).helloTimeout(s.timeout()).connectTimeout(s.timeout())
                .processingTimeout(s.timeout()).build();
        PoolOptions pool = PoolOptions.builder().maxConnectionsPerServer(s.connections())
                .queueCapacity(Math.max(PoolOptions.DEFAULT_QUEUE_CAPACITY, 2 * s.concurrency())).build();
        int threads = s.threads() > 0 ? s.threads()
                : Math.min(s.connections(), Runtime.getRuntime().availableProcessors());
        SpoeClientListener listener = new SpoeClientListener() {
            @Override
            public void connected(String server) {
                connected.increment();
            }

            @Override
            public void connectFailed(String server, Throwable cause) {
                connectFailed.increment();
            }

            @Override
            public void handshake(String server, AgentHandshake handshake) {
                handshakes.increment();
            }
        };
        try (SpoeClient client = SpoeClient.builder().server(s.server()).agentOptions(agent).poolOptions(pool)
                .threads(threads).listener(listener).build()) {
            if (s.warmup() != null && !s.warmup().isZero()) {
                new Phase(client, s.warmup().toNanos(), 0).run();
            }
            Phase measured = new Phase(client, s.duration() == null ? 0 : s.duration().toNanos(), s.requests());
            measured.run();
            return measured.result();
        }
    }

    /** One bounded run: its own counters and histograms. */
    private final class Phase {
        private final SpoeClient client;
        private final List<Message> messages = settings.messages();
        private final Duration timeout = settings.timeout();
        private final long durationNanos;
        private final long maxRequests;
        private final AtomicLong issued = new AtomicLong();
        private final LongAdder ok = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final Histogram latency = histogram();
        private final Histogram service = histogram();
        private final AtomicLong lastCompletion = new AtomicLong();
        private final LongAdder completions = new LongAdder();
        private long start;
        private long deadline;
        private boolean timed;

        Phase(SpoeClient client, long durationNanos, long maxRequests) {
            this.client = client;
            this.durationNanos = durationNanos;
            this.maxRequests = maxRequests;
        }

        private static Histogram histogram() {
            return new ConcurrentHistogram(1, MAX_TRACKED_NANOS, 3);
        }

        void run() {
            start = System.nanoTime();
            lastCompletion.set(start);
            timed = durationNanos > 0;
            deadline = start + durationNanos;
            if (settings.rate() > 0) {
                openLoop();
            } else {
                closedLoop();
            }
        }

        /** Whether one more request may start now; counts it when it may. */
        private boolean ticket() {
            if (pastDeadline(System.nanoTime())) {
                return false;
            }
            return maxRequests <= 0 || issued.incrementAndGet() <= maxRequests;
        }

        private boolean pastDeadline(long now) {
            return timed && now - deadline >= 0;
        }

        /** Longest the whole phase may take once issuing stops: every in-flight request times out by then. */
        private long drainNanos() {
            return timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        }

        private void closedLoop() {
            CountDownLatch workers = new CountDownLatch(settings.concurrency());
            for (int i = 0; i < settings.concurrency(); i++) {
                new Worker(workers).issue();
            }
            awaitBounded(workers);
        }

        private void awaitBounded(CountDownLatch workers) {
            try {
                if (timed) {
                    long left = deadline - System.nanoTime() + drainNanos();
                    workers.await(Math.max(0, left), TimeUnit.NANOSECONDS);
                    return;
                }
                // Count-bound: every request ends by its timeout, so stop waiting only when a whole
                // timeout (plus slack) passes without a single completion.
                long before = -1;
                while (!workers.await(drainNanos(), TimeUnit.NANOSECONDS)) {
                    long now = completions.sum();
                    if (now == before) {
                        return;
                    }
                    before = now;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** A closed-loop worker: one request at a time, the next one sent from the previous one's completion. */
        private final class Worker {
            private final CountDownLatch done;

            Worker(CountDownLatch done) {
                this.done = done;
            }

            void issue() {
                for (;;) {
                    if (!ticket()) {
                        done.countDown();
                        return;
                    }
                    long sent = System.nanoTime();
                    CompletableFuture<AgentReply> f = client.send(messages, timeout).toCompletableFuture();
                    if (f.isDone()) {
                        // Refused at once: handle here rather than recurse through the callback.
                        complete(f, sent, sent);
                        continue;
                    }
                    f.whenComplete((r, e) -> {
                        record(e, sent, sent);
                        issue();
                    });
                    return;
                }
            }
        }

        private void complete(CompletableFuture<AgentReply> f, long intended, long sent) {
            Throwable error = null;
            try {
                f.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                error = e;
            }
            record(error, intended, sent);
        }

        private void openLoop() {
            int permits = settings.concurrency();
            Semaphore inFlight = new Semaphore(permits);
            double intervalNanos = 1e9 / settings.rate();
            for (long i = 0;; i++) {
                long intended = start + (long) (i * intervalNanos);
                if (pastDeadline(intended) || (maxRequests > 0 && i >= maxRequests)) {
                    break;
                }
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!acquire(inFlight)) {
                    break;
                }
                issued.incrementAndGet();
                long sent = System.nanoTime();
                client.send(messages, timeout).whenComplete((r, e) -> {
                    record(e, intended, sent);
                    inFlight.release();
                });
            }
            try {
                inFlight.tryAcquire(permits, drainNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Whether nothing completed for a whole timeout plus slack: the agent and the client are stuck. */
        private boolean inFlightStalled() {
            return System.nanoTime() - lastCompletion.get() > drainNanos();
        }

        /** Waits for an in-flight slot, giving up at the deadline or when nothing completes any more. */
        private boolean acquire(Semaphore inFlight) {
            try {
                while (!inFlight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    if (pastDeadline(System.nanoTime())) {
                        return false;
                    }
                    if (!timed && inFlightStalled()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void record(Throwable error, long intended, long sent) {
            long now = System.nanoTime();
            latency.recordValue(Math.min(MAX_TRACKED_NANOS, Math.max(1, now - intended)));
            service.recordValue(Math.min(MAX_TRACKED_NANOS, Math.max(1, now - sent)));
            if (error == null) {
                ok.increment();
            } else {
                errors.computeIfAbsent(errorKey(error), k -> new LongAdder()).increment();
            }
            lastCompletion.accumulateAndGet(now, Math::max);
            completions.increment();
        }

        BenchResult result() {
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
            long elapsed = Math.max(1, lastCompletion.get() - start);
            long incomplete = Math.max(0, (maxRequests > 0 ? Math.min(issued.get(), maxRequests) : issued.get())
                    - ok.sum() - errorCounts.values().stream().mapToLong(Long::longValue).sum());
            return new BenchResult(settings, ok.sum(), errorCounts, incomplete, elapsed, latency.copy(),
                    settings.rate() > 0 ? service.copy() : null, connected.sum(), connectFailed.sum(),
                    handshakes.sum());
        }
    }

    /** The label errors are counted under: the SPOP status for connection errors, else HAProxy's error code. */
    static String errorKey(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof SpoeConnectionException s) {
            return "status " + s.status() + " (" + SpopStatus.reason(s.status()) + ")";
        }
        if (c instanceof SpoeClientException s) {
            String kind = s.getClass().getSimpleName().replace("Spoe", "").replace("Exception", "").toLowerCase();
            return "error " + s.errorCode() + " (" + kind + ")";
        }
        return c.getClass().getSimpleName();
    }
}

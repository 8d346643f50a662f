package io.spoe4j.jmh;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Bytes allocated per operation, split by thread group: {@code -prof io.spoe4j.jmh.ThreadAllocProfiler}.
 * JMH's {@code -prof gc} adds up every thread of the JVM; when a benchmark runs the testkit agent in
 * the same JVM, this tells the engine's threads (the JMH worker, {@code spoe-client} event loops)
 * from the agent's ({@code spoa-agent}). A group is the thread name without trailing digits and
 * dashes; JMH worker threads are {@code jmh-worker}. Threads that ended during an iteration are not
 * counted.
 */
public final class ThreadAllocProfiler implements InternalProfiler {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "allocated bytes per operation, by thread group (engine vs in-JVM agent)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = snapshot();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0) {
            return List.of();
        }
        Map<String, Long> byGroup = new TreeMap<>();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        String[] names = names(ids);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] < 0 || names[i] == null) {
                continue;
            }
            long delta = bytes[i] - before.getOrDefault(ids[i], 0L);
            byGroup.merge(group(names[i]), delta, Long::sum);
        }
        List<Result> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : byGroup.entrySet()) {
            double perOp = (double) e.getValue() / ops;
            if (perOp >= 1) {
                out.add(new ScalarResult("alloc.norm." + e.getKey(), perOp, "B/op", AggregationPolicy.AVG));
            }
        }
        return out;
    }

    private Map<Long, Long> snapshot() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], Math.max(0, bytes[i]));
        }
        return m;
    }

    private String[] names(long[] ids) {
        java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
        String[] names = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            names[i] = infos[i] == null ? null : infos[i].getThreadName();
        }
        return names;
    }

    static String group(String name) {
        if (name.contains("jmh-worker")) {
            return "jmh-worker";
        }
        int end = name.length();
        while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '-')) {
            end--;
        }
        return end == 0 ? name : name.substring(0, end);
    }
}

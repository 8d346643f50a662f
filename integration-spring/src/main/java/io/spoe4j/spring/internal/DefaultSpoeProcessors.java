package io.spoe4j.spring.internal;

import io.netty.channel.EventLoopGroup;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.spring.SpoeProcessor;
import io.spoe4j.spring.SpoeProcessors;
import io.spoe4j.spring.SpoeProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The processors of the {@code spoe4j.engines} properties, built at once (a bad property fails the
 * start-up). As a {@link SmartLifecycle} of phase {@link #PHASE} it connects the engines when the
 * context starts and closes them (HAPROXY-DISCONNECT to the agents) when it stops: after the web
 * server has stopped taking requests and before Reactor Netty's loops, which the engines run on,
 * are disposed (phase 0).
 */
public final class DefaultSpoeProcessors implements SpoeProcessors, SmartLifecycle, DisposableBean {
    /** After the web server's stop (DEFAULT_PHASE - 2048), before ReactorResourceFactory's (0). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSpoeProcessors.class);
    private static final long CLOSE_WAIT_MILLIS = 5000;

    private final Map<String, SpoeProcessor> processors;
    private final List<SpoeEngine> engines;
    private volatile boolean running;
    private volatile boolean closed;

    public DefaultSpoeProcessors(SpoeProperties properties, EventLoopGroup group) {
        Map<String, SpoeProcessor> map = new LinkedHashMap<>();
        List<SpoeEngine> all = new ArrayList<>();
        try {
            properties.getEngines().forEach((name, p) -> {
                ExchangeProcessor processor = ProcessorFactory.build(name, p, group);
                map.put(name, processor);
                all.addAll(processor.engines());
            });
        } catch (RuntimeException e) {
            all.forEach(SpoeEngine::close);
            throw e;
        }
        this.processors = java.util.Collections.unmodifiableMap(map);
        this.engines = List.copyOf(all);
    }

    @Override
    public SpoeProcessor get(String name) {
        SpoeProcessor p = processors.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no SPOE engine '" + name + "': spoe4j.engines has " + processors.keySet());
        }
        return p;
    }

    @Override
    public Map<String, SpoeProcessor> all() {
        return processors;
    }

    @Override
    public List<SpoeEngine> engines() {
        return engines;
    }

    @Override
    public void start() {
        running = true;
        for (SpoeEngine e : engines) {
            // connect ahead of the first request; a failure is only reported, requests retry
            e.connect().whenComplete((v, error) -> {
                if (error != null) {
                    LOG.warn("SPOE engine {}: agents not connected yet ({}); requests will retry", e.name(),
                            error.getMessage());
                }
            });
        }
    }

    @Override
    public void stop() {
        running = false;
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void destroy() {
        close();
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> closing = engines.stream().map(e -> e.closeAsync().toCompletableFuture()).toList();
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("SPOE engines did not close cleanly within {} ms: {}", CLOSE_WAIT_MILLIS, e.toString());
        }
    }
}

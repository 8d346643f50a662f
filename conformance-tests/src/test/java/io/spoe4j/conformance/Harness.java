package io.spoe4j.conformance;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.spoe4j.cli.gateway.Gateway;
import io.spoe4j.cli.gateway.Upstream;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.SpoeHttpOptions;
import io.spoe4j.testkit.HaproxyProcess;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Setup} running twice: HAProxy (a child process) and the spoe4j gateway (in this JVM),
 * each with its own recording agent answering alike, both forwarding to one {@link UpstreamServer}.
 * {@link #exchange} sends the same request through both and returns what each agent received.
 */
final class Harness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    /** What one side produced for one request: the NOTIFYs its agent received and the HTTP answer. */
    record Outcome(String side, List<RecordedNotify> notifies, RawHttp.Answer answer, List<String> upstreamSaw) {
    }

    record Pair(Outcome haproxy, Outcome spoe4j) {
    }

    /** What one side produced for requests sent on one connection: all its NOTIFYs in order, and per request the answer and what the upstream saw. */
    record ConnectionOutcome(String side, List<RecordedNotify> notifies, List<RawHttp.Answer> answers,
            List<List<String>> upstreamSaw) {
    }

    record ConnectionPair(ConnectionOutcome haproxy, ConnectionOutcome spoe4j) {
    }

    final Setup setup;
    final Path dir;
    final UpstreamServer upstream;
    final SpoaAgent haproxyAgent;
    final SpoaAgent spoe4jAgent;
    final HaproxyProcess haproxy;
    final int haproxyPort;
    final EventLoopGroup group;
    final List<SpoeEngine> engines = new ArrayList<>();
    final Gateway gateway;

    private Harness(Setup setup, Path dir, UpstreamServer upstream, SpoaAgent ha, SpoaAgent sa,
            HaproxyProcess haproxy, int haproxyPort, EventLoopGroup group, Gateway gateway) {
        this.setup = setup;
        this.dir = dir;
        this.upstream = upstream;
        this.haproxyAgent = ha;
        this.spoe4jAgent = sa;
        this.haproxy = haproxy;
        this.haproxyPort = haproxyPort;
        this.group = group;
        this.gateway = gateway;
    }

    static SpoaAgent agent(Setup setup) {
        SpoaAgent a = SpoaAgent.builder().threads(1).build();
        a.dispatcher(n -> {
            Response r = Response.actions(setup.actionsFor(n.messages()));
            boolean delayed = setup.delayedMessage != null
                    && n.messages().stream().anyMatch(m -> m.name().equals(setup.delayedMessage));
            return delayed ? r.delay(setup.answerDelay) : r;
        });
        return a.start();
    }

    static Harness start(Setup setup) {
        List<AutoCloseable> opened = new ArrayList<>();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("spoe4j-conformance-" + setup.name);
            Files.writeString(dir.resolve("spoe.conf"), setup.spoeConf, StandardCharsets.UTF_8);
            UpstreamServer upstream = new UpstreamServer();
            opened.add(upstream);
            SpoaAgent ha = agent(setup);
            opened.add(ha);
            SpoaAgent sa = agent(setup);
            opened.add(sa);
            int port = HaproxyProcess.freePort();
            HaproxyProcess haproxy = HaproxyProcess.start(dir,
                    setup.haproxyCfg(port, ha.endpoint(), upstream.port(), dir.resolve("spoe.conf").toString()), port);
            opened.add(haproxy);

            Path spoe4jCfg = dir.resolve("spoe4j-haproxy.cfg");
            Files.writeString(spoe4jCfg, setup.haproxyCfg(0, sa.endpoint(), upstream.port(),
                    dir.resolve("spoe.conf").toString()), StandardCharsets.UTF_8);
            SpoeSetup spoeSetup = SpoeConfigReader.standard().readHaproxyCfg(spoe4jCfg);
            EventLoopGroup group = new NioEventLoopGroup(2);
            opened.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000));
            List<SpoeEngine> engines = new ArrayList<>();
            HttpRules.Builder rules = HttpRules.builder().setup(spoeSetup, "fe");
            for (SpoeFilter f : spoeSetup.filters()) {
                SpoeEngine e = SpoeEngine.builder().setup(spoeSetup, f.proxy(), f.engineName()).eventLoopGroup(group)
                        .failurePolicy(FailurePolicy.FAIL_OPEN).build();
                engines.add(e);
                opened.add(e); // closed (reverse order) before the event loops
                rules.engine(e);
            }
            SpoeHttpOptions.Builder options = SpoeHttpOptions.builder().requestHeaderPrefix("x-v-")
                    .responseHeaderPrefix("x-r-").accessLog(null).rules(rules.build())
                    .uniqueIdFormat(spoeSetup.uniqueIdFormat("fe").orElse(null))
                    .uniqueIdHeader(spoeSetup.uniqueIdHeader("fe").orElse(null));
            Gateway gateway = Gateway.start(group, new InetSocketAddress("127.0.0.1", 0), options.build(),
                    new Upstream("127.0.0.1", upstream.port(), ""));
            Harness h = new Harness(setup, dir, upstream, ha, sa, haproxy, port, group, gateway);
            h.engines.addAll(engines);
            return h;
        } catch (IOException e) {
            closeAll(opened);
            if (dir != null) {
                deleteTree(dir);
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            if (dir != null) {
                deleteTree(dir);
            }
            throw e;
        }
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // best effort while failing
            }
        }
    }

    int spoe4jPort() {
        return gateway.address().getPort();
    }

    /** Sends {@code request} through HAProxy, then through spoe4j; {@code PORT} in it is replaced by each side's port. */
    Pair exchange(String request) {
        Outcome h = send("haproxy", haproxyPort, haproxyAgent, request);
        Outcome s = send("spoe4j", spoe4jPort(), spoe4jAgent, request);
        return new Pair(h, s);
    }

    private Outcome send(String side, int port, SpoaAgent agent, String request) {
        drain(agent);
        upstream.clearSeen();
        RawHttp.Answer answer = RawHttp.exchange(port, request.replace("PORT", Integer.toString(port)));
        // The agent records a NOTIFY before answering it, and each proxy waits for the answer (or its
        // processing timeout) before sending the response on: every NOTIFY of this request is recorded.
        List<RecordedNotify> notifies = new ArrayList<>();
        for (RecordedNotify n; (n = agent.pollNotify()) != null; ) {
            notifies.add(n);
        }
        List<String> saw = upstream.takeSeen(WAIT);
        return new Outcome(side, notifies, answer, saw == null ? List.of("(the request did not reach the upstream)") : saw);
    }

    /**
     * Sends {@code requests} on one keep-alive connection through HAProxy, then on one through
     * spoe4j ({@code PORT} replaced by each side's port), sequentially or {@code pipelined} in one write.
     */
    ConnectionPair exchange(List<String> requests, boolean pipelined) {
        ConnectionOutcome h = send("haproxy", haproxyPort, haproxyAgent, requests, pipelined);
        ConnectionOutcome s = send("spoe4j", spoe4jPort(), spoe4jAgent, requests, pipelined);
        return new ConnectionPair(h, s);
    }

    private ConnectionOutcome send(String side, int port, SpoaAgent agent, List<String> requests, boolean pipelined) {
        drain(agent);
        upstream.clearSeen();
        String p = Integer.toString(port);
        List<RawHttp.Answer> answers = RawHttp.exchangeAll(port, requests.stream().map(r -> r.replace("PORT", p)).toList(),
                pipelined);
        // As in the one-request exchange: every answer has been read, so every NOTIFY sent for it was
        // acknowledged, hence recorded.
        List<RecordedNotify> notifies = new ArrayList<>();
        for (RecordedNotify n; (n = agent.pollNotify()) != null; ) {
            notifies.add(n);
        }
        List<List<String>> saw = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            List<String> one = upstream.takeSeen(WAIT);
            saw.add(one == null ? List.of("(no further request reached the upstream)") : one);
        }
        return new ConnectionOutcome(side, notifies, answers, saw);
    }

    private static void drain(SpoaAgent agent) {
        while (agent.pollNotify() != null) {
            // left over from an earlier request (none expected)
        }
    }

    String haproxyOutput() {
        return haproxy.output();
    }

    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>();
        order.add(upstream);
        order.add(haproxyAgent);
        order.add(spoe4jAgent);
        order.add(haproxy);
        order.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000));
        order.add(() -> gateway.shutdown(Duration.ofSeconds(2)));
        for (SpoeEngine e : engines) {
            order.add(() -> e.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        closeAll(order);
        deleteTree(dir);
    }

    /** Removes the generated configuration and HAProxy's log (a failure message already carries HAProxy's output). */
    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}

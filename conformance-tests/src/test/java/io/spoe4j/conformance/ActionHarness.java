package io.spoe4j.conformance;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.spoe4j.cli.gateway.Backends;
import io.spoe4j.cli.gateway.Gateway;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.ConfigWarning;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeFilter;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.http.HttpRules;
import io.spoe4j.netty.SpoeHttpOptions;
import io.spoe4j.testkit.HaproxyProcess;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import io.spoe4j.undertow.SpoeHandler;
import io.undertow.Undertow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ActionSetup} running in HAProxy (a child process), in the spoe4j gateway (in this JVM,
 * routing to the backends' {@code server} lines) and, when asked, behind the Undertow handler
 * (whose next handler answers as the upstream does, {@link UpstreamEmulator}). Each side has its own
 * recording agent answering alike; HAProxy and the gateway share the two {@link UpstreamServer}s.
 * {@link #exchange} sends one request through each side in turn and returns what each produced.
 */
final class ActionHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * One request: its parts (written one after the other), whether to wait for a NOTIFY between
     * them, and whether the connection may vanish ({@code silent-drop}: see {@link HttpWire#exchange}).
     */
    record Request(List<String> parts, boolean awaitNotifyBetween, boolean mayVanish) {
        static Request of(String request) {
            return new Request(List.of(request), false, false);
        }

        static Request vanishing(String request) {
            return new Request(List.of(request), false, true);
        }
    }

    /** What one side produced: the client's view, which upstream got what, and the NOTIFYs of the request. */
    record Observed(String side, HttpWire.Result answer, String upstream, UpstreamServer.Received received,
            List<RecordedNotify> notifies, int frontendPort) {
    }

    /** A proxy under test: where it listens and its agent. */
    private record Side(String name, int port, SpoaAgent agent) {
    }

    final ActionSetup setup;
    private final Path dir;
    private final List<AutoCloseable> opened;
    private final UpstreamServer up1;
    private final UpstreamServer up2;
    private final UpstreamEmulator emulator;
    private final HaproxyProcess haproxy;
    private final List<Side> sides;
    final List<ConfigWarning> warnings;

    private ActionHarness(ActionSetup setup, Path dir, List<AutoCloseable> opened, UpstreamServer up1,
            UpstreamServer up2, UpstreamEmulator emulator, HaproxyProcess haproxy, List<Side> sides,
            List<ConfigWarning> warnings) {
        this.setup = setup;
        this.dir = dir;
        this.opened = opened;
        this.up1 = up1;
        this.up2 = up2;
        this.emulator = emulator;
        this.haproxy = haproxy;
        this.sides = sides;
        this.warnings = warnings;
    }

    private static SpoaAgent agent(ActionSetup setup) {
        SpoaAgent a = SpoaAgent.builder().threads(1).build();
        a.dispatcher(n -> Response.actions(setup.actionsFor(n.messages())));
        return a.start();
    }

    static ActionHarness start(ActionSetup setup) {
        List<AutoCloseable> opened = new ArrayList<>();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("spoe4j-actions-" + setup.name);
            UpstreamServer up1 = new UpstreamServer();
            opened.add(up1);
            UpstreamServer up2 = new UpstreamServer();
            opened.add(up2);
            String d = dir.toString();
            for (Map.Entry<String, String> f : setup.files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), ActionSetup.fill(f.getValue(), 0, "", up1.port(), up2.port(), d),
                        StandardCharsets.UTF_8);
            }
            List<Side> sides = new ArrayList<>();
            SpoaAgent ha = agent(setup);
            opened.add(ha);
            int port = HaproxyProcess.freePort();
            HaproxyProcess haproxy = HaproxyProcess.start(dir, ActionSetup.fill(setup.cfg, port, ha.endpoint(), up1.port(),
                    up2.port(), d), port);
            opened.add(haproxy);
            sides.add(new Side("haproxy", port, ha));

            SpoaAgent sa = agent(setup);
            opened.add(sa);
            SpoeSetup spoeSetup = read(dir, "spoe4j-haproxy.cfg", setup, sa, up1, up2);
            EventLoopGroup group = new NioEventLoopGroup(2);
            opened.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000));
            HttpRules.Builder rules = HttpRules.builder().setup(spoeSetup, setup.proxy);
            for (SpoeFilter f : spoeSetup.filters()) {
                if (f.proxy().equals(setup.proxy)) {
                    SpoeEngine e = SpoeEngine.builder().setup(spoeSetup, f.proxy(), f.engineName()).eventLoopGroup(group)
                            .failurePolicy(FailurePolicy.FAIL_OPEN).build();
                    opened.add(() -> e.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
                    rules.engine(e);
                }
            }
            HttpRules built = rules.build();
            SpoeHttpOptions options = SpoeHttpOptions.builder().requestHeaderPrefix(null).responseHeaderPrefix(null)
                    .accessLog(null).rules(built)
                    .uniqueIdFormat(spoeSetup.uniqueIdFormat(setup.proxy).orElse(null))
                    .uniqueIdHeader(spoeSetup.uniqueIdHeader(setup.proxy).orElse(null)).build();
            Gateway gateway = Gateway.start(group, new InetSocketAddress("127.0.0.1", 0), options,
                    Backends.of(spoeSetup, setup.proxy));
            opened.add(() -> gateway.shutdown(Duration.ofSeconds(2)));
            sides.add(new Side("spoe4j", gateway.address().getPort(), sa));

            UpstreamEmulator emulator = null;
            if (setup.undertow) {
                SpoaAgent ua = agent(setup);
                opened.add(ua);
                SpoeSetup uSetup = read(dir, "undertow-haproxy.cfg", setup, ua, up1, up2);
                SpoeFilter f = uSetup.filters().stream().filter(x -> x.proxy().equals(setup.proxy)).findFirst()
                        .orElseThrow();
                SpoeEngine e = SpoeEngine.builder().setup(uSetup, f.proxy(), f.engineName())
                        .failurePolicy(FailurePolicy.FAIL_OPEN).build();
                opened.add(() -> e.closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
                emulator = new UpstreamEmulator();
                Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(2)
                        .setHandler(SpoeHandler.builder(e).setup(uSetup, setup.proxy).build(emulator)).build();
                undertow.start();
                opened.add(undertow::stop);
                int uport = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
                sides.add(new Side("undertow", uport, ua));
            }
            ActionHarness h = new ActionHarness(setup, dir, opened, up1, up2, emulator, haproxy, sides, built.warnings());
            h.warmUp();
            return h;
        } catch (IOException e) {
            closeAll(opened);
            deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            deleteTree(dir);
            throw e;
        }
    }

    private static SpoeSetup read(Path dir, String name, ActionSetup setup, SpoaAgent agent, UpstreamServer up1,
            UpstreamServer up2) throws IOException {
        Path cfg = dir.resolve(name);
        Files.writeString(cfg, ActionSetup.fill(setup.cfg, 0, agent.endpoint(), up1.port(), up2.port(), dir.toString()),
                StandardCharsets.UTF_8);
        return SpoeConfigReader.standard().readHaproxyCfg(cfg);
    }

    /** A first request through every side: agent connections, HELLOs and the JIT are done before anything is compared. */
    private void warmUp() {
        for (Side s : sides) {
            HttpWire.exchange(s.port, List.of(HttpWire.bytes(HttpWire.PROBE)), new HttpWire.Hooks() {
            });
        }
        clear();
    }

    boolean hasUndertow() {
        return emulator != null;
    }

    /** Sends {@code request} through HAProxy, spoe4j and (when running, and {@code undertow}) Undertow, in turn. */
    List<Observed> exchange(Request request, boolean undertow) {
        List<Observed> out = new ArrayList<>();
        for (Side s : sides) {
            if (s.name.equals("undertow") && !undertow) {
                continue;
            }
            out.add(send(s, request));
        }
        return out;
    }

    private Observed send(Side side, Request request) {
        clear();
        List<byte[]> parts = request.parts().stream().map(HttpWire::bytes).toList();
        List<RecordedNotify> notifies = new ArrayList<>();
        String[] upstream = {"(none)"};
        UpstreamServer.Received[] received = {null};
        HttpWire.Result result = HttpWire.exchange(side.port, parts, new HttpWire.Hooks() {
            @Override
            public void between() {
                if (request.awaitNotifyBetween()) {
                    notifies.add(side.agent.takeNotify(WAIT));
                }
            }

            @Override
            public void answered() {
                // The agent records a NOTIFY before answering it and the upstream a request before
                // answering it; the answer has been read, so whatever this request caused is recorded.
                for (RecordedNotify n; (n = side.agent.pollNotify()) != null; ) {
                    notifies.add(n);
                }
                if (side.name.equals("undertow")) {
                    received[0] = emulator.poll();
                    upstream[0] = received[0] == null ? "(none)" : "next handler";
                    return;
                }
                UpstreamServer.Received r1 = up1.takeReceived(Duration.ZERO);
                UpstreamServer.Received r2 = up2.takeReceived(Duration.ZERO);
                if (r1 != null && r2 != null) {
                    upstream[0] = "both upstreams";
                } else if (r1 != null || r2 != null) {
                    upstream[0] = r1 != null ? "up1" : "up2";
                }
                received[0] = r1 != null ? r1 : r2;
            }
        }, request.mayVanish());
        return new Observed(side.name, result, upstream[0], received[0], notifies, side.port);
    }

    private void clear() {
        for (Side s : sides) {
            while (s.agent.pollNotify() != null) {
                // the probe's and earlier requests'
            }
        }
        up1.clearSeen();
        up2.clearSeen();
        if (emulator != null) {
            emulator.clear();
        }
    }

    String haproxyOutput() {
        return haproxy.output();
    }

    @Override
    public void close() {
        closeAll(opened);
        deleteTree(dir);
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir != null) {
            Harness.deleteTree(dir);
        }
    }
}

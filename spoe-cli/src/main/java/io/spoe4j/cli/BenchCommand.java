package io.spoe4j.cli;

import io.netty.channel.EventLoopGroup;
import io.spoe4j.AgentAddress;
import io.spoe4j.cli.bench.BenchGateway;
import io.spoe4j.cli.bench.BenchResult;
import io.spoe4j.cli.bench.LoadGenerator;
import io.spoe4j.cli.gateway.Channels;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.netty.SpoeHttpOptions;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code spoe4j bench ADDRESS --message NAME [ARG...] [options]}: a load generator playing HAProxy
 * against an agent (throughput, HdrHistogram latency percentiles, errors by status, connections);
 * and {@code spoe4j bench gateway ...}: the direct-response HTTP server {@code bench/compare.sh}
 * measures against HAProxy's {@code http-request return}. Exit 0 when the run completes (errors
 * are reported, not fatal), 1 when no connection could be made, 2 on a usage error.
 */
final class BenchCommand implements Command {
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    private static final String HELP = String.join("\n",
            "usage: spoe4j bench ADDRESS --message NAME [ARG...] [--message NAME [ARG...]]... [options]",
            "  ARG is [name]=TYPE:VALUE as for 'spoe4j notify', e.g. ip=ipv4:192.0.2.1 path=str:/index.html",
            "options:",
            "  --connections N        agent connections at most (default 1)",
            "  --concurrency N        requests in flight at most, over all connections (default 64 with",
            "                         pipelining, else the number of connections)",
            "  --duration D           run for D, e.g. 10s (default 10s unless --requests is given)",
            "  --requests N           stop after N requests (with --duration: whichever comes first)",
            "  --rate R[/s]           open loop at R requests/s, latency from the intended send time",
            "                         (coordinated-omission corrected); default: closed loop, as fast as possible",
            "  --pipelining on|off    announce pipelining (default on); off = one request per connection",
            "  --timeout D            processing timeout of each request (default 1s)",
            "  --warmup D             run this long first, unmeasured (default 0)",
            "  --threads N            client event loop threads (default min(connections, CPUs))",
            "  --json                 print one JSON object instead of text",
            "",
            "usage: spoe4j bench gateway [--listen HOST:PORT] [--config spoe.conf [--engine NAME] --agent ADDRESS[,...]]",
            "                            [--threads N] [--status CODE] [--expose VAR]...",
            "  an HTTP server answering every request itself (like HAProxy's 'http-request return') after the",
            "  SPOE processing of --config, or without SPOE when --config is absent; --expose txn.x.y copies a",
            "  variable into an x-spoe-var-txn-x-y response header. Runs until the process is stopped.");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "load-test an agent like HAProxy does (throughput, latency percentiles) [--help]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                out.println(HELP);
                return OK;
            }
        }
        if (args.length > 0 && args[0].equals("gateway")) {
            return gateway(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        LoadGenerator.Settings settings;
        boolean json;
        try {
            Parsed p = parse(args);
            settings = p.settings;
            json = p.json;
        } catch (IllegalArgumentException e) {
            err.println("spoe4j bench: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        BenchResult result;
        try {
            result = LoadGenerator.run(settings);
        } catch (IllegalArgumentException e) {
            err.println("spoe4j bench: " + settings.server().name() + ": " + e.getMessage());
            return FAILED;
        }
        out.print(json ? result.json() + "\n" : result.text());
        out.flush();
        if (result.handshakes() == 0) {
            err.println("spoe4j bench: " + settings.server().name() + ": no connection could be established"
                    + (result.errors().isEmpty() ? "" : " " + result.errors().keySet()));
            return FAILED;
        }
        return OK;
    }

    private record Parsed(LoadGenerator.Settings settings, boolean json) {
    }

    private static Parsed parse(String[] args) {
        CliArgs a = new CliArgs(args);
        String address = null;
        List<String> names = new ArrayList<>();
        List<List<Arg>> argLists = new ArrayList<>();
        int connections = 1;
        Integer concurrency = null;
        Duration duration = null;
        long requests = 0;
        double rate = 0;
        boolean pipelining = true;
        Duration timeout = DEFAULT_TIMEOUT;
        Duration warmup = Duration.ZERO;
        int threads = 0;
        boolean json = false;
        while (a.hasNext()) {
            String t = a.next();
            if (CliArgs.isOption(t, "--message")) {
                names.add(a.value(t));
                argLists.add(new ArrayList<>());
            } else if (CliArgs.isOption(t, "--connections")) {
                connections = range("--connections", CliArgs.integer("--connections", a.value(t)), 1, 10_000);
            } else if (CliArgs.isOption(t, "--concurrency")) {
                concurrency = range("--concurrency", CliArgs.integer("--concurrency", a.value(t)), 1, 1 << 20);
            } else if (CliArgs.isOption(t, "--duration")) {
                duration = CliArgs.duration("--duration", a.value(t));
            } else if (CliArgs.isOption(t, "--requests")) {
                requests = longValue("--requests", a.value(t));
            } else if (CliArgs.isOption(t, "--rate")) {
                rate = rate(a.value(t));
            } else if (CliArgs.isOption(t, "--pipelining")) {
                pipelining = onOff("--pipelining", a.value(t));
            } else if (CliArgs.isOption(t, "--timeout")) {
                timeout = CliArgs.duration("--timeout", a.value(t));
            } else if (CliArgs.isOption(t, "--warmup")) {
                String v = a.value(t);
                warmup = v.trim().equals("0") ? Duration.ZERO : CliArgs.duration("--warmup", v);
            } else if (CliArgs.isOption(t, "--threads")) {
                threads = range("--threads", CliArgs.integer("--threads", a.value(t)), 1, 1024);
            } else if (t.equals("--json")) {
                json = true;
            } else if (t.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + t);
            } else if (address == null) {
                address = t;
            } else if (!names.isEmpty()) {
                argLists.get(argLists.size() - 1).add(CliArgs.arg(t));
            } else {
                throw new IllegalArgumentException("unexpected argument '" + t + "' (arguments follow --message NAME)");
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("missing ADDRESS");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("missing --message NAME");
        }
        AgentServer server = AgentServer.of(address);
        if (duration == null && requests == 0) {
            duration = DEFAULT_DURATION;
        }
        int inFlight = concurrency != null ? concurrency : pipelining ? 64 : connections;
        List<Message> messages = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            messages.add(new Message(names.get(i), argLists.get(i)));
        }
        return new Parsed(new LoadGenerator.Settings(server, messages, connections, inFlight, duration, requests, rate,
                pipelining, timeout, warmup, threads), json);
    }

    private static int range(String option, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    private static long longValue(String option, String text) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not an integer");
        }
    }

    private static double rate(String text) {
        String t = text.trim();
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        }
        try {
            double r = Double.parseDouble(t);
            if (!(r > 0) || Double.isInfinite(r) || r > 10_000_000) {
                throw new IllegalArgumentException("--rate must be in (0, 10000000] per second, got '" + text + "'");
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate: '" + text + "' is not a rate (e.g. 5000 or 5000/s)");
        }
    }

    private static boolean onOff(String option, String v) {
        return switch (v.trim()) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException(option + " must be on or off, got '" + v + "'");
        };
    }

    private int gateway(String[] args, PrintStream out, PrintStream err) {
        String listen = "127.0.0.1:8080";
        Path config = null;
        String engine = null;
        List<String> agents = new ArrayList<>();
        List<String> expose = new ArrayList<>();
        int threads = 1;
        int status = 200;
        InetSocketAddress bind;
        try {
            CliArgs a = new CliArgs(args);
            while (a.hasNext()) {
                String t = a.next();
                if (CliArgs.isOption(t, "--listen")) {
                    listen = a.value(t);
                } else if (CliArgs.isOption(t, "--config")) {
                    config = Path.of(a.value(t));
                } else if (CliArgs.isOption(t, "--engine")) {
                    engine = a.value(t);
                } else if (CliArgs.isOption(t, "--agent")) {
                    for (String s : a.value(t).split(",")) {
                        AgentAddress.parse(s.trim());
                        agents.add(s.trim());
                    }
                } else if (CliArgs.isOption(t, "--expose")) {
                    expose.add(a.value(t));
                } else if (CliArgs.isOption(t, "--threads")) {
                    threads = range("--threads", CliArgs.integer("--threads", a.value(t)), 1, 1024);
                } else if (CliArgs.isOption(t, "--status")) {
                    status = range("--status", CliArgs.integer("--status", a.value(t)), 200, 599);
                } else {
                    throw new IllegalArgumentException("unknown argument '" + t + "'");
                }
            }
            if (config == null && (engine != null || !agents.isEmpty())) {
                throw new IllegalArgumentException("--engine and --agent need --config");
            }
            if (config != null && agents.isEmpty()) {
                throw new IllegalArgumentException("--config needs --agent ADDRESS");
            }
            if (!(AgentAddress.parse(listen) instanceof InetSocketAddress address)) {
                throw new IllegalArgumentException("--listen needs HOST:PORT, got '" + listen + "'");
            }
            bind = address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
            if (bind.isUnresolved()) {
                throw new IllegalArgumentException("--listen: cannot resolve '" + address.getHostString() + "'");
            }
        } catch (IllegalArgumentException e) {
            err.println("spoe4j bench gateway: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        EventLoopGroup group = Channels.newGroup(threads, "spoe4j-bench-gateway");
        SpoeEngine spoeEngine = null;
        BenchGateway gateway;
        try {
            SpoeHttpOptions options = null;
            if (config != null) {
                EngineConfig cfg = SpoeConfigReader.standard().readSpoeConf(config, engine);
                SpoeEngine.Builder b = SpoeEngine.builder().config(cfg).eventLoopGroup(group)
                        .failurePolicy(FailurePolicy.FAIL_OPEN);
                agents.forEach(b::server);
                spoeEngine = b.build();
                options = SpoeHttpOptions.builder().engine(spoeEngine).accessLog(null).build();
            }
            gateway = BenchGateway.start(group, bind, options, status, expose);
        } catch (RuntimeException e) {
            err.println("spoe4j bench gateway: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (spoeEngine != null) {
                spoeEngine.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
            return FAILED;
        }
        InetSocketAddress bound = gateway.address();
        out.println("spoe4j bench gateway listening on http://" + bound.getAddress().getHostAddress() + ":"
                + bound.getPort() + (config == null ? " (no SPOE)" : " (SPOE " + config + " -> " + agents + ")")
                + ", " + threads + " " + Channels.kind(group) + " event loop thread(s)");
        out.flush();
        SpoeEngine e = spoeEngine;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            if (e != null) {
                e.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
            stopped.countDown();
        }, "spoe4j-bench-gateway-shutdown"));
        Command.awaitStopped(stopped);
        return OK;
    }
}

package io.spoe4j.cli;

import io.spoe4j.client.AgentHandshake;
import io.spoe4j.client.AgentProbe;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeConnectionException;
import io.spoe4j.codec.SpopStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * {@code spoe4j probe ADDRESS [--timeout DURATION]}: sends HAProxy's health-check HELLO and prints
 * the agent's version, max-frame-size and capabilities. Exit 0 on a valid AGENT-HELLO, 1 otherwise
 * (with the status and its reason), 2 on a usage error.
 */
final class ProbeCommand implements Command {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final String HELP = "usage: spoe4j probe ADDRESS [--timeout DURATION]";

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String summary() {
        return "send the health-check HELLO and print the agent's answer";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        String address = null;
        Duration timeout = DEFAULT_TIMEOUT;
        AgentServer server;
        try {
            CliArgs a = new CliArgs(args);
            while (a.hasNext()) {
                String t = a.next();
                if (t.equals("--help") || t.equals("-h")) {
                    out.println(HELP);
                    return OK;
                } else if (CliArgs.isOption(t, "--timeout")) {
                    timeout = CliArgs.duration("--timeout", a.value(t));
                } else if (t.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + t);
                } else if (address == null) {
                    address = t;
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + t + "'");
                }
            }
            if (address == null) {
                throw new IllegalArgumentException("missing ADDRESS");
            }
            server = AgentServer.of(address);
        } catch (IllegalArgumentException e) {
            err.println("spoe4j probe: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        try {
            AgentHandshake hs = AgentProbe.probe(server, timeout).toCompletableFuture().join();
            out.println("version: " + hs.version());
            out.println("max-frame-size: " + hs.maxFrameSize());
            out.println("capabilities: " + hs.capabilities());
            return OK;
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            err.println("spoe4j probe: " + server.name() + ": " + describe(c));
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("spoe4j probe: " + server.name() + ": " + e.getMessage());
            return FAILED;
        }
    }

    static String describe(Throwable c) {
        if (c instanceof SpoeConnectionException s) {
            return "status " + s.status() + " (" + SpopStatus.reason(s.status()) + "): " + s.detail();
        }
        if (c instanceof SpoeClientException s) {
            return "error " + s.errorCode() + ": " + s.detail();
        }
        return String.valueOf(c);
    }
}

package io.spoe4j.cli;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * {@code spoe4j notify ADDRESS MESSAGE [ARG...] [--message NAME ARG...]... [options]}: a full
 * handshake, one NOTIFY with the given messages, and each action of the ACK printed as one JSON
 * line. Exit 0 on an ACK, 1 on a protocol, connection or timeout error, 2 on a usage error.
 */
final class NotifyCommand implements Command {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final String HELP = String.join("\n",
            "usage: spoe4j notify ADDRESS MESSAGE [ARG...] [--message NAME [ARG...]]... [options]",
            "  ARG is [name]=TYPE:VALUE, TYPE one of null, bool, int32, uint32, int64, uint64, ipv4, ipv6,",
            "  str, bin (hex); an empty name makes an unnamed arg, e.g. =str:hello or ip=ipv4:192.0.2.1",
            "options:",
            "  --max-frame-size N     max-frame-size announced in the HELLO (default " + AgentOptions.DEFAULT_MAX_FRAME_SIZE + ")",
            "  --capabilities LIST    capabilities announced: pipelining,async,fragmentation (default pipelining)",
            "  --timeout DURATION     processing timeout, e.g. 500ms or 2s (default 5s)");

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public String summary() {
        return "send one NOTIFY and print the ACK's actions as JSON lines";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        String address = null;
        List<String> names = new ArrayList<>();
        List<List<Arg>> argLists = new ArrayList<>();
        AgentOptions.Builder options = AgentOptions.builder();
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
                } else if (CliArgs.isOption(t, "--max-frame-size")) {
                    options.maxFrameSize(CliArgs.integer("--max-frame-size", a.value(t)));
                } else if (CliArgs.isOption(t, "--capabilities")) {
                    capabilities(options, a.value(t));
                } else if (CliArgs.isOption(t, "--message")) {
                    names.add(a.value(t));
                    argLists.add(new ArrayList<>());
                } else if (t.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + t);
                } else if (address == null) {
                    address = t;
                } else if (names.isEmpty()) {
                    names.add(t);
                    argLists.add(new ArrayList<>());
                } else {
                    argLists.get(argLists.size() - 1).add(CliArgs.arg(t));
                }
            }
            if (address == null) {
                throw new IllegalArgumentException("missing ADDRESS");
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("missing MESSAGE");
            }
            server = AgentServer.of(address);
        } catch (IllegalArgumentException e) {
            err.println("spoe4j notify: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        List<Message> messages = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            messages.add(new Message(names.get(i), argLists.get(i)));
        }
        AgentOptions agent = options.helloTimeout(timeout).processingTimeout(timeout).connectTimeout(timeout).build();
        try (SpoeClient client = SpoeClient.builder().server(server).agentOptions(agent).threads(1)
                .poolOptions(PoolOptions.builder().maxConnectionsPerServer(1).build()).build()) {
            AgentReply reply = client.send(messages, timeout).toCompletableFuture().join();
            for (Action action : reply.actions()) {
                out.println(ActionJson.toJson(action));
            }
            return OK;
        } catch (CompletionException e) {
            err.println("spoe4j notify: " + server.name() + ": " + ProbeCommand.describe(e.getCause()));
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("spoe4j notify: " + server.name() + ": " + e.getMessage());
            return FAILED;
        }
    }

    private static void capabilities(AgentOptions.Builder options, String list) {
        boolean pipelining = false;
        boolean async = false;
        boolean fragmentation = false;
        for (String word : list.split(",")) {
            String w = word.trim();
            if (w.isEmpty()) {
                continue;
            }
            switch (w) {
                case "pipelining":
                    pipelining = true;
                    break;
                case "async":
                    async = true;
                    break;
                case "fragmentation":
                    fragmentation = true;
                    break;
                default:
                    throw new IllegalArgumentException("--capabilities: unknown capability '" + w
                            + "' (pipelining, async, fragmentation)");
            }
        }
        options.pipelining(pipelining).async(async).sendFragPayload(fragmentation);
    }
}

package io.spoe4j.cli;

import io.netty.util.ResourceLeakDetector;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code spoe4j} command: dispatches to one {@link Command} per subcommand. To add a command,
 * implement {@link Command} and list it in {@link #COMMANDS}.
 */
public final class Spoe4j {
    /** Every subcommand, in help order. */
    static final List<Command> COMMANDS = List.of(new ProbeCommand(), new NotifyCommand(), new AgentCommand(),
            new GatewayCommand(), new BenchCommand());

    private Spoe4j() {
    }

    public static void main(String[] args) {
        leakDetectionOffUnlessAsked();
        pooledAllocatorUnlessAsked();
        int code = run(args, System.out, System.err);
        System.out.flush();
        // The agent command returns while the JVM runs its shutdown hooks; exiting then would block.
        if (code != Command.OK || args.length == 0 || !args[0].equals("agent")) {
            System.exit(code);
        }
    }

    /**
     * Netty's leak detector samples one buffer in 128 and records a stack trace at each of its uses
     * (about 2 % of the gateway's CPU under load, at its default level). The test suite runs it at
     * PARANOID; the commands run without it unless {@code -Dio.netty.leakDetection.level} asks for it.
     */
    static void leakDetectionOffUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * Netty's pooled allocator (thread-local caches) instead of 4.2's default adaptive one, whose
     * shared queues took a fifth of the gateway's Java time under load: about 8 % less CPU per
     * request and 4 % more requests/s in {@code bench/compare.sh}'s iprep workload (bench/README.md).
     * Runs before any buffer is allocated; {@code -Dio.netty.allocator.type} chooses otherwise.
     */
    static void pooledAllocatorUnlessAsked() {
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "pooled");
        }
    }

    /** Runs {@code spoe4j args...} and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return Command.USAGE;
        }
        String name = args[0];
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            usage(out);
            return Command.OK;
        }
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) {
                return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            }
        }
        err.println("spoe4j: unknown command '" + name + "'");
        usage(err);
        return Command.USAGE;
    }

    static void usage(PrintStream s) {
        s.println("usage: spoe4j COMMAND [ARGS...]");
        s.println();
        s.println("commands:");
        for (Command c : COMMANDS) {
            s.printf("  %-8s %s%n", c.name(), c.summary());
        }
        s.println();
        s.println("ADDRESS is HOST:PORT, [IPV6]:PORT or unix:PATH. Run 'spoe4j COMMAND --help' for details.");
    }
}

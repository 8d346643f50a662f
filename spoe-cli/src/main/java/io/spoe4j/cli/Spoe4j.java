package io.spoe4j.cli;

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
        int code = run(args, System.out, System.err);
        System.out.flush();
        // The agent command returns while the JVM runs its shutdown hooks; exiting then would block.
        if (code != Command.OK || args.length == 0 || !args[0].equals("agent")) {
            System.exit(code);
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

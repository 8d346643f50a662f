package io.spoe4j.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * One {@code spoe4j} subcommand. Implementations are stateless; {@link #run} returns the process
 * exit code (0 success, 1 failure, 2 usage error) and writes only to the given streams, so
 * commands can be tested in-process.
 */
public interface Command {
    /** Exit code of a successful run. */
    int OK = 0;
    /** Exit code when the agent or the connection failed. */
    int FAILED = 1;
    /** Exit code of a usage error. */
    int USAGE = 2;

    /** The word that selects the command, e.g. {@code probe}. */
    String name();

    /** One line for the global help. */
    String summary();

    int run(String[] args, PrintStream out, PrintStream err);

    /**
     * Waits until {@code stopped} reaches zero (the shutdown hook of a long-running command has
     * finished), ignoring interrupts meanwhile and restoring the interrupt flag afterwards.
     */
    static void awaitStopped(CountDownLatch stopped) {
        boolean interrupted = false;
        while (stopped.getCount() > 0) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

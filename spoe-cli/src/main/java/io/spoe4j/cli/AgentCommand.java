package io.spoe4j.cli;

import io.spoe4j.testkit.ExampleAgent;
import java.io.PrintStream;

/**
 * {@code spoe4j agent [--listen ADDRESS]}: runs the testkit's example agent (IP reputation and
 * echo) until the process is stopped. Delegates to {@link ExampleAgent#main}, which writes to the
 * process's standard streams.
 */
final class AgentCommand implements Command {
    @Override
    public String name() {
        return "agent";
    }

    @Override
    public String summary() {
        return "run an example SPOA agent (check-client-ip, echo) [--listen ADDRESS]";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        ExampleAgent.main(args);
        return OK;
    }
}

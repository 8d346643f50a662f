package io.spoe4j.jmh.engine;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The testkit agent in a JVM of its own, so that a benchmark's {@code -prof gc} counts only the
 * engine's allocations. {@link #start} launches it from this JVM's class path and reads the
 * endpoint it prints; closing the handle closes the child's stdin, on which the child exits.
 * {@code main(vars)} answers every NOTIFY with {@link #ACTIONS}, {@code main()} with an empty ACK.
 */
public final class AgentProcess implements AutoCloseable {
    /** The ACK of {@code ack=vars}: five set-var actions of mixed types, as a WAF agent might answer. */
    public static final List<Action> ACTIONS = List.of(
            Action.setVar(Scope.TXN, "id", TypedValue.string("a1b2c3d4e5f6a7b8")),
            Action.setVar(Scope.TXN, "rules_hit", TypedValue.int64(3)),
            Action.setVar(Scope.TXN, "anomaly_score", TypedValue.int64(15)),
            Action.setVar(Scope.TXN, "action", TypedValue.string("deny")),
            Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(42)));

    private final Process process;
    private final String endpoint;

    private AgentProcess(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the agent process; {@code withActions} makes it answer {@link #ACTIONS}. */
    public static AgentProcess start(boolean withActions) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AgentProcess.class.getName(), withActions ? "vars" : "empty");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("LISTENING ")) {
            p.destroy();
            throw new IOException("the agent process did not start: " + line);
        }
        return new AgentProcess(p, line.substring("LISTENING ".length()).trim());
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws IOException {
        SpoaAgent.Builder b = SpoaAgent.builder().threads(1).recordNotifies(false);
        if (args.length > 0 && args[0].equals("vars")) {
            Response r = Response.actions(ACTIONS);
            b.dispatcher(n -> r);
        }
        try (SpoaAgent agent = b.build().start()) {
            System.out.println("LISTENING " + agent.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our stdin (or dies)
            }
        }
    }
}

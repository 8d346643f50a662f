package io.spoe4j.jmh.client;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentReply;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A round trip through a real loopback TCP connection: {@link SpoeClient} sends the Coraza-like
 * NOTIFY to the testkit agent (in this JVM, empty ACKs) on one connection. {@code oneAtATime}: one
 * request, wait for its ACK; {@code pipelined64}: 64 requests in flight, reported per request.
 * B/op counts both sides, client and agent, since they share the JVM; so does the CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoopbackRoundTripBenchmark {
    private static final int PIPELINED = 64;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private SpoaAgent agent;
    private SpoeClient client;
    private List<Message> notify;
    private final CompletableFuture<?>[] batch = new CompletableFuture<?>[PIPELINED];

    @Setup
    public void setup() throws Exception {
        agent = SpoaAgent.builder().threads(1).recordNotifies(false).build().start();
        client = SpoeClient.builder().server(agent.endpoint()).threads(1)
                .agentOptions(AgentOptions.builder().pipelining(true).maxWaitingFrames(PIPELINED).build())
                .poolOptions(PoolOptions.builder().maxConnectionsPerServer(1).build()).build();
        notify = List.of(corazaReq());
        client.send(notify, TIMEOUT).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** {@code coraza-req} as HAProxy would encode it for a small browser request. */
    static Message corazaReq() throws Exception {
        byte[] lo = {127, 0, 0, 1};
        return new Message("coraza-req", List.of(
                new Arg("app", TypedValue.string("sample_app")),
                new Arg("src-ip", TypedValue.ipv4(lo)),
                new Arg("src-port", TypedValue.int64(51234)),
                new Arg("dst-ip", TypedValue.ipv4(lo)),
                new Arg("dst-port", TypedValue.int64(8080)),
                new Arg("method", TypedValue.string("GET")),
                new Arg("path", TypedValue.string("/api/v1/items")),
                new Arg("query", TypedValue.string("id=7&sort=asc")),
                new Arg("version", TypedValue.string("1.1")),
                new Arg("headers", TypedValue.string("host: app.example.com\r\nuser-agent: Mozilla/5.0 (X11; Linux"
                        + " x86_64)\r\naccept: */*\r\ncookie: session=3f2a9c1b7e\r\n\r\n")),
                new Arg("body", TypedValue.binary("".getBytes(StandardCharsets.US_ASCII))),
                new Arg("exportRuleIDs", TypedValue.bool(false))));
    }

    @TearDown
    public void tearDown() {
        client.close();
        agent.close();
    }

    @Benchmark
    public AgentReply oneAtATime() throws Exception {
        return client.send(notify, TIMEOUT).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public Object pipelined64() throws Exception {
        for (int i = 0; i < PIPELINED; i++) {
            batch[i] = client.send(notify, TIMEOUT).toCompletableFuture();
        }
        return CompletableFuture.allOf(batch).get(10, TimeUnit.SECONDS);
    }
}

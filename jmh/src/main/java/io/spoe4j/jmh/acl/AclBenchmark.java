package io.spoe4j.jmh.acl;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.SampleExpression;
import io.spoe4j.acl.SimpleRequestAttributes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * spoe-acl hot paths: a 3-term condition on a typical request, an IP lookup in a 100,000-network
 * pattern file ({@code src -f}), and the {@code req.hdrs} / {@code req.hdr(host),lower} samples
 * agents ask for. Compilation happens in setup; only evaluation is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AclBenchmark {
    private static final int PROBES = 1024;

    private Condition threeTerms;
    private Acl bigIpList;
    private SampleExpression hdrs;
    private SampleExpression hostLower;
    private RequestAttributes request;
    private RequestAttributes[] probes;
    private int next;
    private Path dir;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("acl-bench");
        Random rnd = new Random(1);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 100_000; k++) {
            int a = rnd.nextInt();
            int len = 16 + rnd.nextInt(17);
            sb.append(a >>> 24).append('.').append((a >>> 16) & 255).append('.').append((a >>> 8) & 255).append('.')
                    .append(a & 255).append('/').append(len).append('\n');
        }
        Files.writeString(dir.resolve("networks.lst"), sb.toString(), StandardCharsets.UTF_8);
        AclCompiler compiler = AclCompiler.builder().baseDirectory(dir).build();

        threeTerms = compiler.condition(List.of("if", "{", "src", "192.0.2.0/24", "}", "{", "hdr(host)", "-i",
                "app1.example.com", "}", "{", "path_beg", "/api/", "}"), Map.of());
        bigIpList = compiler.acl("blocked", List.of("src", "-f", "networks.lst"));
        hdrs = compiler.sample("req.hdrs");
        hostLower = compiler.sample("req.hdr(host),lower");

        request = SimpleRequestAttributes.builder()
                .client(InetAddress.getByName("192.0.2.10"), 51234)
                .server(InetAddress.getByName("10.0.0.1"), 443)
                .method("GET").uri("/api/v1/items?id=7").httpVersion("1.1")
                .header("Host", "App1.Example.com")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36")
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", "en-US,en;q=0.9")
                .header("Cookie", "session=abc123; theme=dark")
                .build();
        if (!threeTerms.test(request)) {
            throw new IllegalStateException("the benchmark condition should hold");
        }
        probes = new RequestAttributes[PROBES];
        for (int k = 0; k < PROBES; k++) {
            byte[] b = new byte[4];
            rnd.nextBytes(b);
            probes[k] = SimpleRequestAttributes.builder().client(InetAddress.getByAddress(b), 1000).build();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("networks.lst"));
        Files.deleteIfExists(dir);
    }

    /** {@code if { src 192.0.2.0/24 } { hdr(host) -i app1.example.com } { path_beg /api/ }}, all true. */
    @Benchmark
    public boolean condition3Terms() {
        return threeTerms.test(request);
    }

    /** {@code src -f networks.lst} with 100,000 random networks, random client addresses. */
    @Benchmark
    public boolean ipLookup100k() {
        RequestAttributes r = probes[next++ & (PROBES - 1)];
        return bigIpList.matches(r);
    }

    @Benchmark
    public Object sampleReqHdrs() {
        return hdrs.evaluate(request);
    }

    @Benchmark
    public Object sampleHostLower() {
        return hostLower.evaluate(request);
    }
}

package io.spoe4j.jmh.samples;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.config.EngineConfig;
import io.spoe4j.config.SpoeConfigReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The Coraza-like workload shared by the benchmarks: the {@code coraza-req} message of Coraza SPOA
 * (the same arguments, in order, as {@code bench/coraza-like.conf}) and a typical browser request
 * with a small POST body. Not a benchmark itself.
 */
public final class CorazaWorkload {
    /** The spoe.conf text; {@code app} is a constant so that no set-var rule is needed. */
    public static final String SPOE_CONF = String.join("\n",
            "[coraza]",
            "spoe-agent coraza-agent",
            "    messages coraza-req",
            "    option var-prefix coraza",
            "    option set-on-error error",
            "    timeout hello 2s",
            "    timeout idle 30s",
            "    timeout processing 500ms",
            "    use-backend coraza-spoa",
            "spoe-message coraza-req",
            "    args app=str(sample_app) src-ip=src src-port=src_port dst-ip=dst dst-port=dst_port method=method"
                    + " path=path query=query version=req.ver headers=req.hdrs body=req.body exportRuleIDs=bool(false)",
            "    event on-frontend-http-request",
            "");

    private CorazaWorkload() {
    }

    public static EngineConfig engineConfig() {
        return SpoeConfigReader.standard().parseSpoeConf("coraza.conf", SPOE_CONF, "coraza");
    }

    /** A POST of a small form with the headers a browser sends. */
    public static RequestAttributes request() {
        try {
            return SimpleRequestAttributes.builder()
                    .client(InetAddress.getByName("192.0.2.10"), 51234)
                    .server(InetAddress.getByName("10.0.0.1"), 8080)
                    .method("POST").uri("/api/v1/login?next=%2Fhome&lang=en").httpVersion("1.1")
                    .header("Host", "app.example.com")
                    .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .header("Accept-Language", "en-US,en;q=0.5")
                    .header("Accept-Encoding", "gzip, deflate, br")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Content-Length", "39")
                    .header("Cookie", "session=3f2a9c1b7e; theme=dark")
                    .requestBody("user=alice&password=s3cr3t&remember=on".getBytes(StandardCharsets.US_ASCII))
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

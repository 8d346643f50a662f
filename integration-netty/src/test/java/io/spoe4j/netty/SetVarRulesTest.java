package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.config.SpoeSetup;
import io.spoe4j.testkit.RecordedNotify;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * haproxy.cfg {@code set-var}/{@code unset-var} rules run by the adapter in order among the events
 * and {@code send-spoe-group} rules, seen by the {@code var()} of every engine's messages.
 */
class SetVarRulesTest {
    private static final String AGENT = """
                option var-prefix %s
                timeout hello 5s
                timeout idle 30s
                timeout processing 5s
                use-backend agents
            """;
    private final GatewayHarness h = new GatewayHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static Message take(GatewayHarness h, String name) {
        RecordedNotify n = h.agent.takeNotify(GatewayHarness.WAIT);
        assertNotNull(n, "no NOTIFY within " + GatewayHarness.WAIT + " (expected " + name + ")");
        assertEquals(name, n.messages().get(0).name(), n.toString());
        return n.messages().get(0);
    }

    @Test
    void rulesSetAndUnsetVariablesInOrderForEveryEngine(@TempDir Path dir) throws Exception {
        h.agent();
        Files.writeString(dir.resolve("sa.conf"), "[sa]\nspoe-agent sa-agent\n    messages a-req a-res\n    groups ga\n"
                + AGENT.formatted("sa") + """
                spoe-message a-req
                    args id=var(req.client) p=var(txn.p) early=var(txn.early)
                    event on-frontend-http-request
                spoe-message a-grp
                    args id=var(req.client) p=var(txn.p) gone=var(txn.gone) missing=var(txn.missing)
                spoe-group ga
                    messages a-grp
                spoe-message a-res
                    args st=var(txn.st) after=var(txn.after)
                    event on-http-response
                """);
        Files.writeString(dir.resolve("sb.conf"), "[sb]\nspoe-agent sb-agent\n    groups gb\n" + AGENT.formatted("sb") + """
                spoe-message b-grp
                    args id=var(req.client) p=var(txn.p)
                spoe-group gb
                    messages b-grp
                """);
        SpoeSetup setup = SpoeConfigReader.standard().parseHaproxyCfg("haproxy.cfg", """
                frontend fe
                    filter spoe engine sa config sa.conf
                    filter spoe engine sb config sb.conf
                    tcp-request content set-var(txn.early) str(tcp)
                    http-request set-var(req.client) str(myclient)
                    http-request set-var(txn.p) path if { path_beg /api }
                    http-request set-var(txn.gone) str(x)
                    http-request unset-var(txn.gone)
                    http-request set-var(txn.missing) req.hdr(x-absent)
                    http-request send-spoe-group sa ga
                    http-request send-spoe-group sb gb
                    http-request set-var(txn.after) str(late)
                    http-response set-var(txn.st) status
                backend agents
                    mode tcp
                    server a1 %s
                """.formatted(h.agent.endpoint()), dir);
        SpoeHttpOptions.Builder options = SpoeHttpOptions.builder().responseHeaderPrefix("x-r-").accessLog(null)
                .proxyRules(setup.proxyRules("fe"));
        for (String engine : new String[] {"sa", "sb"}) {
            SpoeEngine e = h.track(SpoeEngine.builder().setup(setup, "fe", engine).eventLoopGroup(h.group)
                    .failurePolicy(FailurePolicy.FAIL_OPEN).build());
            options.engine(e);
        }
        h.start(options.build());

        HttpResponse<String> api = h.get("/api/x");
        Message aReq = take(h, "a-req");
        assertEquals(TypedValue.NULL, aReq.arg("id"), "on-frontend-http-request fires before the http-request rules");
        assertEquals(TypedValue.NULL, aReq.arg("p"));
        assertEquals(TypedValue.string("tcp"), aReq.arg("early"), "tcp-request content rules run before it");
        Message aGrp = take(h, "a-grp");
        assertEquals(TypedValue.string("myclient"), aGrp.arg("id"));
        assertEquals(TypedValue.string("/api/x"), aGrp.arg("p"));
        assertEquals(TypedValue.NULL, aGrp.arg("gone"), "unset-var removed it");
        assertEquals(TypedValue.NULL, aGrp.arg("missing"), "a missing sample sets nothing");
        Message bGrp = take(h, "b-grp");
        assertEquals(TypedValue.string("myclient"), bGrp.arg("id"), "the second engine reads the rule's variable");
        assertEquals(TypedValue.string("/api/x"), bGrp.arg("p"));
        Message aRes = take(h, "a-res");
        assertEquals(TypedValue.NULL, aRes.arg("st"), "on-http-response fires before the http-response rules");
        assertEquals(TypedValue.string("late"), aRes.arg("after"));
        Map<String, String> echo = GatewayHarness.lines(api.body());
        assertEquals("myclient", echo.get("x-spoe-req-client"), api.body());
        assertEquals("/api/x", echo.get("x-spoe-txn-p"), api.body());
        assertEquals("late", echo.get("x-spoe-txn-after"), api.body());
        assertNull(echo.get("x-spoe-txn-gone"), api.body());
        assertNull(echo.get("x-spoe-txn-missing"), api.body());
        assertEquals("200", api.headers().firstValue("x-r-txn-st").orElse(null), api.headers().toString());

        HttpResponse<String> web = h.get("/web");
        take(h, "a-req");
        Message aGrp2 = take(h, "a-grp");
        assertEquals(TypedValue.NULL, aGrp2.arg("p"), "the condition did not hold, and txn is per request");
        assertEquals(TypedValue.string("myclient"), aGrp2.arg("id"));
        assertEquals(TypedValue.NULL, take(h, "b-grp").arg("p"));
        take(h, "a-res");
        assertNull(GatewayHarness.lines(web.body()).get("x-spoe-txn-p"), web.body());
    }
}

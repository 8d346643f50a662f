package io.spoe4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.codec.Action;
import io.spoe4j.config.Origin;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pipelining, concurrency, bodies and response events through a real gateway and the testkit agent. */
class SpoeHttpFlowTest {
    private final GatewayHarness h = new GatewayHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** The echo dispatcher, answering a little later so that requests pile up behind a suspended one. */
    private void slowEchoAgent() {
        h.agent();
        h.agent.dispatcher(notify -> {
            List<Action> actions = GatewayHarness.ECHO_ALL.dispatch(notify).actions();
            return Response.actions(actions).delay(Duration.ofMillis(5));
        });
    }

    @Test
    void pipelinedRequestsOnOneConnectionKeepTheirOrderIncludingLocalAnswers() throws Exception {
        slowEchoAgent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN))
                .proxyRules(GatewayHarness.rules("http-request deny if { var(txn.ex.path) -m beg /deny }")).build());
        int n = 12;
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String path = i % 5 == 3 ? "/deny" + i : "/p" + i;
            if (i % 4 == 1) {
                batch.append("POST ").append(path).append(" HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nbody")
                        .append(i % 10);
            } else {
                batch.append("GET ").append(path).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
            }
        }
        try (Socket s = new Socket("127.0.0.1", h.port())) {
            s.setSoTimeout((int) GatewayHarness.WAIT.toMillis());
            s.getOutputStream().write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            for (int i = 0; i < n; i++) {
                RawResponse r = RawResponse.read(in);
                if (i % 5 == 3) {
                    assertEquals(403, r.status, "response " + i + ": " + r.body);
                    continue;
                }
                assertEquals(200, r.status, "response " + i + ": " + r.body);
                Map<String, String> echo = GatewayHarness.lines(r.body);
                assertEquals("/p" + i, echo.get("path"), "response " + i + " out of order: " + r.body);
                assertEquals("/p" + i, echo.get("x-spoe-txn-ex-path"), r.body);
                if (i % 4 == 1) {
                    assertEquals("body" + (i % 10), echo.get("body"), r.body);
                }
            }
        }
    }

    @Test
    void concurrentClientsAcrossConnectionsEachGetTheirOwnVariables() throws Exception {
        slowEchoAgent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN)).build());
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        int n = 40;
        for (int i = 0; i < n; i++) {
            futures.add(h.http.sendAsync(HttpRequest.newBuilder(h.uri("/c" + i)).timeout(GatewayHarness.WAIT).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = futures.get(i).get(GatewayHarness.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals("/c" + i, GatewayHarness.lines(r.body()).get("x-spoe-txn-ex-path"), r.body());
        }
    }

    private static final String BODY_CONF = """
            [ex]
            spoe-agent ex-agent
                messages inspect
                option var-prefix ex
                timeout hello 5s
                timeout idle 30s
                timeout processing 5s
                use-backend agents
            spoe-message inspect
                args len=req.body_len body=req.body
                event on-frontend-http-request
            """;

    @Test
    void requestBodiesAreBufferedForMessagesThatReadThemAndLimited() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().maxBodyBytes(64)
                .engine(h.engine(BODY_CONF, h.agent.endpoint(), FailurePolicy.FAIL_OPEN)).build());
        String body = "name=spoe&x=1";
        HttpResponse<String> r = h.http.send(HttpRequest.newBuilder(h.uri("/form"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(GatewayHarness.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> echo = GatewayHarness.lines(r.body());
        assertEquals(body, echo.get("body"), r.body());
        assertEquals(Integer.toString(body.length()), echo.get("x-spoe-txn-ex-len"), r.body());
        assertEquals(HexFormat.of().formatHex(body.getBytes(StandardCharsets.UTF_8)), echo.get("x-spoe-txn-ex-body"),
                r.body());

        HttpResponse<String> continued = h.http.send(HttpRequest.newBuilder(h.uri("/continue")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("waited")).timeout(GatewayHarness.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("waited", GatewayHarness.lines(continued.body()).get("body"), continued.body());

        HttpResponse<String> tooBig = h.http.send(HttpRequest.newBuilder(h.uri("/big"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(65))).timeout(GatewayHarness.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        // HAProxy goes on with what its buffer holds: the agent sees the first 64 bytes, the upstream all 65
        assertEquals(200, tooBig.statusCode());
        assertEquals("x".repeat(65), GatewayHarness.lines(tooBig.body()).get("body"), tooBig.body());
        assertEquals("64", GatewayHarness.lines(tooBig.body()).get("x-spoe-txn-ex-len"), tooBig.body());

        // Chunked bodies are collected too.
        try (Socket s = new Socket("127.0.0.1", h.port())) {
            s.setSoTimeout((int) GatewayHarness.WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("POST /chunked HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawResponse raw = RawResponse.read(s.getInputStream());
            assertEquals("5", GatewayHarness.lines(raw.body).get("x-spoe-txn-ex-len"), raw.body);
            assertEquals("abcde", GatewayHarness.lines(raw.body).get("body"), raw.body);
        }
    }

    private static final String RESPONSE_CONF = """
            [ex]
            spoe-agent ex-agent
                messages on-response
                groups res-grp
                option var-prefix ex
                timeout hello 5s
                timeout idle 30s
                timeout processing 5s
                use-backend agents
            spoe-message on-response
                args status=status
                event on-http-response
            spoe-message res-msg
                args res_group=str(yes)
            spoe-group res-grp
                messages res-msg
            """;

    @Test
    void responseEventsAndGroupsRunOnTheResponseHeadAndReachTheClient() throws Exception {
        h.agent();
        SendSpoeGroupRule group = new SendSpoeGroupRule("gw", RuleDirection.HTTP_RESPONSE, "ex", "res-grp",
                Optional.empty(), Origin.JAVA);
        h.start(SpoeHttpOptions.builder().responseHeaderPrefix("x-spoe-").groupRules(List.of(group))
                .engine(h.engine(RESPONSE_CONF, h.agent.endpoint(), FailurePolicy.FAIL_OPEN)).build());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = h.get("/r" + i);
            assertEquals(200, r.statusCode());
            assertEquals(Optional.of("200"), r.headers().firstValue("x-spoe-txn-ex-status"), r.headers().toString());
            assertEquals(Optional.of("yes"), r.headers().firstValue("x-spoe-txn-ex-res_group"));
        }
    }

    @Test
    void responseFailClosedReplacesTheResponse() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(RESPONSE_CONF.replace("processing 5s", "processing 300ms"),
                h.agent.endpoint(), FailurePolicy.FAIL_CLOSED)).build());
        h.agent.enqueue(Response.fault(new Fault.Stall()));
        assertEquals(502, h.get("/r").statusCode());
    }

    @Test
    void clientGoneWhileSuspendedFreesTheRequestAndLaterRequestsWork() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(GatewayHarness.CONF.formatted("400ms"),
                h.agent.endpoint(), FailurePolicy.FAIL_OPEN)).build());
        h.agent.enqueue(Response.empty());
        h.agent.enqueue(Response.fault(new Fault.Stall()));
        try (Socket s = new Socket("127.0.0.1", h.port())) {
            s.getOutputStream().write(("POST /gone HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            h.agent.takeNotify(GatewayHarness.WAIT);
            h.agent.takeNotify(GatewayHarness.WAIT);
        }
        HttpResponse<String> r = h.get("/after");
        assertEquals(200, r.statusCode());
        assertEquals("/after", GatewayHarness.lines(r.body()).get("x-spoe-txn-ex-path"), r.body());
    }

    @Test
    void eachConnectionHasItsOwnSessionAndKeepsItAcrossKeepAliveRequests() throws Exception {
        h.agent();
        h.start(SpoeHttpOptions.builder().engine(h.engine(FailurePolicy.FAIL_OPEN)).build());
        for (int c = 0; c < 2; c++) {
            try (Socket s = new Socket("127.0.0.1", h.port())) {
                s.setSoTimeout((int) GatewayHarness.WAIT.toMillis());
                for (int i = 0; i < 2; i++) {
                    s.getOutputStream().write(("GET /k" + i + " HTTP/1.1\r\nHost: t\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    RawResponse r = RawResponse.read(s.getInputStream());
                    assertTrue(GatewayHarness.lines(r.body).containsKey("x-spoe-sess-ex-ip_score"), r.body);
                }
            }
        }
        int sessions = 0;
        for (int i = 0; i < 6; i++) {
            if (h.agent.takeNotify(GatewayHarness.WAIT).messages().get(0).name().equals("check-client-ip")) {
                sessions++;
            }
        }
        assertEquals(2, sessions, "one on-client-session per connection");
    }

    @Test
    void readingGoesOnWhileAGetIsDecidedAndAfterwards() throws Exception {
        h.agent();
        java.util.concurrent.atomic.AtomicReference<io.netty.channel.Channel> child =
                new java.util.concurrent.atomic.AtomicReference<>();
        h.start(SpoeHttpOptions.builder().engine(h.engine(GatewayHarness.CONF.formatted("1s"), h.agent.endpoint(),
                FailurePolicy.FAIL_OPEN)).build(), p -> child.set(p.channel()));
        h.agent.enqueue(Response.empty());
        h.agent.enqueue(Response.fault(new Fault.Stall()));
        try (Socket s = new Socket("127.0.0.1", h.port())) {
            s.setSoTimeout((int) GatewayHarness.WAIT.toMillis());
            s.getOutputStream().write("GET /held HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            h.agent.takeNotify(GatewayHarness.WAIT);
            h.agent.takeNotify(GatewayHarness.WAIT);
            io.netty.channel.Channel ch = child.get();
            // The request's NOTIFY reached the agent, so the request is suspended now (the agent stalls).
            // Its bodiless end, queued behind it, does not pause reading (a next request would: GatesTest).
            assertEquals(Boolean.TRUE, ch.eventLoop().submit(() -> ch.config().isAutoRead())
                    .get(GatewayHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
            RawResponse r = RawResponse.read(s.getInputStream());
            assertEquals(200, r.status, r.body);
            assertEquals(Boolean.TRUE, ch.eventLoop().submit(() -> ch.config().isAutoRead())
                    .get(GatewayHarness.WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** A minimal HTTP/1.1 response reader for Content-Length bodies. */
    record RawResponse(int status, Map<String, String> headers, String body) {
        static RawResponse read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            String l;
            while (!(l = line(in)).isEmpty()) {
                int c = l.indexOf(':');
                headers.put(l.substring(0, c).trim(), l.substring(c + 1).trim());
            }
            int len = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(len);
            if (body.length != len) {
                throw new IOException("connection closed in the middle of a body");
            }
            return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed before a full response; got '" + b + "'");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }
    }

}

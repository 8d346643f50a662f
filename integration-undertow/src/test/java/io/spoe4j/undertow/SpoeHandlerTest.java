package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import io.undertow.predicate.Predicates;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request side against a real Undertow and the testkit agent: variables, conditions, threads, deciders. */
class SpoeHandlerTest {
    private final Harness h = new Harness();
    private SpoaAgent agent;
    private SpoeEngine engine;

    @BeforeEach
    void setUp() {
        agent = h.agent();
        engine = h.engine(agent, FailurePolicy.FAIL_OPEN, "20s");
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(Harness.BOUND_SECONDS));
    }

    @Test
    void agentVariablesReachTheNextHandlerAsAttachmentsAndHeaders() {
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders().build(h.recorder()));
        HttpResponse<String> r = h.send(request(base, "/shop?q=1").header("x-spoe-txn-ua-path", "/spoofed").build());
        assertEquals(200, r.statusCode());

        Harness.Seen seen = h.takeSeen();
        assertEquals(Sample.str("/shop"), seen.variables().get("txn.ua.path"));
        assertEquals(Sample.str("GET"), seen.variables().get("txn.ua.method"));
        assertEquals("/shop", seen.headers().get("x-spoe-txn-ua-path"), "the client's header is replaced");
        assertEquals("GET", seen.headers().get("x-spoe-txn-ua-method"));
        assertNull(seen.variables().get("txn.ua.admin"), "m-admin's condition is false for /shop");

        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertEquals(List.of("m-req"), n.messages().stream().map(Message::name).toList());
        assertEquals(TypedValue.string("/shop"), n.arg("m-req", "path"));
        List<SpoeResult> results = seen.spoe().results();
        assertEquals(SpoeResult.Status.PROCESSED, results.get(results.size() - 1).status(), results::toString);
    }

    @Test
    void aMessageConditionSelectsTheMessagesSent() {
        URI base = h.server(SpoeHandler.builder(engine).build(h.recorder()));
        assertEquals(200, h.get(base, "/admin/users").statusCode());
        RecordedNotify n = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        assertEquals(List.of("m-req", "m-admin"), n.messages().stream().map(Message::name).toList());
        assertEquals(Sample.str("/admin/users"), h.takeSeen().variables().get("txn.ua.admin"));
    }

    @Test
    void sessionVariablesAreSharedByTheExchangesOfOneConnection() {
        agent.dispatcher(null);
        agent.enqueue(Response.actions(io.spoe4j.codec.Action.setVar(io.spoe4j.codec.Scope.SESS, "user",
                TypedValue.string("bob"))));
        URI base = h.server(SpoeHandler.builder(engine).build(h.recorder()));
        assertEquals(200, h.get(base, "/one").statusCode());
        assertEquals(200, h.get(base, "/two").statusCode());
        Harness.Seen first = h.takeSeen();
        Harness.Seen second = h.takeSeen();
        assertEquals(Sample.str("bob"), first.variables().get("sess.ua.user"));
        assertEquals(Sample.str("bob"), second.variables().get("sess.ua.user"),
                "the second request of the keep-alive connection sees the session variable");
        assertTrue(first.spoe().session() == second.spoe().session(), "one SpoeSession per connection");
        assertFalse(first.spoe().transaction() == second.spoe().transaction());
    }

    @Test
    void theExchangeResumesOnItsIoThreadNeverOnTheAgentsEventLoop() {
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(50)));
        URI base = h.server(SpoeHandler.builder(engine).build(h.recorder()));
        assertEquals(200, h.get(base, "/slow").statusCode());
        Harness.Seen seen = h.takeSeen();
        assertTrue(seen.ioThread(), "entered on the IO thread, resumed on the IO thread: " + seen.thread());
        assertTrue(seen.thread().contains("I/O"), "an XNIO IO thread, got " + seen.thread());
        assertEquals(Sample.str("/slow"), seen.variables().get("txn.ua.path"));
    }

    @Test
    void anExchangeEnteredOnAWorkerResumesOnAWorker() {
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(50)));
        HttpHandler spoe = SpoeHandler.builder(engine).build(h.recorder());
        URI base = h.server(ex -> ex.dispatch(spoe));
        assertEquals(200, h.get(base, "/w").statusCode());
        Harness.Seen seen = h.takeSeen();
        assertFalse(seen.ioThread(), "resumed off the IO thread: " + seen.thread());
        assertTrue(seen.thread().contains("task"), "an XNIO worker thread, got " + seen.thread());
    }

    @Test
    void aStalledAgentAnswerDoesNotBlockTheIoThread() {
        // one IO thread: if it waited for the first exchange's ACK, the second request could not be read
        agent.dispatcher(notify -> notify.message("m-req") != null
                && TypedValue.string("/stalled").equals(notify.arg("m-req", "path"))
                ? Response.fault(Fault.stall()) : Response.actions(Harness.echo(notify.messages())));
        SpoeEngine slow = h.engine(agent, FailurePolicy.FAIL_OPEN, "5s");
        URI base = h.server(SpoeHandler.builder(slow).build(h.recorder()));
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<String>> stalled = h.sendAsync(request(base, "/stalled").build())
                .whenComplete((r, e) -> order.add("stalled"));
        agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
        HttpResponse<String> quick = Harness.await(h.sendAsync(request(base, "/quick").build())
                .whenComplete((r, e) -> order.add("quick")));
        assertEquals(200, quick.statusCode());
        assertEquals(200, Harness.await(stalled).statusCode(), "fail-open: the timed-out request goes through");
        assertEquals(List.of("quick", "stalled"), List.copyOf(order));
    }

    @Test
    void concurrentRequestsEachSeeTheirOwnVariables() {
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(20)));
        URI base = h.server(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(ex -> {
            String path = SpoeExchange.of(ex, "ua").orElseThrow().variables().get("txn.ua.path").toString();
            ex.getResponseSender().send(path + "|" + ex.getRequestHeaders().getFirst("x-spoe-txn-ua-path"));
        }));
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            all.add(h.sendAsync(request(base, "/c" + i).build()));
        }
        for (int i = 0; i < all.size(); i++) {
            HttpResponse<String> r = Harness.await(all.get(i));
            assertEquals(200, r.statusCode());
            assertEquals(Sample.str("/c" + i) + "|/c" + i, r.body());
        }
    }

    @Test
    void predicatesOnAVariableDenyOrRoute() {
        HttpHandler handler = SpoeHandler.builder(engine)
                .deny(Predicates.parse("equals(%{spoe,txn.ua.path}, '/blocked')", getClass().getClassLoader()))
                .denyStatus(451)
                .route(Predicates.parse("regex[pattern='^/api/', value=%{spoe,txn.ua.path}]",
                        getClass().getClassLoader()), ex -> ex.getResponseSender().send("api"))
                .build(h.recorder());
        URI base = h.server(handler);
        assertEquals(451, h.get(base, "/blocked").statusCode());
        assertEquals("api", h.get(base, "/api/v1").body());
        assertEquals(200, h.get(base, "/open").statusCode());
        assertEquals(Sample.str("/open"), h.takeSeen().variables().get("txn.ua.path"));
        assertNull(h.seen.poll(), "the denied exchange never reached the next handler");
    }

    @Test
    void haproxyRulesDenyRewriteAndRunJavaActions() {
        HttpHandler handler = SpoeHandler.builder(engine)
                .rule("http-request deny deny_status 403 hdr x-why path if { var(txn.ua.path) -m str /deny }")
                .rule("http-request return status 200 content-type text/plain string routed if { path /route }")
                .rule("http-request set-path /new%[path] if { path_beg /old }")
                .rule("http-request set-header x-rewritten %[var(txn.ua.path)]")
                .rule("http-request lua.tag")
                .action("tag", ctx -> {
                    ctx.addHeader("x-tag", "java");
                    return io.spoe4j.http.JavaAction.proceed();
                })
                .build(h.recorder());
        URI base = h.server(handler);
        java.net.http.HttpResponse<String> denied = h.get(base, "/deny");
        assertEquals(403, denied.statusCode());
        assertEquals(java.util.Optional.of("path"), denied.headers().firstValue("x-why"));
        assertEquals("", denied.body(), "deny with hdr and no payload: HAProxy 2.6 sends an empty reply");
        assertEquals("routed", h.get(base, "/route").body());
        assertEquals("", h.get(base, "/old/x").body());
        Harness.Seen seen = h.takeSeen();
        assertEquals("/old/x", seen.headers().get("x-rewritten"), seen.headers().toString());
        assertEquals("java", seen.headers().get("x-tag"), seen.headers().toString());
        assertEquals(Sample.str("/old/x"), seen.variables().get("txn.ua.path"));
        assertNull(h.seen.poll(), "the denied and answered exchanges never reached the next handler");
    }

    @Test
    void sendSpoeGroupRulesRunAfterTheirEventWhenTheirConditionHolds() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("spoe-undertow");
        try {
            java.nio.file.Files.writeString(dir.resolve("spoe.conf"), "[ua]\n" + Harness.CONF.formatted("20s"));
            String cfg = """
                    frontend fe
                        mode http
                        filter spoe engine ua config spoe.conf
                        http-request send-spoe-group ua g-auth if { req.hdr(x-auth) -m found }
                    backend agents
                        mode tcp
                        server a1 %s
                    """.formatted(agent.endpoint());
            io.spoe4j.config.SpoeSetup setup = io.spoe4j.config.SpoeConfigReader.standard()
                    .parseHaproxyCfg("haproxy.cfg", cfg, dir);
            SpoeEngine fromCfg = h.track(SpoeEngine.builder().setup(setup, "fe", "ua").threads(1).build());
            URI base = h.server(SpoeHandler.builder(fromCfg).setup(setup, "fe").build(h.recorder()));

            assertEquals(200, send(base, "/a", "token-1").statusCode());
            Harness.Seen with = h.takeSeen();
            assertEquals(Sample.str("token-1"), with.variables().get("txn.ua.auth"));
            List<SpoeResult> results = with.spoe().results();
            assertEquals(List.of("on-client-session", "on-frontend-http-request", "g-auth", "on-http-response"),
                    results.stream().map(SpoeResult::name).toList(), results::toString);
            assertEquals(SpoeResult.Kind.GROUP, results.get(2).kind());
            RecordedNotify event = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
            RecordedNotify grp = agent.takeNotify(Duration.ofSeconds(Harness.BOUND_SECONDS));
            assertEquals("m-req", event.messages().get(0).name(), "the event runs before the http-request rule");
            assertEquals(TypedValue.string("token-1"), grp.arg("m-auth", "auth"));

            assertEquals(200, send(base, "/b", null).statusCode());
            Harness.Seen without = h.takeSeen();
            assertNull(without.variables().get("txn.ua.auth"));
            SpoeResult skipped = without.spoe().results().get(2);
            assertEquals(SpoeResult.SkipReason.CONDITION_FALSE, skipped.skipReason(), skipped::toString);
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path p : files.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
            java.nio.file.Files.delete(dir);
        }
    }

    private HttpResponse<String> send(URI base, String path, String auth) {
        HttpRequest.Builder b = request(base, path);
        if (auth != null) {
            b.header("X-Auth", auth);
        }
        return h.send(b.build());
    }

    @Test
    void theExchangeAttachmentNamesTheEngineAndTheResultsInOrder() {
        URI base = h.server(SpoeHandler.builder(engine).build(h.recorder()));
        assertEquals(200, h.get(base, "/r").statusCode());
        SpoeExchange spoe = h.takeSeen().spoe();
        assertNotNull(spoe);
        assertEquals("ua", spoe.engine());
        assertFalse(spoe.blocked());
        assertEquals(List.of("on-client-session", "on-frontend-http-request"),
                spoe.results().stream().limit(2).map(SpoeResult::name).toList());
        assertEquals(SpoeEvent.ON_FRONTEND_HTTP_REQUEST.keyword(), spoe.results().get(1).name());
        assertEquals(Headers.HOST_STRING.toLowerCase(), "host");
    }

    @Test
    void theSessionIsClosedWithItsConnection() throws Exception {
        CompletableFuture<SpoeResult> afterClose = new CompletableFuture<>();
        URI base = h.server(SpoeHandler.builder(engine).build(ex -> {
            io.spoe4j.client.SpoeSession session = SpoeExchange.of(ex, "ua").orElseThrow().session();
            // registered after the handler's own listener, so it runs once the session is closed
            ex.getConnection().addCloseListener(c -> session.newTransaction(
                    io.spoe4j.acl.SimpleRequestAttributes.builder().build()).fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST)
                    .whenComplete((r, e) -> afterClose.complete(r)));
            ex.getResponseSender().send("bye");
        }));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(Harness.BOUND_SECONDS));
            socket.getOutputStream().write("GET /bye HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("bye"), answer);
        }
        SpoeResult r = Harness.await(afterClose);
        assertEquals(SpoeResult.SkipReason.DISABLED, r.skipReason(), "a closed session refuses work: " + r);
    }

    @Test
    void http2StreamsAreSuspendedAndResumedLikeHttp1Exchanges() {
        agent.dispatcher(notify -> Response.actions(Harness.echo(notify.messages())).delay(Duration.ofMillis(20)));
        io.undertow.Undertow undertow = io.undertow.Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setServerOption(io.undertow.UndertowOptions.ENABLE_HTTP2, true)
                .setHandler(SpoeHandler.builder(engine).variableHeaders("x-spoe-").build(h.recorder())).build();
        undertow.start();
        h.track(undertow::stop);
        int port = ((java.net.InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2)
                .build();
        List<io.spoe4j.client.SpoeSession> sessions = new ArrayList<>();
        for (String path : List.of("/h2-a", "/h2-b")) {
            HttpResponse<String> r = Harness.await(h2.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(Harness.BOUND_SECONDS))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            assertEquals(200, r.statusCode());
            Harness.Seen seen = h.takeSeen();
            assertEquals(path, seen.headers().get("x-spoe-txn-ua-path"), () -> seen.spoe().results().toString());
            sessions.add(seen.spoe().session());
            if (path.equals("/h2-b")) {
                assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version(), "upgraded to h2c");
            }
        }
        assertTrue(sessions.get(0) == sessions.get(1), "the streams of one HTTP/2 connection share the session");
    }
}

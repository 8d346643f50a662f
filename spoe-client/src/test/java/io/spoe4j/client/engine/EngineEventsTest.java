package io.spoe4j.client.engine;

import static io.spoe4j.client.engine.EngineHarness.await;
import static io.spoe4j.client.engine.EngineHarness.get;
import static io.spoe4j.client.engine.EngineHarness.request;
import static io.spoe4j.client.engine.EngineHarness.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.AclCompiler;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeResult.SkipReason;
import io.spoe4j.client.SpoeResult.Status;
import io.spoe4j.client.SpoeSession;
import io.spoe4j.client.SpoeTransaction;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.config.SpoeEvent;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.SpoaAgent;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events and groups: one NOTIFY per event in configuration order, conditions, groups, argument types. */
class EngineEventsTest {
    static final String CONF = """
            spoe-agent ev-agent
                messages m-first m-second m-cond m-unless m-resp m-types
                groups g1
                option var-prefix ev
                timeout processing 20s
                use-backend agents
            spoe-message m-first
                args path=path
                event on-frontend-http-request
            spoe-message m-second
                args method query
                event on-frontend-http-request
            spoe-message m-cond
                args flag=req.hdr(x-flag)
                event on-frontend-http-request if { req.hdr(x-flag) -m str on }
            spoe-message m-unless
                args p=path
                event on-backend-http-request unless { path -m beg /skip }
            spoe-message m-resp
                args status=status
                event on-http-response
            spoe-message m-types
                args src=src port=src_port tls=ssl_fc missing=req.hdr(x-absent) body=req.body
                event on-frontend-tcp-request
            spoe-message g-a
                args u=url
            spoe-message g-b
                args m=method
            spoe-group g1
                messages g-a g-b
            """;

    private final EngineHarness h = new EngineHarness();
    private SpoaAgent agent;
    private SpoeEngine engine;
    private SpoeSession session;

    @BeforeEach
    void setUp() {
        agent = h.agent();
        engine = h.engine(CONF, agent);
        session = h.track(engine.newSession(get("/")));
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private SpoeTransaction txn(SimpleRequestAttributes attributes) {
        return h.track(session.newTransaction(attributes));
    }

    @Test
    void allMessagesOfAnEventGoInOneNotifyInConfigurationOrder() {
        SpoeTransaction txn = txn(request("GET", "/p?q=1").header("X-Flag", "on").build());
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(Status.PROCESSED, r.status(), r::toString);
        assertEquals(List.of("m-first", "m-second", "m-cond"), r.messages());
        assertEquals(SpoeResult.Kind.EVENT, r.kind());
        assertEquals("on-frontend-http-request", r.name());
        assertEquals("ev-agent", r.engine(), "no [scope]: the engine is named after the agent");
        assertTrue(r.streamId() > 0 && r.frameId() > 0, "the ACK's ids are recorded");
        assertTrue(r.processTimeMs() >= 0 && r.totalTimeMs() >= r.processTimeMs());

        RecordedNotify n = take(agent);
        assertEquals(3, n.messages().size());
        assertEquals(Message.of("m-first", new Arg("path", TypedValue.string("/p"))), n.messages().get(0));
        assertEquals(Message.of("m-second", Arg.unnamed(TypedValue.string("GET")), Arg.unnamed(TypedValue.string("q=1"))),
                n.messages().get(1));
        assertEquals(Message.of("m-cond", new Arg("flag", TypedValue.string("on"))), n.messages().get(2));
        assertEquals(r.streamId(), n.streamId());
        assertEquals(r.frameId(), n.frameId());
    }

    @Test
    void aMessageWhoseConditionIsFalseIsLeftOut() {
        SpoeTransaction txn = txn(request("GET", "/p").header("X-Flag", "off").build());
        SpoeResult r = await(txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST));
        assertEquals(List.of("m-first", "m-second"), r.messages());
        assertEquals(List.of("m-first", "m-second"), take(agent).messages().stream().map(Message::name).toList());
    }

    @Test
    void noNotifyWhenNoMessageRemains() {
        SpoeTransaction txn = txn(request("GET", "/skip/this").build());
        SpoeResult skipped = await(txn.fire(SpoeEvent.ON_BACKEND_HTTP_REQUEST));
        assertEquals(Status.SKIPPED, skipped.status());
        assertEquals(SkipReason.NO_MESSAGE, skipped.skipReason());
        assertEquals(-1, skipped.processTimeMs(), "an event with nothing to send is not timed");
        SpoeResult none = await(txn.fire(SpoeEvent.ON_TCP_RESPONSE));
        assertEquals(SkipReason.NO_MESSAGE, none.skipReason(), "no message attached to the event at all");

        txn.attributes(request("GET", "/skip/this").responseStatus(404).build());
        SpoeResult resp = await(txn.fire(SpoeEvent.ON_HTTP_RESPONSE));
        assertEquals(Status.PROCESSED, resp.status());
        RecordedNotify n = take(agent);
        assertEquals("m-resp", n.messages().get(0).name(), "the skipped events sent nothing before it");
        assertEquals(TypedValue.int64(404), n.messages().get(0).arg("status"));
        assertEquals(1, agent.notifyCount());
    }

    @Test
    void unlessConditionSendsWhenTheTermsDoNotHold() {
        SpoeTransaction txn = txn(request("GET", "/app").build());
        SpoeResult r = await(txn.fire(SpoeEvent.ON_BACKEND_HTTP_REQUEST));
        assertEquals(List.of("m-unless"), r.messages());
        assertEquals(TypedValue.string("/app"), take(agent).messages().get(0).arg("p"));
    }

    @Test
    void argumentsUseHaproxyTypes() throws Exception {
        byte[] body = "a=1".getBytes(StandardCharsets.UTF_8);
        SpoeTransaction txn = txn(SimpleRequestAttributes.builder()
                .client(InetAddress.getByName("2001:db8::7"), 51234)
                .server(InetAddress.getByName("127.0.0.1"), 8443).tls("example.org")
                .method("POST").uri("/").httpVersion("1.1").requestBody(body).build());
        assertEquals(Status.PROCESSED, await(txn.fire(SpoeEvent.ON_FRONTEND_TCP_REQUEST)).status());
        Message m = take(agent).messages().get(0);
        assertEquals(TypedValue.ipv6(InetAddress.getByName("2001:db8::7").getAddress()), m.arg("src"));
        assertEquals(TypedValue.int64(51234), m.arg("port"));
        assertEquals(TypedValue.bool(true), m.arg("tls"));
        assertEquals(TypedValue.NULL, m.arg("missing"));
        assertArrayEquals(body, ((TypedValue.Binary) m.arg("body")).bytes());

        SpoeTransaction v4 = txn(request("GET", "/").build());
        await(v4.fire(SpoeEvent.ON_FRONTEND_TCP_REQUEST));
        Message m4 = take(agent).messages().get(0);
        assertEquals(TypedValue.ipv4(new byte[] {(byte) 192, 0, 2, 10}), m4.arg("src"));
        assertEquals(TypedValue.bool(false), m4.arg("tls"));
    }

    @Test
    void aGroupCanBeSentAnyNumberOfTimes() {
        SpoeTransaction txn = txn(request("GET", "/g?x=1").build());
        SpoeResult first = await(txn.sendGroup("g1"));
        SpoeResult second = await(txn.sendGroup("g1"));
        for (SpoeResult r : List.of(first, second)) {
            assertEquals(Status.PROCESSED, r.status(), r::toString);
            assertEquals(SpoeResult.Kind.GROUP, r.kind());
            assertEquals("g1", r.name());
            assertEquals(List.of("g-a", "g-b"), r.messages());
            RecordedNotify n = take(agent);
            assertEquals(List.of(Message.of("g-a", new Arg("u", TypedValue.string("/g?x=1"))),
                    Message.of("g-b", new Arg("m", TypedValue.string("GET")))), n.messages());
        }
    }

    @Test
    void aGroupWithAFalseConditionSendsNothing() {
        SpoeTransaction txn = txn(request("GET", "/g").build());
        AclCompiler acl = AclCompiler.standard();
        SpoeResult skipped = await(txn.sendGroup("g1", acl.condition(List.of("if", "{", "path", "-m", "beg", "/admin", "}"), Map.of())));
        assertEquals(Status.SKIPPED, skipped.status());
        assertEquals(SkipReason.CONDITION_FALSE, skipped.skipReason());
        SpoeResult sent = await(txn.sendGroup("g1", acl.condition(List.of("unless", "{", "path", "-m", "beg", "/admin", "}"), Map.of())));
        assertEquals(Status.PROCESSED, sent.status());
        assertEquals(1, agent.notifyCount());
        assertEquals("g-a", take(agent).messages().get(0).name());
    }

    @Test
    void anUnknownGroupFailsTheStageAtOnceAndTheTransactionGoesOn() {
        SpoeTransaction txn = txn(request("GET", "/").build());
        CompletableFuture<SpoeResult> nope = txn.sendGroup("nope").toCompletableFuture();
        assertTrue(nope.isCompletedExceptionally(), "failed before the call returns");
        ExecutionException e = assertThrows(ExecutionException.class, nope::get);
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(cause.getMessage().contains("'nope'"), cause.getMessage());
        assertNull(agent.pollNotify());
        CompletableFuture<SpoeResult> withCondition = txn.sendGroup("nope",
                AclCompiler.standard().condition(List.of("if", "TRUE"), Map.of())).toCompletableFuture();
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(ExecutionException.class, withCondition::get).getCause());
        assertEquals(Status.PROCESSED, await(txn.sendGroup("g1")).status());
    }

    @Test
    void eventsCalledWithoutWaitingRunOneAfterTheOtherInCallOrder() {
        SpoeTransaction txn = txn(request("GET", "/p").build());
        var a = txn.sendGroup("g1");
        var b = txn.fire(SpoeEvent.ON_FRONTEND_HTTP_REQUEST);
        var c = txn.sendGroup("g1");
        assertEquals(Status.PROCESSED, await(a).status());
        assertEquals(Status.PROCESSED, await(b).status());
        assertEquals(Status.PROCESSED, await(c).status());
        assertEquals("g-a", take(agent).messages().get(0).name());
        assertEquals("m-first", take(agent).messages().get(0).name());
        assertEquals("g-a", take(agent).messages().get(0).name());
    }
}

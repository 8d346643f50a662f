package io.spoe4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.ExampleAgent;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.Response;
import io.spoe4j.testkit.SpoaAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code spoe4j} command run in-process against the testkit's agents. */
class Spoe4jTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private SpoaAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private int run(String... args) {
        return Spoe4j.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private SpoaAgent example() {
        agent = ExampleAgent.start("127.0.0.1:0");
        return agent;
    }

    @Test
    void helpListsCommandsAndUnknownCommandsAreUsageErrors() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("probe") && out().contains("notify") && out().contains("agent"), out());
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
        assertEquals(2, run());
    }

    @Test
    void probePrintsTheAgentHello() {
        example();
        assertEquals(0, run("probe", agent.endpoint()), err());
        assertEquals(List.of("version: 2.0", "max-frame-size: 16380", "capabilities: pipelining,async"),
                out().lines().toList());
        assertTrue(agent.takeHello(java.time.Duration.ofSeconds(10)).healthcheck());
    }

    @Test
    void probeFailsWithTheStatusWhenTheAgentRefuses() {
        agent = SpoaAgent.builder().hello(AgentHelloSpec.refusing(SpopStatus.UNSUPPORTED_VERSION)).build().start();
        assertEquals(1, run("probe", agent.endpoint()));
        assertTrue(err().contains("status 8 (unsupported version)"), err());
    }

    @Test
    void probeFailsOnAnInvalidHelloAndOnARefusedConnection() {
        agent = SpoaAgent.builder().hello(AgentHelloSpec.standard().withRawCapabilities(null)).build().start();
        assertEquals(1, run("probe", agent.endpoint()));
        assertTrue(err().contains("status 7 (capabilities value not found)"), err());
        String endpoint = agent.endpoint();
        agent.close();
        agent = null;
        assertEquals(1, run("probe", endpoint, "--timeout", "2s"));
        assertTrue(err().contains("status 1 (I/O error)"), err());
    }

    @Test
    void unresolvableHostIsAFailureNotAUsageError() {
        assertEquals(1, run("probe", "no-such-host.invalid:12345"));
        assertTrue(err().contains("cannot resolve agent host 'no-such-host.invalid'"), err());
        assertEquals(1, run("notify", "no-such-host.invalid:12345", "m"));
    }

    @Test
    void probeUsageErrors() {
        assertEquals(2, run("probe"));
        assertTrue(err().contains("missing ADDRESS"), err());
        assertEquals(2, run("probe", "nowhere"));
        assertEquals(2, run("probe", "127.0.0.1:1", "--timeout", "soon"));
    }

    @Test
    void notifyPrintsEachActionAsAJsonLine() {
        example();
        assertEquals(0, run("notify", agent.endpoint(), "check-client-ip", "ip=ipv4:192.0.2.1"), err());
        long score = ExampleAgent.ipScore(new byte[] {(byte) 192, 0, 2, 1});
        assertEquals(List.of("{\"action\":\"set-var\",\"scope\":\"sess\",\"name\":\"ip_score\",\"type\":\"uint32\",\"value\":"
                + score + "}"), out().lines().toList());
    }

    @Test
    void notifySendsSeveralMessagesWithEveryArgType() {
        example();
        assertEquals(0, run("notify", agent.endpoint(), "echo", "a=null", "b=bool:true", "c=int32:-5", "d=uint32:7",
                "e=int64:-9", "f=uint64:18446744073709551615", "g=ipv6:2001:db8::1", "=str:hi \"there\"", "h=bin:00ff",
                "--message", "check-client-ip", "=ipv4:10.0.0.1", "--timeout", "5s", "--capabilities", "pipelining",
                "--max-frame-size", "4096"), err());
        List<String> lines = out().lines().toList();
        assertEquals(List.of(
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"a\",\"type\":\"null\",\"value\":null}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"b\",\"type\":\"bool\",\"value\":true}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"c\",\"type\":\"int32\",\"value\":-5}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"d\",\"type\":\"uint32\",\"value\":7}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"e\",\"type\":\"int64\",\"value\":-9}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"f\",\"type\":\"uint64\",\"value\":18446744073709551615}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"g\",\"type\":\"ipv6\",\"value\":\"2001:db8::1\"}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"arg7\",\"type\":\"str\",\"value\":\"hi \\\"there\\\"\"}",
                "{\"action\":\"set-var\",\"scope\":\"txn\",\"name\":\"h\",\"type\":\"bin\",\"value\":\"00ff\"}",
                "{\"action\":\"set-var\",\"scope\":\"sess\",\"name\":\"ip_score\",\"type\":\"uint32\",\"value\":"
                        + ExampleAgent.ipScore(new byte[] {10, 0, 0, 1}) + "}"), lines);
        assertEquals(4096, agent.takeHello(java.time.Duration.ofSeconds(10)).hello().maxFrameSize());
    }

    @Test
    void notifyOverAUnixSocket(@TempDir Path dir) {
        agent = ExampleAgent.start("unix:" + dir.resolve("a.sock"));
        assertEquals(0, run("notify", agent.endpoint(), "echo", "x=int64:1"), err());
        assertEquals(1, out().lines().count());
    }

    @Test
    void notifyFailsWithTheStatusOnAProtocolOrConnectionError() {
        agent = SpoaAgent.builder().build().start();
        agent.dispatcher(n -> switch (n.messages().get(0).name()) {
            case "bye" -> Response.fault(Fault.disconnect(42, "overloaded"));
            case "stall" -> Response.fault(Fault.stall());
            default -> Response.actions(Action.unsetVar(Scope.REQ, "gone"));
        });
        assertEquals(1, run("notify", agent.endpoint(), "bye"));
        assertTrue(err().contains("status 42") && err().contains("overloaded"), err());
        assertEquals(1, run("notify", agent.endpoint(), "stall", "--timeout", "200ms"));
        assertTrue(err().contains("error 1") && err().contains("timeout processing"), err());
        outBytes.reset();
        assertEquals(0, run("notify", agent.endpoint(), "m"));
        assertEquals("{\"action\":\"unset-var\",\"scope\":\"req\",\"name\":\"gone\"}", out().strip());
    }

    @Test
    void notifyUsageErrors() {
        assertEquals(2, run("notify", "127.0.0.1:1"));
        assertTrue(err().contains("missing MESSAGE"), err());
        assertEquals(2, run("notify", "127.0.0.1:1", "m", "x=float:1"));
        assertTrue(err().contains("unknown type 'float'"), err());
        assertEquals(2, run("notify", "127.0.0.1:1", "m", "x=ipv4:not-an-ip"));
        assertEquals(2, run("notify", "127.0.0.1:1", "m", "noequals"));
        assertEquals(2, run("notify", "127.0.0.1:1", "m", "--capabilities", "teleport"));
        assertEquals(2, run("notify", "127.0.0.1:1", "m", "--max-frame-size", "10"));
        assertTrue(err().contains("max-frame-size"), err());
        assertEquals(2, run("notify", "127.0.0.1:1", "m", "--bogus"));
        assertEquals(0, run("notify", "--help"));
    }

    @Test
    void agentHelpIsDelegatedToTheExampleAgent() {
        assertEquals(0, run("agent", "--help"));
    }

    @Test
    void jsonEscapesControlCharacters() {
        assertEquals("{\"action\":\"set-var\",\"scope\":\"proc\",\"name\":\"n\\u0001\",\"type\":\"str\",\"value\":\"a\\nb\\\\\"}",
                ActionJson.toJson(Action.setVar(Scope.PROC, "n\u0001", TypedValue.string("a\nb\\"))));
    }
}

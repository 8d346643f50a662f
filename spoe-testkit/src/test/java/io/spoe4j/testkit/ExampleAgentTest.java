package io.spoe4j.testkit;

import static io.spoe4j.testkit.SpopTestClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExampleAgentTest {
    private static final byte[] IP = {(byte) 192, 0, 2, 10};

    @Test
    void ipScoreIsFnv1aModulo101() {
        // FNV-1a of the empty input is the offset basis 0x811C9DC5 = 2166136261; 2166136261 % 101 = 97.
        assertEquals(2166136261L % 101, ExampleAgent.ipScore(new byte[0]));
        assertEquals(ExampleAgent.ipScore(IP), ExampleAgent.ipScore(IP.clone()));
        for (int i = 0; i < 256; i++) {
            long s = ExampleAgent.ipScore(new byte[] {10, 0, 0, (byte) i});
            assertTrue(s >= 0 && s <= 100, "score " + s);
        }
        long fnv = 0x811C9DC5L;
        for (byte b : IP) {
            fnv = ((fnv ^ (b & 0xFF)) * 0x01000193L) & 0xFFFFFFFFL;
        }
        assertEquals(fnv % 101, ExampleAgent.ipScore(IP));
    }

    @Test
    void checkClientIpSetsTheSessionScore() {
        List<Action> actions = ExampleAgent.actionsFor(List.of(
                Message.of("check-client-ip", new Arg("ip", TypedValue.ipv4(IP)))));
        assertEquals(List.of(Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(ExampleAgent.ipScore(IP)))),
                actions);
        byte[] v6 = new byte[16];
        v6[15] = 1;
        assertEquals(List.of(Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(ExampleAgent.ipScore(v6)))),
                ExampleAgent.actionsFor(List.of(Message.of("check-client-ip",
                        new Arg("other", TypedValue.string("x")), Arg.unnamed(TypedValue.ipv6(v6))))));
        assertEquals(List.of(), ExampleAgent.actionsFor(List.of(Message.of("check-client-ip",
                new Arg("ip", TypedValue.NULL)))));
    }

    @Test
    void echoReturnsArgsAsTxnVariablesAndOtherMessagesAreIgnored() {
        List<Action> actions = ExampleAgent.actionsFor(List.of(
                Message.of("unknown", new Arg("a", TypedValue.int32(1))),
                Message.of("echo", new Arg("method", TypedValue.string("GET")),
                        Arg.unnamed(TypedValue.int64(-5)), new Arg("b", TypedValue.binary(new byte[] {1, 2})))));
        assertEquals(List.of(Action.setVar(Scope.TXN, "method", TypedValue.string("GET")),
                Action.setVar(Scope.TXN, "arg1", TypedValue.int64(-5)),
                Action.setVar(Scope.TXN, "b", TypedValue.binary(new byte[] {1, 2}))), actions);
    }

    @Test
    void startedAgentAnswersOverTheWire() throws Exception {
        try (SpoaAgent agent = ExampleAgent.start("127.0.0.1:0");
                SpopTestClient c = SpopTestClient.handshake(agent)) {
            c.send(new Notify(1, 1, List.of(Message.of("check-client-ip", new Arg("ip", TypedValue.ipv4(IP))),
                    Message.of("echo", new Arg("path", TypedValue.string("/p"))))));
            assertEquals(new Ack(1, 1, List.of(
                    Action.setVar(Scope.SESS, "ip_score", TypedValue.uint32(ExampleAgent.ipScore(IP))),
                    Action.setVar(Scope.TXN, "path", TypedValue.string("/p")))), c.read());
        }
    }

    @Test
    void parsesListenArguments() {
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.1", 12345), ExampleAgent.parseListen());
        assertEquals(InetSocketAddress.createUnresolved("0.0.0.0", 9000), ExampleAgent.parseListen("--listen", ":9000"));
        assertEquals(UnixDomainSocketAddress.of(Path.of("/tmp/a.sock")),
                ExampleAgent.parseListen("--listen=unix:/tmp/a.sock"));
        assertNull(ExampleAgent.parseListen("--help"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleAgent.parseListen("--listen"));
        assertTrue(e.getMessage().startsWith("--listen"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExampleAgent.parseListen("--port", "1"));
        assertTrue(e.getMessage().contains("'--port'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExampleAgent.parseListen("--listen", "host"));
        assertTrue(e.getMessage().startsWith("--listen:"), e.getMessage());
    }

    @Test
    void mainRunsInItsOwnJvmUntilTerminated() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExampleAgent.class.getName(), "--listen", "127.0.0.1:0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String endpoint = null;
            // readLine returns null if the process dies, so this loop is bounded by the process's life.
            while ((line = out.readLine()) != null) {
                int at = line.indexOf("listening on ");
                if (at >= 0) {
                    endpoint = line.substring(at + "listening on ".length()).trim();
                    break;
                }
            }
            assertTrue(endpoint != null && endpoint.startsWith("127.0.0.1:"), "printed address: " + endpoint);
            int port = Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1));
            try (SpopTestClient c = SpopTestClient.connect(new InetSocketAddress("127.0.0.1", port), 1 << 16)) {
                c.send(SpopTestClient.hello("pipelining"));
                c.read(io.spoe4j.codec.Frame.AgentHello.class);
                c.send(new Notify(4, 1, List.of(Message.of("check-client-ip", new Arg("ip", TypedValue.ipv4(IP))))));
                assertEquals(new Ack(4, 1, List.of(Action.setVar(Scope.SESS, "ip_score",
                        TypedValue.uint32(ExampleAgent.ipScore(IP))))), c.read());
            }
            p.destroy();
            assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "agent did not stop on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }
}

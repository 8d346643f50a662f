package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.spoe4j.client.AgentHandshake;
import io.spoe4j.client.AgentProbe;
import io.spoe4j.client.AgentReply;
import io.spoe4j.client.AgentServer;
import io.spoe4j.client.SpoeClient;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.SpoaAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Epoll and io_uring are optional: without them the client and the testkit agent run on NIO, over
 * TCP and Unix sockets. Runs only in spoe-client's two {@code nio-fallback-*} Surefire executions
 * (see the pom): one with the epoll and io_uring jars removed from the class path (a missing jar
 * must not throw NoClassDefFoundError), one with them present and
 * {@code -Dio.netty.transport.noNative=true} (what macOS, ARM without the native jar, or a
 * locked-down host gives).
 */
class NioFallbackTest {
    private static final String MODE = System.getProperty("spoe4j.test.transport");
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path dir;

    @Test
    void withoutEpollTheClientAndTheTestkitAgentRunOnNio() throws Exception {
        assumeTrue(MODE != null, "runs in the nio-fallback Surefire executions only");
        if (MODE.equals("no-native-jars")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.epoll.Epoll"),
                    "the execution removed the epoll jars from the class path");
            assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.uring.IoUring"),
                    "the execution removed the io_uring jars from the class path");
        } else {
            assertEquals("no-native", MODE);
            assertFalse(Epoll.isAvailable(), "io.netty.transport.noNative=true disables the native transport");
            assertFalse(IoUring.isAvailable(), "io.netty.transport.noNative=true disables io_uring too");
        }
        assertFalse(Transport.epollAvailable());
        assertFalse(Transport.ioUringAvailable());
        for (String named : List.of("io_uring", "epoll")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transport.resolve(named));
            assertTrue(e.getMessage().startsWith("transport " + named + " is not available here: "), e.getMessage());
        }
        assertEquals("nio", Transport.resolve("auto"));
        EventLoopGroup group = Transport.newGroup(1, "nio-fallback");
        try {
            assertEquals("nio", Transport.kind(group), "a NIO group");
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
        for (String listen : List.of("127.0.0.1:0", "unix:" + dir.resolve("agent.sock"))) {
            try (SpoaAgent agent = SpoaAgent.builder().listen(listen).build().start();
                    SpoeClient client = SpoeClient.builder().server(AgentServer.of("a", agent.endpoint())).build()) {
                AgentReply reply = client.send(List.of(Message.of("m", new Arg("n", TypedValue.int64(1)))),
                        Duration.ofSeconds(10)).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals("a", reply.server(), listen);
                assertEquals("m", agent.takeNotify(Duration.ofSeconds(WAIT_SECONDS)).messages().get(0).name(), listen);
                AgentHandshake hs = AgentProbe.probe(AgentServer.of(agent.endpoint()), Duration.ofSeconds(10))
                        .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals("2.0", hs.version(), listen);
            }
        }
    }
}

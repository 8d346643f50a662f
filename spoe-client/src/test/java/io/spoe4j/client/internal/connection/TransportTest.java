package io.spoe4j.client.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each transport the JVM can run carries the client's exchanges over TCP and Unix sockets; names are checked. */
class TransportTest {
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void aClientOnEachTransportExchangesOverTcpAndUnixSockets(String transport) throws Exception {
        if (transport.equals("io_uring")) {
            assumeTrue(IoUring.isAvailable(), () -> "io_uring cannot run here: " + IoUring.unavailabilityCause());
        }
        if (transport.equals("epoll")) {
            assumeTrue(Epoll.isAvailable(), () -> "epoll cannot run here: " + Epoll.unavailabilityCause());
        }
        EventLoopGroup group = Transport.newGroup(1, "transport-test", transport);
        try {
            assertEquals(transport, Transport.kind(group));
            for (String listen : List.of("127.0.0.1:0", "unix:" + dir.resolve(transport + ".sock"))) {
                try (SpoaAgent agent = SpoaAgent.builder().listen(listen).build().start();
                        SpoeClient client = SpoeClient.builder().eventLoopGroup(group)
                                .server(AgentServer.of("a", agent.endpoint())).build()) {
                    AgentReply reply = client.send(List.of(Message.of("m", new Arg("n", TypedValue.int64(7)))),
                            Duration.ofSeconds(10)).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
                    assertEquals("a", reply.server(), listen);
                    assertEquals(TypedValue.int64(7), agent.takeNotify(Duration.ofSeconds(WAIT_SECONDS))
                            .messages().get(0).args().get(0).value(), listen);
                }
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(WAIT_SECONDS * 1000);
        }
    }

    @Test
    void autoIsTheFirstOfIoUringEpollAndNioThatRuns() {
        String expected = IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio";
        String named = System.getProperty(Transport.PROPERTY);
        assumeTrue(named == null || named.equals("auto"), "-Dspoe4j.transport is set for this run");
        assertEquals(expected, Transport.resolve("auto"));
        assertEquals(IoUring.isAvailable(), Transport.ioUringAvailable());
    }

    @Test
    void anUnknownTransportIsRefusedWithTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transport.newGroup(1, "transport-test", "kqueue"));
        assertEquals("unknown transport 'kqueue': one of auto, io_uring, epoll, nio", e.getMessage());
    }
}

package io.spoe4j.testkit;

import static io.spoe4j.testkit.SpopTestClient.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.Notify;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest {
    @TempDir
    Path dir;

    @Test
    void servesOverAUnixDomainSocketAndRemovesItOnClose() throws Exception {
        assertTrue(Epoll.isAvailable(), () -> "Netty epoll must be available on Linux CI: " + Epoll.unavailabilityCause());
        Path socket = dir.resolve("agent.sock");
        SpoaAgent agent = SpoaAgent.builder().listen("unix:" + socket).build().start();
        try {
            assertEquals(UnixDomainSocketAddress.of(socket), agent.address());
            assertEquals(-1, agent.port());
            assertEquals("unix:" + socket, agent.endpoint());
            assertTrue(Files.exists(socket));
            try (SpopTestClient c = SpopTestClient.handshake(agent)) {
                c.sendByteAtATime(new Notify(1, 2, List.of()));
                assertEquals(new Ack(1, 2, List.of()), c.read());
            }
            assertEquals(0, agent.takeNotify(WAIT).connectionIndex());
        } finally {
            agent.close();
        }
        assertFalse(Files.exists(socket), "socket file removed on close");
    }
}

package io.spoe4j.client.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.AgentServer;
import io.spoe4j.options.Balance;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.internal.connection.AgentConnection;
import io.spoe4j.client.internal.connection.ConnectionOwner;
import io.spoe4j.client.internal.connection.IgnoringOwner;
import io.spoe4j.client.internal.connection.ConnectionState;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopFrameEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The balancer alone: server choice by algorithm, event-loop affinity, and the growth it asks for. */
class BalancerTest {
    private static final int LOOPS = 2;
    private static final ConnectionOwner OWNER = IgnoringOwner.INSTANCE;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<String> growth = new ArrayList<>();
    private final Balancer.Growth recorder = new Balancer.Growth() {
        @Override
        public void warmUp(ServerState s, int loop) {
            growth.add("warmUp " + s.name + " " + loop);
        }

        @Override
        public void growOn(ServerState s, int loop) {
            growth.add("growOn " + s.name + " " + loop);
        }
    };

    @AfterEach
    void close() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }

    private static ServerState[] servers(int n) {
        ServerState[] out = new ServerState[n];
        for (int i = 0; i < n; i++) {
            out[i] = new ServerState(AgentServer.of("s" + (i + 1), "127.0.0.1:" + (12000 + i)), new Bootstrap(), i, 1,
                    LOOPS);
        }
        return out;
    }

    /** A running connection (pipelining: several slots) to {@code s}, filed under event loop {@code loop}. */
    private AgentConnection connect(ServerState s, int loop) {
        AgentConnection c = new AgentConnection(s.name, AgentOptions.builder().pipelining(true).build(), OWNER, new SpoeClientListener() {
        }, null, s.index, loop);
        EmbeddedChannel ch = new EmbeddedChannel(new SpopFrameDecoder(16380), SpopFrameEncoder.INSTANCE, c);
        channels.add(ch);
        ch.releaseOutbound();
        ch.writeInbound(FrameCodec.encode(new Frame.AgentHello("2.0", 16380, "pipelining"), ByteBufAllocator.DEFAULT));
        assertEquals(ConnectionState.RUNNING, c.state());
        assertTrue(c.slotLimit() > 4, "pipelining gives several slots");
        s.addReady(c);
        return c;
    }

    private static List<String> servedBy(Balancer b, int loop, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AgentConnection c = b.pick(loop);
            out.add(c == null ? null : c.serverName());
        }
        return out;
    }

    @Test
    void roundRobinAlternatesServers() {
        ServerState[] s = servers(2);
        connect(s[0], -1);
        connect(s[1], -1);
        Balancer b = new Balancer(s, Balance.ROUNDROBIN, recorder);
        assertEquals(List.of("s1", "s2", "s1", "s2"), servedBy(b, -1, 4));
        assertEquals(List.of(), growth);
    }

    @Test
    void leastConnPrefersTheLessLoadedServerAndAlternatesTies() {
        ServerState[] s = servers(2);
        AgentConnection busy = connect(s[0], -1);
        connect(s[1], -1);
        for (int i = 0; i < 3; i++) {
            assertTrue(busy.tryReserve());
        }
        Balancer b = new Balancer(s, Balance.LEASTCONN, recorder);
        assertEquals(List.of("s2", "s2", "s2"), servedBy(b, -1, 3));
        assertEquals(3, s[0].load());
        assertEquals(3, s[1].load());
        List<String> next = servedBy(b, -1, 2);
        assertTrue(next.contains("s1") && next.contains("s2"), "equal loads alternate: " + next);
    }

    @Test
    void downServerIsSkipped() {
        ServerState[] s = servers(2);
        connect(s[0], -1);
        connect(s[1], -1);
        s[0].up = false;
        Balancer b = new Balancer(s, Balance.ROUNDROBIN, recorder);
        assertEquals(List.of("s2", "s2", "s2"), servedBy(b, -1, 3));
    }

    @Test
    void connectionOfTheCallersLoopIsPreferredWithinTheServer() {
        ServerState[] s = servers(1);
        AgentConnection on0 = connect(s[0], 0);
        AgentConnection on1 = connect(s[0], 1);
        Balancer b = new Balancer(s, Balance.ROUNDROBIN, recorder);
        for (int i = 0; i < 3; i++) {
            assertSame(on1, b.pick(1));
            assertSame(on0, b.pick(0));
        }
        assertEquals(3, on0.load());
        assertEquals(3, on1.load());
        assertEquals(List.of(), growth, "every loop has its own connection");
    }

    @Test
    void loopWithoutItsOwnConnectionUsesAnotherAndAsksForOne() {
        ServerState[] s = servers(1);
        AgentConnection on0 = connect(s[0], 0);
        Balancer b = new Balancer(s, Balance.ROUNDROBIN, recorder);
        assertSame(on0, b.pick(1));
        assertEquals(List.of("growOn s1 1"), growth);
        growth.clear();
        assertSame(on0, b.pick(-1));
        assertEquals(List.of(), growth, "a caller off the loops asks for no growth");
    }

    @Test
    void serverWithoutConnectionsIsWarmedUpWhenItsTurnComes() {
        ServerState[] s = servers(2);
        connect(s[0], 0);
        Balancer b = new Balancer(s, Balance.ROUNDROBIN, recorder);
        assertEquals(List.of("s1", "s1"), servedBy(b, 0, 2));
        assertEquals(List.of("warmUp s2 0"), growth, "s2's turn opens its first connection");
    }

    @Test
    void noneWhenNoConnectionHasRoom() {
        ServerState[] s = servers(1);
        Balancer b = new Balancer(s, Balance.ROUNDROBIN, recorder);
        assertNull(b.pick(-1));
        AgentConnection c = connect(s[0], -1);
        while (c.tryReserve()) {
            // fill every slot
        }
        assertNull(b.pick(-1));
    }
}

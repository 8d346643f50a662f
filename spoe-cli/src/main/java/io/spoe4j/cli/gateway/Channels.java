package io.spoe4j.cli.gateway;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.spoe4j.client.internal.connection.Transport;
import java.util.List;

/**
 * The event loops and channel classes of the command's servers and upstream connections: io_uring
 * loops where the kernel allows them, else epoll (this application ships both native libraries for
 * Linux x86-64), else NIO, unless a transport is named; and the channel classes that match
 * whichever kind of group a caller passes. Stateless.
 */
public final class Channels {
    /** The transports {@link #newGroup(int, String, String)} takes: auto, io_uring, epoll, nio. */
    public static final List<String> TRANSPORTS = Transport.NAMES;

    private Channels() {
    }

    /**
     * A group of {@code threads} loops of {@code transport} (see {@link Transport#NAMES}); 0 threads
     * means one per available CPU, as HAProxy's {@code nbthread} defaults to the CPUs it may run on
     * (Netty's own default, two per CPU, only adds context switches on a small machine).
     *
     * @throws IllegalArgumentException when {@code transport} is unknown or cannot run here (with why)
     */
    public static EventLoopGroup newGroup(int threads, String transport, String name) {
        return Transport.newGroup(threads(threads), name, transport);
    }

    /** As {@link #newGroup(int, String, String)} with the transport {@code spoe4j.transport} names, else {@code auto}. */
    public static EventLoopGroup newGroup(int threads, String name) {
        return Transport.newGroup(threads(threads), name);
    }

    /** How many loops {@link #newGroup} makes for {@code threads}. */
    public static int threads(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The kind of {@code group}'s loops: {@code io_uring}, {@code epoll} or {@code nio}. */
    public static String kind(EventLoopGroup group) {
        return Transport.kind(group);
    }

    /** The listening channel class for {@code group}. */
    public static Class<? extends ServerChannel> server(EventLoopGroup group) {
        return Transport.serverChannel(group);
    }

    /** The connecting TCP channel class for {@code loop}. */
    @SuppressWarnings("unchecked") // every kind's TCP channel is a SocketChannel
    public static Class<? extends SocketChannel> socket(EventLoop loop) {
        return (Class<? extends SocketChannel>) Transport.socketChannel(loop, false);
    }
}

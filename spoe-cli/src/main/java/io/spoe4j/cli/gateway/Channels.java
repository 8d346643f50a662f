package io.spoe4j.cli.gateway;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.spoe4j.client.internal.connection.Transport;

/**
 * The event loops and channel classes of the command's servers and upstream connections: epoll
 * loops when the native library loads (Linux; this application ships it), NIO otherwise, and the
 * channel classes that match whichever kind of group a caller passes. Stateless.
 */
public final class Channels {
    private Channels() {
    }

    /**
     * A group of {@code threads} loops, epoll when available; 0 means one per available CPU, as
     * HAProxy's {@code nbthread} defaults to the CPUs it may run on (Netty's own default, two per
     * CPU, only adds context switches on a small machine).
     */
    public static EventLoopGroup newGroup(int threads, String name) {
        return Transport.newGroup(threads(threads), name);
    }

    /** How many loops {@link #newGroup} makes for {@code threads}. */
    public static int threads(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Whether {@code group}'s loops are epoll loops. */
    public static boolean isEpoll(EventLoopGroup group) {
        return Transport.isEpoll(group);
    }

    /** The listening channel class for {@code group}. */
    public static Class<? extends ServerChannel> server(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The connecting channel class for {@code loop}. */
    public static Class<? extends SocketChannel> socket(EventLoop loop) {
        return Transport.isEpoll(loop) ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}

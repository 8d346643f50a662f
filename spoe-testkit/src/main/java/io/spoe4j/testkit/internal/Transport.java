package io.spoe4j.testkit.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spoe4j.testkit.TestkitException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** Chooses epoll when available (required for Unix sockets), NIO otherwise. */
final class Transport {
    private final boolean epoll;
    private final boolean unix;

    private Transport(boolean epoll, boolean unix) {
        this.epoll = epoll;
        this.unix = unix;
    }

    static Transport forAddress(SocketAddress address) {
        boolean unix = address instanceof UnixDomainSocketAddress;
        boolean epoll = Epoll.isAvailable();
        if (unix && !epoll) {
            throw new TestkitException("Unix domain sockets need Netty's native epoll transport, which is unavailable: "
                    + Epoll.unavailabilityCause());
        }
        return new Transport(epoll, unix);
    }

    EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("spoa-agent", true), factory);
    }

    Class<? extends ServerChannel> serverChannel() {
        if (unix) {
            return EpollServerDomainSocketChannel.class;
        }
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    boolean unix() {
        return unix;
    }

    /** The address Netty binds: Unix paths become Netty's own DomainSocketAddress; host names are resolved. */
    static SocketAddress toNetty(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress u) {
            return new DomainSocketAddress(u.getPath().toString());
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.isUnresolved() ? new InetSocketAddress(inet.getHostString(), inet.getPort()) : inet;
    }
}

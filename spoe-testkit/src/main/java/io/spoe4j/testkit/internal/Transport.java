package io.spoe4j.testkit.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Chooses epoll when available, NIO otherwise (TCP and, on Java 16+, Unix sockets). The epoll jars
 * are optional dependencies: every epoll class is named in {@link EpollSupport} only, which is
 * used once the classes are known to be on the class path.
 */
final class Transport {
    private static final boolean EPOLL = epollAvailable();

    private final boolean epoll;
    private final boolean unix;

    private Transport(boolean epoll, boolean unix) {
        this.epoll = epoll;
        this.unix = unix;
    }

    private static boolean epollAvailable() {
        try {
            Class.forName("io.netty.channel.epoll.Epoll", false, Transport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return EpollSupport.isAvailable();
    }

    static Transport forAddress(SocketAddress address) {
        return new Transport(EPOLL, address instanceof UnixDomainSocketAddress);
    }

    EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = epoll ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("spoa-agent", true), factory);
    }

    Class<? extends ServerChannel> serverChannel() {
        if (epoll) {
            return EpollSupport.serverChannel(unix);
        }
        return unix ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class;
    }

    boolean unix() {
        return unix;
    }

    /**
     * The address Netty binds: on epoll, Unix paths become Netty's own DomainSocketAddress (NIO
     * takes the JDK's); host names are resolved.
     */
    SocketAddress toNetty(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress u) {
            return epoll ? new DomainSocketAddress(u.getPath().toString()) : u;
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        return inet.isUnresolved() ? new InetSocketAddress(inet.getHostString(), inet.getPort()) : inet;
    }
}

package io.spoe4j.client.internal.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;

/**
 * Picks channel classes for an event loop group and an address: epoll channels (TCP, Unix
 * sockets) on an epoll group, NIO channels (TCP, Java 16+ Unix sockets) otherwise. Stateless.
 */
public final class Transport {
    private Transport() {
    }

    /** A group of {@code threads} loops (0 = Netty's default), epoll when available, else NIO. */
    public static EventLoopGroup newGroup(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return new MultiThreadIoEventLoopGroup(threads, factory,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    static boolean isEpoll(EventLoopGroup group) {
        EventLoop loop = group.next();
        return loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class);
    }

    /**
     * A bootstrap for {@code address} on {@code group}, without a handler.
     *
     * @throws IllegalArgumentException when a host name cannot be resolved
     */
    public static Bootstrap bootstrap(EventLoopGroup group, SocketAddress address, Duration connectTimeout) {
        boolean unix = address instanceof UnixDomainSocketAddress;
        boolean epoll = isEpoll(group);
        Class<? extends Channel> type = epoll ? (unix ? EpollDomainSocketChannel.class : EpollSocketChannel.class)
                : (unix ? NioDomainSocketChannel.class : NioSocketChannel.class);
        Bootstrap b = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        if (!unix) {
            b.option(ChannelOption.TCP_NODELAY, true);
        }
        return b.remoteAddress(remote(address, epoll));
    }

    /**
     * Unix paths become Netty's address type on epoll. Host names are resolved here, once, on the
     * caller's thread (as HAProxy resolves servers at startup), so that connecting never runs a
     * blocking lookup on an event loop.
     *
     * @throws IllegalArgumentException when a host name cannot be resolved
     */
    private static SocketAddress remote(SocketAddress address, boolean epoll) {
        if (address instanceof UnixDomainSocketAddress unix && epoll) {
            return new DomainSocketAddress(unix.getPath().toString());
        }
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            InetSocketAddress resolved = new InetSocketAddress(inet.getHostString(), inet.getPort());
            if (resolved.isUnresolved()) {
                throw new IllegalArgumentException("cannot resolve agent host '" + inet.getHostString() + "'");
            }
            return resolved;
        }
        return address;
    }
}

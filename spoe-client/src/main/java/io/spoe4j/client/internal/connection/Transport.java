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

    /** A bootstrap for {@code address} on {@code group}, without a handler. */
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

    private static SocketAddress remote(SocketAddress address, boolean epoll) {
        if (address instanceof UnixDomainSocketAddress unix && epoll) {
            return new DomainSocketAddress(unix.getPath().toString());
        }
        return address;
    }
}

package io.spoe4j.client.internal.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
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
 *
 * <p>Epoll is optional: its jars ({@code netty-transport-classes-epoll} and the native
 * {@code netty-transport-native-epoll} of the platform) are optional dependencies. Every epoll
 * class is referenced from {@link EpollSupport} only, which is touched once the classes are
 * known to be there, so a missing jar means NIO rather than a {@link NoClassDefFoundError}.
 */
public final class Transport {
    /** Whether {@code netty-transport-classes-epoll} is on the class path. */
    private static final boolean EPOLL_CLASSES = present("io.netty.channel.epoll.Epoll");
    /** Whether the epoll classes are there and the native library loaded (Linux, not {@code io.netty.transport.noNative}). */
    private static final boolean EPOLL = EPOLL_CLASSES && EpollSupport.isAvailable();

    private Transport() {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Transport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether {@link #newGroup} makes epoll loops: the optional epoll jars are there and load on this platform. */
    public static boolean epollAvailable() {
        return EPOLL;
    }

    /** A group of {@code threads} loops (0 = Netty's default), epoll when available, else NIO. */
    public static EventLoopGroup newGroup(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        IoHandlerFactory io = EPOLL ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory, io);
    }

    /** Whether {@code group} (or one loop: its own {@code next()}) runs epoll loops; a caller's group may be either kind. */
    public static boolean isEpoll(EventLoopGroup group) {
        EventLoop loop = group.next();
        return EPOLL_CLASSES && loop instanceof IoEventLoop io && EpollSupport.isEpoll(io);
    }

    /**
     * A bootstrap for {@code address} on {@code group}, without a handler.
     *
     * @throws IllegalArgumentException when a host name cannot be resolved
     */
    public static Bootstrap bootstrap(EventLoopGroup group, SocketAddress address, Duration connectTimeout) {
        boolean unix = address instanceof UnixDomainSocketAddress;
        boolean epoll = isEpoll(group);
        Class<? extends Channel> type = epoll ? EpollSupport.socketChannel(unix)
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

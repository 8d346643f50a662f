package io.spoe4j.client.internal.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The event loops and channel classes: io_uring, epoll or NIO. {@link #newGroup} makes the kind it
 * is told, or for {@code auto} the one the system property {@code spoe4j.transport} names
 * ({@code io_uring}, {@code epoll}, {@code nio}), else the first of io_uring, epoll and NIO that this
 * JVM can run; the channel classes always match the kind of group a caller passes (a gateway's own
 * loops, shared). Stateless.
 *
 * <p>io_uring and epoll are optional: their jars ({@code netty-transport-classes-io_uring},
 * {@code netty-transport-classes-epoll} and the native jars of the platform) are optional
 * dependencies. Their classes are named in {@link IoUringSupport} and {@link EpollSupport} only,
 * which are touched once the classes are known to be there, so a missing jar means the next kind
 * rather than a {@link NoClassDefFoundError}. io_uring also needs a kernel that allows it (5.9+, not
 * {@code kernel.io_uring_disabled}, not blocked by a container's seccomp profile).
 */
public final class Transport {
    /** The system property naming the transport of {@link #newGroup(int, String)}. */
    public static final String PROPERTY = "spoe4j.transport";
    /** The names {@link #newGroup(int, String, String)} takes. */
    public static final List<String> NAMES = List.of("auto", "io_uring", "epoll", "nio");

    /** Whether {@code netty-transport-classes-epoll} is on the class path. */
    private static final boolean EPOLL_CLASSES = present("io.netty.channel.epoll.Epoll");
    /** Whether the epoll classes are there and the native library loaded (Linux, not {@code io.netty.transport.noNative}). */
    private static final boolean EPOLL = EPOLL_CLASSES && EpollSupport.isAvailable();
    /** Whether {@code netty-transport-classes-io_uring} is on the class path. */
    private static final boolean URING_CLASSES = present("io.netty.channel.uring.IoUring");
    /** Whether the io_uring classes are there, the native library loaded and the kernel sets up a ring. */
    private static final boolean URING = URING_CLASSES && IoUringSupport.isAvailable();

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

    /** Whether epoll loops can be made: the optional epoll jars are there and load on this platform. */
    public static boolean epollAvailable() {
        return EPOLL;
    }

    /** Whether io_uring loops can be made: the optional io_uring jars are there and the kernel allows it. */
    public static boolean ioUringAvailable() {
        return URING;
    }

    /** A group of {@code threads} loops (0 = Netty's default) of the {@code auto} transport. */
    public static EventLoopGroup newGroup(int threads, String name) {
        return newGroup(threads, name, "auto");
    }

    /**
     * A group of {@code threads} loops (0 = Netty's default) of {@code transport}: one of
     * {@link #NAMES}, where {@code auto} is the one {@value #PROPERTY} names when it is set, else the
     * first of io_uring, epoll and NIO this JVM can run.
     *
     * @throws IllegalArgumentException when {@code transport} is no such name, or one this JVM cannot run (with why)
     */
    public static EventLoopGroup newGroup(int threads, String name, String transport) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        IoHandlerFactory io = switch (resolve(transport)) {
            case "io_uring" -> IoUringSupport.ioHandlerFactory();
            case "epoll" -> EpollSupport.ioHandlerFactory();
            default -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, factory, io);
    }

    /**
     * The transport {@code transport} stands for here: {@code io_uring}, {@code epoll} or {@code nio}.
     *
     * @throws IllegalArgumentException when it is none of {@link #NAMES}, or one this JVM cannot run (with why)
     */
    public static String resolve(String transport) {
        switch (transport) {
            case "auto":
                String named = System.getProperty(PROPERTY, "auto");
                if (!named.equals("auto")) {
                    try {
                        return resolve(named);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("-D" + PROPERTY + ": " + e.getMessage(), e);
                    }
                }
                return URING ? "io_uring" : EPOLL ? "epoll" : "nio";
            case "io_uring":
                return runnable(transport, URING, URING_CLASSES ? IoUringSupport.unavailabilityCause() : null);
            case "epoll":
                return runnable(transport, EPOLL, EPOLL_CLASSES ? EpollSupport.unavailabilityCause() : null);
            case "nio":
                return transport;
            default:
                throw new IllegalArgumentException("unknown transport '" + transport + "': one of " + String.join(", ", NAMES));
        }
    }

    /** {@code name} when it runs here, else why not: Netty's {@code cause}, or its classes jar missing ({@code null}). */
    private static String runnable(String name, boolean runs, Throwable cause) {
        if (!runs) {
            throw new IllegalArgumentException("transport " + name + " is not available here: "
                    + (cause != null ? cause : "netty-transport-classes-" + name + " is not on the class path"));
        }
        return name;
    }

    /** The kind of {@code group}'s loops (asking one of them): {@code io_uring}, {@code epoll} or {@code nio}. */
    public static String kind(EventLoopGroup group) {
        if (!(group.next() instanceof IoEventLoop io)) {
            return "nio";
        }
        if (URING_CLASSES && IoUringSupport.isIoUring(io)) {
            return "io_uring";
        }
        return EPOLL_CLASSES && EpollSupport.isEpoll(io) ? "epoll" : "nio";
    }

    /** The connecting channel class for {@code group}'s kind of loops, TCP or Unix socket. */
    public static Class<? extends Channel> socketChannel(EventLoopGroup group, boolean unix) {
        return socketChannel(kind(group), unix);
    }

    private static Class<? extends Channel> socketChannel(String kind, boolean unix) {
        return switch (kind) {
            case "io_uring" -> IoUringSupport.socketChannel(unix);
            case "epoll" -> EpollSupport.socketChannel(unix);
            default -> unix ? NioDomainSocketChannel.class : NioSocketChannel.class;
        };
    }

    /** The TCP listening channel class for {@code group}'s kind of loops. */
    public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
        return switch (kind(group)) {
            case "io_uring" -> IoUringSupport.serverChannel();
            case "epoll" -> EpollSupport.serverChannel();
            default -> NioServerSocketChannel.class;
        };
    }

    /**
     * A bootstrap for {@code address} on {@code group}, without a handler.
     *
     * @throws IllegalArgumentException when a host name cannot be resolved
     */
    public static Bootstrap bootstrap(EventLoopGroup group, SocketAddress address, Duration connectTimeout) {
        boolean unix = address instanceof UnixDomainSocketAddress;
        String kind = kind(group);
        Bootstrap b = new Bootstrap().group(group).channel(socketChannel(kind, unix))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        if (!unix) {
            b.option(ChannelOption.TCP_NODELAY, true);
        }
        return b.remoteAddress(remote(address, !kind.equals("nio")));
    }

    /**
     * Unix paths become Netty's address type on the native transports. Host names are resolved
     * here, once, on the caller's thread (as HAProxy resolves servers at startup), so that
     * connecting never runs a blocking lookup on an event loop.
     *
     * @throws IllegalArgumentException when a host name cannot be resolved
     */
    private static SocketAddress remote(SocketAddress address, boolean nativeTransport) {
        if (address instanceof UnixDomainSocketAddress unix && nativeTransport) {
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

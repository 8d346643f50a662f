package io.spoe4j.client.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * The only class that names Netty's epoll types. {@link Transport} calls it only after checking
 * that {@code netty-transport-classes-epoll} is on the class path, so this class is never loaded
 * (and never fails to link) without it. Stateless.
 */
final class EpollSupport {
    private EpollSupport() {
    }

    /** Whether the native library loaded: false off Linux, without the native jar, or with {@code io.netty.transport.noNative}. */
    static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    static Throwable unavailabilityCause() {
        return Epoll.unavailabilityCause();
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    static boolean isEpoll(IoEventLoop loop) {
        return loop.isIoType(EpollIoHandler.class);
    }

    static Class<? extends ServerChannel> serverChannel() {
        return EpollServerSocketChannel.class;
    }

    static Class<? extends Channel> socketChannel(boolean unix) {
        return unix ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
    }
}

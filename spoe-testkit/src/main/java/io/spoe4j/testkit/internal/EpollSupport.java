package io.spoe4j.testkit.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;

/**
 * The only testkit class that names Netty's epoll types; {@link Transport} loads it only when
 * {@code netty-transport-classes-epoll} is on the class path. Stateless.
 */
final class EpollSupport {
    private EpollSupport() {
    }

    static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    static Class<? extends ServerChannel> serverChannel(boolean unix) {
        return unix ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
    }
}

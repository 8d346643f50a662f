package io.spoe4j.client.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The only class that names Netty's io_uring types. {@link Transport} calls it only after checking
 * that {@code netty-transport-classes-io_uring} is on the class path, so this class is never loaded
 * (and never fails to link) without it. Stateless.
 */
final class IoUringSupport {
    private IoUringSupport() {
    }

    /** Whether the native library loaded and the kernel set up a ring for this process. */
    static boolean isAvailable() {
        return IoUring.isAvailable();
    }

    static Throwable unavailabilityCause() {
        return IoUring.unavailabilityCause();
    }

    static IoHandlerFactory ioHandlerFactory() {
        return IoUringIoHandler.newFactory();
    }

    static boolean isIoUring(IoEventLoop loop) {
        return loop.isIoType(IoUringIoHandler.class);
    }

    static Class<? extends ServerChannel> serverChannel() {
        return IoUringServerSocketChannel.class;
    }

    static Class<? extends Channel> socketChannel(boolean unix) {
        return unix ? IoUringDomainSocketChannel.class : IoUringSocketChannel.class;
    }
}

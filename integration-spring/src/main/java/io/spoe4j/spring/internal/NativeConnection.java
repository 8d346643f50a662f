package io.spoe4j.spring.internal;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannelConfig;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The Netty channel under a WebFlux request on Reactor Netty, reached the supported way: the
 * native request ({@link ServerHttpRequestDecorator#getNativeRequest}) is Reactor Netty's
 * {@link HttpServerRequest}, whose {@code withConnection} hands over its connection. Other servers
 * have none ({@code null}).
 */
final class NativeConnection {
    private NativeConnection() {
    }

    /** The native Reactor Netty request, or null on another server. */
    static HttpServerRequest nativeRequest(ServerHttpRequest request) {
        try {
            Object n = ServerHttpRequestDecorator.getNativeRequest(request);
            return n instanceof HttpServerRequest r ? r : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null; // a request with no native request (a mock)
        }
    }

    /** The channel the request arrived on (an HTTP/2 stream channel for HTTP/2), or null. */
    static Channel channel(ServerHttpRequest request) {
        HttpServerRequest r = nativeRequest(request);
        if (r == null) {
            return null;
        }
        Channel[] out = new Channel[1];
        r.withConnection(c -> out[0] = c.channel());
        return out[0];
    }

    /** The client connection of {@code channel}: the parent of an HTTP/2 stream channel, else itself. */
    static Channel connectionOf(Channel channel) {
        Channel parent = channel.parent();
        return parent == null || parent instanceof ServerChannel ? channel : parent;
    }

    /** HAProxy's {@code silent-drop}: the client connection is reset (SO_LINGER 0), nothing is sent. */
    static boolean reset(ServerHttpRequest request) {
        Channel ch = channel(request);
        if (ch == null) {
            return false;
        }
        Channel connection = connectionOf(ch);
        if (connection.config() instanceof SocketChannelConfig sc) {
            try {
                sc.setSoLinger(0);
            } catch (RuntimeException ignored) {
                // not a TCP socket here: a plain close
            }
        }
        connection.close();
        return true;
    }
}

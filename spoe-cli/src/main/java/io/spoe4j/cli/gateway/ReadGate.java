package io.spoe4j.cli.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * Back-pressure on a client channel: while {@link #pause() paused} it turns auto-read off and holds
 * every {@code read()} request coming from the handlers behind it (the SPOE handler toggles
 * auto-read too, and its reads must not undo a pause), so the socket, or the HTTP/2 stream's flow
 * control window, stops being read. {@link #resume()} gives reading back. Sits first in the
 * pipeline (after TLS). Used on the channel's event loop only; not sharable.
 */
final class ReadGate extends ChannelDuplexHandler {
    private ChannelHandlerContext ctx;
    private boolean paused;
    private boolean turnedOff;
    private boolean readHeld;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    boolean paused() {
        return paused;
    }

    void pause() {
        if (paused || ctx == null) {
            return;
        }
        paused = true;
        enforce();
    }

    void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        if (turnedOff) {
            turnedOff = false;
            readHeld = false;
            ctx.channel().config().setAutoRead(true); // issues a read
        } else if (readHeld) {
            readHeld = false;
            ctx.read();
        }
    }

    private void enforce() {
        if (ctx.channel().config().isAutoRead()) {
            turnedOff = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (paused) {
            readHeld = true;
        } else {
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (paused) {
            enforce(); // someone behind turned auto-read back on: at most this read more
        }
        ctx.fireChannelRead(msg);
    }
}

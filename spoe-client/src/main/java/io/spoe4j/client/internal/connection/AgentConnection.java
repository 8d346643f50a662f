package io.spoe4j.client.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.spoe4j.client.AgentHandshake;
import io.spoe4j.options.AgentOptions;
import io.spoe4j.client.SpoeClientException;
import io.spoe4j.client.SpoeClientListener;
import io.spoe4j.client.SpoeProtocolException;
import io.spoe4j.client.SpoeTooBigException;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.HaproxyDisconnect;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.Frame.Unknown;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.SpopCodecException;
import io.spoe4j.codec.SpopFrameDecoder;
import io.spoe4j.codec.SpopStatus;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SPOP connection to an agent: the handshake, NOTIFY out, ACK in, correlated by
 * (stream-id, frame-id), and the close sequences of reference §5.3 and §11.5. Sits after
 * {@link SpopFrameDecoder} and the frame encoder in the pipeline.
 *
 * <p>Thread-safety: the pool calls {@link #tryReserve}, {@link #send}, {@link #abandon},
 * {@link #closeGracefully} and {@link #remoteAck} from any thread; everything else, including the
 * in-flight table, runs on the channel's event loop, and so do the completions of its requests'
 * ACKs (an async ACK received on another connection included). A slot is reserved before
 * {@link #send} and freed when the request leaves the in-flight table, so at most
 * {@code slotLimit} NOTIFY frames are outstanding.
 */
public final class AgentConnection extends ChannelDuplexHandler implements FrameCodec.AckHandler {
    private static final Logger log = LoggerFactory.getLogger(AgentConnection.class);
    private static final int CLOSED_SLOTS = Integer.MIN_VALUE / 2;
    /** HAProxy 3.1+ stops opening streams on a connection after this id. */
    static final long MAX_STREAM_ID = 0x7FFF_FFFFL;

    private final String server;
    private final AgentOptions options;
    private final ConnectionOwner owner;
    private final SpoeClientListener listener;
    private final int serverIndex;
    private final int loopIndex;
    private final AtomicInteger reserved = new AtomicInteger();
    private final ConnectionStreams streams;
    private volatile ConnectionState state = ConnectionState.HA_HELLO;
    private volatile int slotLimit = 1;
    private volatile AgentHandshake handshake;
    private volatile long idleSinceNanos = System.nanoTime();
    private ChannelHandlerContext ctx;
    /** The pipeline's frame decoder, for the size of each ACK (null in tests without one). */
    private SpopFrameDecoder decoder;
    private ScheduledFuture<?> helloTimer;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> closeTimer;
    private boolean wasReady;
    private final CloseReason close;

    /**
     * @param async the engine's stream-ids and ACK routing used when async is negotiated (ids must
     *        then be unique across the engine's connections); {@code null} disables async
     */
    public AgentConnection(String server, AgentOptions options, ConnectionOwner owner, SpoeClientListener listener,
            AsyncStreams async) {
        this(server, options, owner, listener, async, -1, -1);
    }

    /**
     * @param serverIndex the owner's index of the agent server, or -1
     * @param loopIndex the owner's index of the event loop the channel is registered on (used to
     *        prefer connections of the caller's loop), or -1
     */
    public AgentConnection(String server, AgentOptions options, ConnectionOwner owner, SpoeClientListener listener,
            AsyncStreams async, int serverIndex, int loopIndex) {
        this.serverIndex = serverIndex;
        this.loopIndex = loopIndex;
        this.server = server;
        this.options = options;
        this.owner = owner;
        this.listener = listener;
        this.streams = new ConnectionStreams(options.maxWaitingFrames(), async, this);
        this.close = new CloseReason(server);
    }

    /** The owner's index of this connection's agent server, or -1 when it gave none. */
    public int serverIndex() {
        return serverIndex;
    }

    /** The owner's index of this connection's event loop, or -1 when it did not choose one. */
    public int loopIndex() {
        return loopIndex;
    }

    public String serverName() {
        return server;
    }

    public ConnectionState state() {
        return state;
    }

    /** The negotiated parameters, or {@code null} before the handshake. */
    public AgentHandshake handshake() {
        return handshake;
    }

    public Channel channel() {
        ChannelHandlerContext c = ctx;
        return c == null ? null : c.channel();
    }

    /** Requests reserved or in flight (0 when closed). */
    public int load() {
        return Math.max(0, reserved.get());
    }

    /** Most requests this connection carries at once: max-waiting-frames with pipelining/async, else 1. */
    public int slotLimit() {
        return slotLimit;
    }

    /** Takes a slot for one request if the connection is running and has room. Any thread. */
    public boolean tryReserve() {
        for (;;) {
            int r = reserved.get();
            if (r < 0 || r >= slotLimit || state != ConnectionState.RUNNING) {
                return false;
            }
            if (reserved.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /**
     * Sends a request whose slot was reserved with {@link #tryReserve}. Any thread. On this connection's
     * event loop (the engine's loop affinity) the request goes straight to this handler, with the void
     * promise: a write that fails then closes the connection (exceptionCaught), which fails the request
     * with the connection's I/O error. From another thread it travels the pipeline as a message, and
     * the request hears of its write itself.
     */
    public void send(PendingRequest request) {
        request.assigned(this);
        ChannelHandlerContext c = ctx;
        if (c.executor().inEventLoop()) {
            sendNotify(c, request, c.voidPromise());
            c.flush();
            return;
        }
        c.channel().writeAndFlush(request).addListener(request);
    }

    /** A request whose write never reached this handler because the channel had closed. */
    void unsent(PendingRequest request) {
        owner.redispatch(request);
    }

    /** Gives up on a request whose deadline passed: its slot is freed and a late ACK dropped. Any thread. */
    public void abandon(PendingRequest request) {
        if (ctx.executor().inEventLoop()) {
            doAbandon(request);
        } else {
            ctx.executor().execute(() -> doAbandon(request));
        }
    }

    /** Closes with HAPROXY-DISCONNECT 0 "normal" (idle, shutdown). Any thread. */
    public void closeGracefully() {
        if (ctx.executor().inEventLoop()) {
            doCloseGracefully();
        } else {
            ctx.executor().execute(this::doCloseGracefully);
        }
    }

    /**
     * Completes the request of an ACK that arrived on another connection of the engine (async),
     * on this connection's event loop; dropped when the request left meanwhile. Any thread.
     */
    void remoteAck(long streamId, long frameId, List<io.spoe4j.codec.Action> actions) {
        if (ctx.executor().inEventLoop()) {
            completeRemote(streamId, frameId, actions);
        } else {
            ctx.executor().execute(() -> completeRemote(streamId, frameId, actions));
        }
    }

    private void completeRemote(long streamId, long frameId, List<io.spoe4j.codec.Action> actions) {
        if (streams.frameId(streamId) == frameId) {
            complete(streams.remove(streamId), actions);
        } else {
            log.debug("[{}] dropping async ACK sid={} fid={}: its request already ended", server, streamId, frameId);
        }
    }

    // ------------------------------------------------------------------ pipeline events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        useDecoder(ctx.pipeline().get(SpopFrameDecoder.class));
    }

    private void useDecoder(SpopFrameDecoder d) {
        decoder = d;
        if (d != null) {
            d.ackHandler(this);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (decoder == null) {
            useDecoder(ctx.pipeline().get(SpopFrameDecoder.class));
        }
        listener.connected(server);
        state = ConnectionState.AGENT_HELLO;
        ctx.writeAndFlush(new HaproxyHello("2.0", options.maxFrameSize(), options.capabilities(), options.engineId(),
                false));
        long hello = options.helloTimeout().toNanos();
        helloTimer = ctx.executor().schedule(this::helloTimeout, hello, TimeUnit.NANOSECONDS);
        log.debug("[{}] connected, HELLO sent", server);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        switch (state) {
            case AGENT_HELLO:
                onHandshakeFrame(frame);
                break;
            case RUNNING:
                onRunningFrame(frame);
                break;
            case CLOSING:
                if (frame instanceof AgentDisconnect d) {
                    log.debug("[{}] AGENT-DISCONNECT {} while closing", server, d.statusCode());
                    ctx.close();
                }
                break;
            default:
                break;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof PendingRequest request) {
            sendNotify(ctx, request, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() instanceof SpopCodecException
                ? cause.getCause() : cause;
        if (c instanceof SpopCodecException e) {
            if (state == ConnectionState.AGENT_HELLO || state == ConnectionState.RUNNING) {
                protocolError(e.status(), e.getMessage());
            } else {
                ctx.close();
            }
            return;
        }
        close.ioError(c);
        log.debug("[{}] I/O error: {}", server, c.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimers();
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        boolean first = state != ConnectionState.CLOSED;
        state = ConnectionState.CLOSED;
        reserved.set(CLOSED_SLOTS);
        SpoeClientException pendingCause = close.pending();
        failAll(pendingCause);
        if (first) {
            log.debug("[{}] closed: status {} ({}){}", server, close.status, close.reason,
                    close.byAgent ? " by agent" : "");
            listener.disconnected(server, close.status, close.reason, close.byAgent);
            owner.closed(this, close.graceful() ? null : pendingCause, wasReady);
        }
        ctx.fireChannelInactive();
    }

    // ------------------------------------------------------------------ protocol

    private void onHandshakeFrame(Frame frame) {
        if (frame instanceof AgentHello hello) {
            AgentHandshake hs;
            try {
                hs = HandshakeValidator.validate(hello, options.maxFrameSize(), options.pipelining(),
                        options.async() && streams.asyncAllowed(), options.sendFragPayload());
            } catch (SpopCodecException e) {
                protocolError(e.status(), "invalid AGENT-HELLO: " + e.getMessage());
                return;
            }
            if (helloTimer != null) {
                helloTimer.cancel(false);
            }
            if (decoder != null) {
                decoder.maxFrameSize(hs.maxFrameSize());
            }
            handshake = hs;
            streams.asyncNegotiated(hs.async());
            slotLimit = hs.pipelining() || hs.async() ? options.maxWaitingFrames() : 1;
            wasReady = true;
            idleSinceNanos = System.nanoTime();
            state = ConnectionState.RUNNING;
            scheduleIdleCheck(options.idleTimeout().toNanos());
            log.debug("[{}] handshake done: version {}, max-frame-size {}, capabilities '{}'", server, hs.version(),
                    hs.maxFrameSize(), hs.capabilities());
            listener.handshake(server, hs);
            owner.ready(this);
        } else if (frame instanceof AgentDisconnect d) {
            agentDisconnect(d);
        } else {
            protocolError(SpopStatus.INVALID_FRAME, "expected AGENT-HELLO, got " + HandshakeValidator.describe(frame));
        }
    }

    private void onRunningFrame(Frame frame) {
        if (frame instanceof Ack ack) {
            onAck(ack);
        } else if (frame instanceof AgentDisconnect d) {
            agentDisconnect(d);
        } else if (frame instanceof Unknown u && u.streamId() != 0 && u.frameId() != 0) {
            log.debug("[{}] ignoring frame of unknown type {}", server, u.typeCode());
        } else {
            protocolError(SpopStatus.INVALID_FRAME, "unexpected " + HandshakeValidator.describe(frame));
        }
    }

    private void onAck(Ack ack) {
        long sid = ack.streamId();
        long fid = ack.frameId();
        listener.ackReceived(server, sid, fid, decoder == null ? -1 : decoder.lastFrameBytes());
        if (sid == 0 || fid == 0) {
            protocolError(SpopStatus.INVALID_FRAME, "ACK with stream-id " + sid + " and frame-id " + fid);
            return;
        }
        long sentFid = streams.frameId(sid);
        if (sentFid < 0) {
            if (streams.asyncOn()) {
                AgentConnection sender = streams.asyncSender(sid, fid);
                if (sender == null) {
                    log.debug("[{}] dropping ACK sid={} fid={} matching no waiting NOTIFY of the engine", server,
                            sid, fid);
                } else {
                    sender.remoteAck(sid, fid, ack.actions());
                }
                return;
            }
            if (sid > streams.highest()) {
                protocolError(SpopStatus.FRAME_ID_NOT_FOUND, "ACK for stream-id " + sid
                        + " which was never opened (highest is " + streams.highest() + ")");
            } else {
                log.debug("[{}] dropping late ACK sid={} fid={}", server, sid, fid);
            }
            return;
        }
        if (fid > sentFid) {
            protocolError(SpopStatus.FRAME_ID_NOT_FOUND, "ACK for frame-id " + fid + " on stream-id " + sid
                    + " which only carried frame-id " + sentFid);
            return;
        }
        if (fid < sentFid) {
            log.debug("[{}] dropping ACK for old frame sid={} fid={}", server, sid, fid);
            return;
        }
        complete(streams.remove(sid), ack.actions());
    }

    /**
     * An ACK taken in the decoder, before any frame object exists: when it answers the NOTIFY in
     * flight on its stream, the request completes with the actions where they lie in the input
     * buffer. Anything else (not running, ids 0, late, unknown, async on another connection) is
     * declined and goes through {@link #onAck} as a decoded frame.
     */
    @Override
    public boolean ack(long sid, long fid, ByteBuf actions, int frameBytes) {
        if (state != ConnectionState.RUNNING || sid == 0 || fid == 0 || streams.frameId(sid) != fid) {
            return false;
        }
        listener.ackReceived(server, sid, fid, frameBytes);
        PendingRequest request = streams.remove(sid);
        if (log.isTraceEnabled()) {
            log.trace("[{}] ACK sid={} fid={} with {} bytes of actions", server, sid, fid, actions.readableBytes());
        }
        releaseSlot();
        try {
            request.complete(actions, server);
        } catch (RuntimeException e) {
            // The requester's own failure (a listener throwing): not the connection's.
            log.warn("[{}] completing the request of ACK sid={} fid={} failed", server, sid, fid, e);
        }
        return true;
    }

    private void complete(PendingRequest request, List<io.spoe4j.codec.Action> actions) {
        if (request == null) {
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("[{}] ACK sid={} fid={} with {} actions", server, request.streamId(), request.frameId(),
                    actions.size());
        }
        // Free the slot first, so that callbacks of the reply already see the connection's room.
        releaseSlot();
        request.complete(actions, server);
    }

    private void sendNotify(ChannelHandlerContext ctx, PendingRequest request, ChannelPromise promise) {
        if (request.isDone()) {
            promise.trySuccess();
            releaseSlot();
            return;
        }
        if (state != ConnectionState.RUNNING || !ctx.channel().isActive()) {
            // Closing, or closed with channelInactive still to come: take no more requests here.
            reserved.set(CLOSED_SLOTS);
            promise.trySuccess();
            owner.redispatch(request);
            return;
        }
        long sid = streams.next();
        if (sid > MAX_STREAM_ID) {
            promise.trySuccess();
            log.debug("[{}] stream-ids exhausted, closing", server);
            startClosing(SpopStatus.NORMAL, null);
            owner.redispatch(request);
            return;
        }
        int max = handshake.maxFrameSize();
        if (!request.encoded()) {
            Notify notify = new Notify(sid, 1, request.messages());
            int length = FrameCodec.bodyLength(notify);
            if (admit(request, promise, sid, length, max, null)) {
                NotifyFrames.write(ctx, notify, length, max, promise);
            }
            return;
        }
        // The LIST-OF-MESSAGES was encoded by the requester.
        ByteBuf payload = request.takePayload();
        if (payload == null) {
            // Ended (deadline, interruption) since the check above: its payload is released.
            promise.trySuccess();
            releaseSlot();
            return;
        }
        int length = NotifyFrames.length(sid, payload);
        if (admit(request, promise, sid, length, max, payload)) {
            NotifyFrames.write(ctx, payload, sid, length, max, promise);
        }
    }

    /**
     * Puts the NOTIFY of {@code length} bytes in flight on {@code sid}, or fails its request
     * (releasing {@code payload} when not null) when it exceeds the agent's max-frame-size and
     * cannot be fragmented.
     */
    private boolean admit(PendingRequest request, ChannelPromise promise, long sid, int length, int max,
            ByteBuf payload) {
        request.sentAs(sid, 1);
        if (length > max && !handshake.fragmentation()) {
            if (payload != null) {
                payload.release();
            }
            promise.trySuccess();
            request.fail(new SpoeTooBigException("NOTIFY of " + length + " bytes exceeds the negotiated max-frame-size "
                    + max + " and the agent does not support fragmentation", server));
            releaseSlot();
            return false;
        }
        streams.put(sid, request);
        listener.notifySent(server, sid, 1, length + 4);
        if (log.isTraceEnabled()) {
            log.trace("[{}] NOTIFY sid={} fid=1, {} bytes{}", server, sid, length, payload != null ? ", encoded" : "");
        }
        return true;
    }

    private void doAbandon(PendingRequest request) {
        long sid = request.streamId();
        if (sid > 0 && streams.get(sid) == request) {
            streams.remove(sid);
            releaseSlot();
        }
    }

    private void releaseSlot() {
        if (reserved.decrementAndGet() == 0) {
            idleSinceNanos = System.nanoTime();
        }
        owner.slotFreed(this);
    }

    private void agentDisconnect(AgentDisconnect d) {
        SpoeClientException cause = close.agent(d);
        state = ConnectionState.CLOSING;
        reserved.set(CLOSED_SLOTS);
        failAll(cause);
        ctx.close();
    }

    private void protocolError(SpopStatus status, String message) {
        log.warn("[{}] protocol error, sending DISCONNECT {}: {}", server, status.code(), message);
        startClosing(status, new SpoeProtocolException(message, server, status.code(), null));
    }

    private void helloTimeout() {
        if (state == ConnectionState.AGENT_HELLO) {
            close.helloTimeout(options.helloTimeout());
            state = ConnectionState.CLOSING;
            reserved.set(CLOSED_SLOTS);
            ctx.close();
        }
    }

    private void doCloseGracefully() {
        if (state == ConnectionState.RUNNING || state == ConnectionState.AGENT_HELLO) {
            startClosing(SpopStatus.NORMAL, null);
        } else if (state == ConnectionState.HA_HELLO) {
            state = ConnectionState.CLOSED;
            ctx.close();
        }
    }

    /** Sends HAPROXY-DISCONNECT and waits (bounded by timeout hello) for AGENT-DISCONNECT or EOF. */
    private void startClosing(SpopStatus status, SpoeClientException cause) {
        state = ConnectionState.CLOSING;
        reserved.set(CLOSED_SLOTS);
        cancelTimers();
        failAll(close.client(status, cause));
        ctx.writeAndFlush(HaproxyDisconnect.of(status));
        closeTimer = ctx.executor().schedule(() -> {
            ctx.close();
        }, options.helloTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void failAll(SpoeClientException cause) {
        if (streams.size() == 0) {
            return;
        }
        for (PendingRequest r : streams.drain()) {
            r.fail(cause);
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTimer = ctx.executor().schedule(this::idleCheck, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void idleCheck() {
        if (state != ConnectionState.RUNNING) {
            return;
        }
        long idle = options.idleTimeout().toNanos();
        long idleFor = System.nanoTime() - idleSinceNanos;
        if (reserved.get() == 0 && idleFor >= idle && reserved.compareAndSet(0, CLOSED_SLOTS)) {
            log.debug("[{}] idle for {} ms, closing", server, TimeUnit.NANOSECONDS.toMillis(idleFor));
            startClosing(SpopStatus.NORMAL, null);
            return;
        }
        scheduleIdleCheck(reserved.get() == 0 ? Math.max(1, idle - idleFor) : idle);
    }

    private void cancelTimers() {
        if (helloTimer != null) {
            helloTimer.cancel(false);
        }
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
    }
}

package io.spoe4j.testkit.internal;

import io.spoe4j.options.AgentOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.spoe4j.codec.Frame;
import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.Fragment;
import io.spoe4j.codec.Frame.HaproxyDisconnect;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import io.spoe4j.codec.FrameCodec;
import io.spoe4j.codec.FrameType;
import io.spoe4j.codec.Fragments;
import io.spoe4j.codec.SpopCodecException;
import io.spoe4j.codec.SpopStatus;
import io.spoe4j.testkit.AgentHelloSpec;
import io.spoe4j.testkit.Capability;
import io.spoe4j.testkit.Fault;
import io.spoe4j.testkit.RecordedDisconnect;
import io.spoe4j.testkit.RecordedHello;
import io.spoe4j.testkit.RecordedNotify;
import io.spoe4j.testkit.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent-side SPOP connection: handshake, validation, NOTIFY answers and faults. Confined to the
 * channel's event loop; delays are scheduled on it.
 */
final class AgentConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    private static final byte[] NO_BYTES = new byte[0];
    /** HAProxy up to 3.0 rejects DISCONNECT messages longer than this as invalid. */
    private static final int MAX_MESSAGE_LENGTH = 255;

    private final DefaultSpoaAgent agent;
    private final int index;
    private final RawFrameDecoder decoder;
    private ChannelHandlerContext ctx;
    private boolean helloReceived;
    private boolean ready;
    private boolean closing;
    private int negotiatedMaxFrameSize = AgentOptions.DEFAULT_MAX_FRAME_SIZE;
    private Fragments.Reassembler reassembler;
    private ByteArrayOutputStream fragmentRaw;
    private int fragmentCount;
    private final List<Ack> held = new ArrayList<>();
    private int holdRemaining;

    AgentConnection(DefaultSpoaAgent agent, int index, RawFrameDecoder decoder) {
        this.agent = agent;
        this.index = index;
        this.decoder = decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RawFrame raw = (RawFrame) msg;
        if (closing) {
            return;
        }
        Frame frame = raw.frame();
        if (frame instanceof HaproxyDisconnect d) {
            onDisconnect(d, raw.raw());
        } else if (!helloReceived) {
            if (frame instanceof HaproxyHello h) {
                helloReceived = true;
                onHello(h, raw.raw());
            } else if (frame instanceof Fragment f && f.frameType() == FrameType.HAPROXY_HELLO) {
                protocolError(SpopStatus.FRAGMENTATION_NOT_SUPPORTED, "HAPROXY-HELLO without FIN");
            } else {
                protocolError(SpopStatus.INVALID_FRAME, "expected HAPROXY-HELLO, got " + describe(frame));
            }
        } else if (!ready) {
            protocolError(SpopStatus.INVALID_FRAME, describe(frame) + " before the handshake completed");
        } else if (frame instanceof Notify n) {
            if (reassembler != null && reassembler.inProgress()) {
                protocolError(SpopStatus.INTERLACED_FRAMES, "NOTIFY " + n.streamId() + "/" + n.frameId()
                        + " interleaved with a fragmented NOTIFY");
                return;
            }
            onNotify(n, raw.raw(), 1);
        } else if (frame instanceof Fragment f) {
            onFragment(f, raw.raw());
        } else if (frame instanceof Frame.Unknown) {
            LOG.debug("connection {}: ignoring frame of unknown type {}", index, frame);
        } else {
            protocolError(SpopStatus.INVALID_FRAME, "unexpected " + describe(frame));
        }
    }

    private static String describe(Frame frame) {
        return frame.type() == null ? frame.toString() : frame.type().toString();
    }

    private void onHello(HaproxyHello h, byte[] raw) {
        AgentHelloSpec spec = agent.hello;
        Frame answer;
        SpopStatus invalid = validateHello(h);
        if (invalid != null) {
            answer = disconnectFrame(invalid.code(), invalid.reason());
        } else if (spec.refuses()) {
            answer = disconnectFrame(spec.refusalStatus(), spec.refusalMessage());
        } else {
            long max = spec.exactMaxFrameSize() ? spec.maxFrameSize() : Math.min(spec.maxFrameSize(), h.maxFrameSize());
            answer = new AgentHello(spec.version(), max, spec.capabilities());
            if (max >= AgentOptions.MIN_MAX_FRAME_SIZE && max <= h.maxFrameSize()) {
                negotiatedMaxFrameSize = (int) max;
            } else {
                negotiatedMaxFrameSize = (int) Math.min(h.maxFrameSize(), Integer.MAX_VALUE);
            }
        }
        agent.recordHello(new RecordedHello(index, h, raw, answer));
        Frame reply = answer;
        if (agent.helloDelay.isZero()) {
            sendHelloAnswer(h, reply);
        } else {
            ctx.executor().schedule(() -> sendHelloAnswer(h, reply), agent.helloDelay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private SpopStatus validateHello(HaproxyHello h) {
        if (h.supportedVersions().isBlank()) {
            return SpopStatus.NO_VERSION;
        }
        if (!supportsVersion2(h.supportedVersions())) {
            return SpopStatus.UNSUPPORTED_VERSION;
        }
        if (h.maxFrameSize() < 0) {
            return SpopStatus.NO_MAX_FRAME_SIZE;
        }
        if (h.maxFrameSize() < AgentOptions.MIN_MAX_FRAME_SIZE) {
            return SpopStatus.BAD_MAX_FRAME_SIZE;
        }
        return null;
    }

    /** Like the reference agent: any listed version with major 2. */
    private static boolean supportsVersion2(String versions) {
        for (String v : versions.split(",")) {
            String t = v.strip();
            int dot = t.indexOf('.');
            String major = dot < 0 ? t : t.substring(0, dot);
            if (major.equals("2")) {
                return true;
            }
        }
        return false;
    }

    private void sendHelloAnswer(HaproxyHello h, Frame answer) {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        if (answer instanceof AgentDisconnect d) {
            sendDisconnect(d);
            return;
        }
        if (agent.helloFault != null) {
            helloFault(agent.helloFault, answer);
            return;
        }
        if (h.healthcheck()) {
            closing = true;
            ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ready = true;
        decoder.maxFrameSize(negotiatedMaxFrameSize);
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    private void helloFault(Fault fault, Frame answer) {
        if (fault instanceof Fault.CloseSocket) {
            closing = true;
            ctx.close();
        } else if (fault instanceof Fault.CloseMidFrame c) {
            writePrefixAndClose(answer, c.bytes());
        } else if (fault instanceof Fault.Garbage g) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(g.bytes()));
        } else if (fault instanceof Fault.Disconnect d) {
            sendDisconnect(disconnectFrame(d.statusCode(), d.message()));
        } else if (!(fault instanceof Fault.Stall)) {
            throw new IllegalStateException("unsupported HELLO fault " + fault);
        }
    }

    private void writePrefixAndClose(Frame frame, int bytes) {
        closing = true;
        ByteBuf whole = FrameCodec.encode(frame, ctx.alloc());
        int cut = Math.min(bytes, whole.readableBytes() - 1);
        ByteBuf part = whole.retainedSlice(whole.readerIndex(), cut);
        whole.release();
        ctx.writeAndFlush(part).addListener(ChannelFutureListener.CLOSE);
    }

    private void onDisconnect(HaproxyDisconnect d, byte[] raw) {
        agent.recordDisconnect(new RecordedDisconnect(index, d.statusCode(), d.message(), raw));
        sendDisconnect(disconnectFrame(SpopStatus.NORMAL.code(), SpopStatus.NORMAL.reason()));
    }

    private void onFragment(Fragment f, byte[] raw) {
        if (!agent.hello.announces(Capability.FRAGMENTATION)) {
            protocolError(SpopStatus.FRAGMENTATION_NOT_SUPPORTED, describe(f) + " " + f.streamId() + "/" + f.frameId()
                    + " without FIN but the agent did not announce fragmentation");
            return;
        }
        if (reassembler == null) {
            reassembler = new Fragments.Reassembler(Integer.MAX_VALUE / 2);
        }
        if (!reassembler.inProgress()) {
            fragmentRaw = new ByteArrayOutputStream();
            fragmentCount = 0;
        }
        Notify whole;
        try {
            whole = reassembler.add(f);
        } catch (SpopCodecException e) {
            protocolError(e.status(), e.getMessage());
            return;
        }
        fragmentRaw.writeBytes(raw);
        fragmentCount++;
        if (whole != null) {
            onNotify(whole, fragmentRaw.toByteArray(), fragmentCount);
        }
        if (!reassembler.inProgress()) {
            fragmentRaw = null;
        }
    }

    private void onNotify(Notify n, byte[] raw, int fragments) {
        RecordedNotify recorded = new RecordedNotify(index, n.streamId(), n.frameId(), n.messages(), raw, fragments);
        agent.recordNotify(recorded);
        Response response;
        try {
            response = agent.nextResponse(recorded);
        } catch (RuntimeException e) {
            LOG.warn("connection {}: dispatcher failed on {}", index, recorded, e);
            sendDisconnect(disconnectFrame(SpopStatus.UNKNOWN.code(), "dispatcher failed: " + e));
            return;
        }
        if (response.delay().isZero()) {
            answer(n, response);
        } else {
            ctx.executor().schedule(() -> answer(n, response), response.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void answer(Notify n, Response r) {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        Fault fault = r.fault();
        Ack ack = new Ack(n.streamId(), n.frameId(), r.actions());
        if (fault == null) {
            writeAck(ack);
        } else if (fault instanceof Fault.CloseSocket) {
            closing = true;
            ctx.close();
        } else if (fault instanceof Fault.CloseMidFrame c) {
            writePrefixAndClose(ack, c.bytes());
        } else if (fault instanceof Fault.Stall) {
            LOG.debug("connection {}: stalling {}/{}", index, n.streamId(), n.frameId());
        } else if (fault instanceof Fault.Disconnect d) {
            sendDisconnect(disconnectFrame(d.statusCode(), d.message()));
        } else if (fault instanceof Fault.Garbage g) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(g.bytes()));
        } else if (fault instanceof Fault.WrongIds w) {
            writeAck(new Ack(w.streamId(), w.frameId(), r.actions()));
        } else if (fault instanceof Fault.ReorderAcks reorder) {
            if (holdRemaining > 0) {
                writeAck(ack);
            } else {
                held.add(ack);
                holdRemaining = reorder.count() - 1;
            }
        } else if (fault instanceof Fault.FragmentedAck fa) {
            for (Frame part : FaultFrames.fragmentedAck(ack, fa.parts())) {
                ctx.write(part);
            }
            ctx.flush();
        } else if (fault instanceof Fault.ExceedMaxFrameSize e) {
            ctx.writeAndFlush(FaultFrames.oversizedAck(ack, negotiatedMaxFrameSize + e.extraBytes()));
        } else {
            throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private void writeAck(Ack ack) {
        if (holdRemaining > 0) {
            held.add(ack);
            if (--holdRemaining == 0) {
                Collections.reverse(held);
                for (Ack a : held) {
                    ctx.write(a);
                }
                held.clear();
                ctx.flush();
            }
            return;
        }
        ctx.writeAndFlush(ack);
    }

    private static AgentDisconnect disconnectFrame(long status, String message) {
        String m = message == null || message.length() <= MAX_MESSAGE_LENGTH ? message
                : message.substring(0, MAX_MESSAGE_LENGTH);
        return new AgentDisconnect(status, m);
    }

    private void protocolError(SpopStatus status, String detail) {
        LOG.info("connection {}: protocol error, sending AGENT-DISCONNECT {}: {}", index, status.code(), detail);
        sendDisconnect(disconnectFrame(status.code(), status.reason() + ": " + detail));
    }

    private void sendDisconnect(AgentDisconnect d) {
        if (closing) {
            return;
        }
        closing = true;
        agent.recordAgentDisconnect(new RecordedDisconnect(index, d.statusCode(), d.message(), NO_BYTES));
        ctx.writeAndFlush(d).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof SpopCodecException e) {
            protocolError(e.status(), e.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("connection {}: {}", index, cause.toString());
            closing = true;
            ctx.close();
        } else {
            LOG.warn("connection {}: unexpected error", index, cause);
            protocolError(SpopStatus.UNKNOWN, cause.toString());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (reassembler != null) {
            reassembler.reset();
        }
        held.clear();
        ctx.fireChannelInactive();
    }
}

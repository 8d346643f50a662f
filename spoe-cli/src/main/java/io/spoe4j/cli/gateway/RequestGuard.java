package io.spoe4j.cli.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 request validation as HAProxy 2.6's H1 parser does it, right after
 * {@code HttpServerCodec} (configured by {@link #decoderConfig}). A request Netty could not decode
 * (bad chunk size, size overflow, data not followed by CRLF, a trailer without colon, different
 * Content-Length values, an invalid Content-Length, an invalid header name, a bad request line, a
 * Transfer-Encoding whose last coding is not chunked...) or that HAProxy refuses although Netty
 * accepts it (control or 8-bit bytes in the URI, two different Host headers, an absolute URI whose
 * authority is not the Host, more than 101 headers) is answered with HAProxy's 400 and the
 * connection closes; {@code Transfer-Encoding: gzip, chunked} gets HAProxy's 422. Nothing of such a
 * request is passed on when it arrives in one read: the objects a read decodes are passed on together
 * at its end, unless one is invalid. A request found invalid after its head was passed on (a bad
 * chunk arriving later) closes the connection, which aborts the upstream request; the 400 is written
 * first when its answer has not started. Earlier pipelined requests are answered first. Not sharable.
 */
final class RequestGuard extends ChannelDuplexHandler {
    /** HAProxy's tune.http.maxhdr default. */
    static final int MAX_HEADERS = 101;

    /** Netty's decoder set up as HAProxy parses: see the README's "Strict HTTP/1.1 parsing". */
    static HttpDecoderConfig decoderConfig(int maxHeadBytes) {
        return new HttpDecoderConfig().setMaxInitialLineLength(maxHeadBytes).setMaxHeaderSize(maxHeadBytes)
                .setStrictLineParsing(false) // HAProxy accepts LF alone as a line end
                .setAllowDuplicateContentLengths(true) // identical values are merged, as HAProxy does
                .setUseRfc9112TransferEncoding(false) // TE + CL: CL dropped, chunked wins, connection closed after
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValueValidation(false));
    }

    private record Item(HttpObject msg, int request) {
    }

    private List<Item> batch = new ArrayList<>();
    private List<Item> spare = new ArrayList<>();
    /** Requests whose head has been seen, the failing one included. */
    private int heads;
    private int responsesDone;
    private boolean responseStarted;
    private boolean inRequest;
    private int failIndex = -1;
    private int failStatus;
    private boolean closing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject http)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failIndex >= 0) {
            ReferenceCountUtil.release(msg);
            return;
        }
        int status = 0;
        if (http instanceof HttpRequest head) {
            heads++;
            inRequest = true;
            status = check(head);
        }
        if (status == 0 && http.decoderResult().isFailure()) {
            status = 400;
        }
        int index = heads - 1;
        if (http instanceof LastHttpContent) {
            inRequest = false;
        }
        if (status != 0) {
            ReferenceCountUtil.release(msg);
            fail(ctx, index, status);
            return;
        }
        batch.add(new Item(http, index));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushBatch(ctx, Integer.MAX_VALUE);
        ctx.fireChannelReadComplete();
    }

    private void flushBatch(ChannelHandlerContext ctx, int beforeRequest) {
        if (batch.isEmpty()) {
            return;
        }
        // Swapped, not copied: what arrives while the batch is handed on goes to the other list.
        List<Item> items = batch;
        batch = spare;
        spare = items;
        try {
            for (int k = 0; k < items.size(); k++) {
                Item i = items.get(k);
                if (i.request < beforeRequest && ctx.channel().isActive()) {
                    ctx.fireChannelRead(i.msg);
                } else {
                    ReferenceCountUtil.release(i.msg);
                }
            }
        } finally {
            items.clear();
        }
    }

    /** What HAProxy refuses in a head Netty decoded: 0 when nothing. */
    static int check(HttpRequest head) {
        if (head.decoderResult().isFailure()) {
            return 400;
        }
        String uri = head.uri();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x80) {
                return 400;
            }
        }
        if (head.headers().size() > MAX_HEADERS) {
            return 400;
        }
        String host = null;
        int hostCount = 0;
        for (Iterator<String> it = head.headers().valueStringIterator(HttpHeaderNames.HOST); it.hasNext();) {
            String h = it.next();
            if (host == null) {
                host = h;
            } else if (!h.equalsIgnoreCase(host)) {
                return 400;
            }
            hostCount++;
        }
        if (hostCount > 1) {
            head.headers().set(HttpHeaderNames.HOST, host);
        }
        if (host != null && !uri.startsWith("/") && uri.contains("://")) {
            try {
                String authority = URI.create(uri).getRawAuthority();
                if (authority != null && !authority.equalsIgnoreCase(host)) {
                    return 400;
                }
            } catch (IllegalArgumentException e) {
                return 400;
            }
        }
        if (head.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            List<String> te = head.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
            // Netty refused a last coding other than chunked, and chunked twice; HAProxy 2.6 answers
            // 422 to any other coding before chunked.
            for (String v : te) {
                for (String coding : v.split(",")) {
                    if (!coding.strip().toLowerCase(Locale.ROOT).equals("chunked")) {
                        return 422;
                    }
                }
            }
        }
        return 0;
    }

    private void fail(ChannelHandlerContext ctx, int index, int status) {
        failIndex = index;
        failStatus = status;
        flushBatch(ctx, index);
        ctx.channel().config().setAutoRead(false);
        answerIfDue(ctx);
    }

    private void answerIfDue(ChannelHandlerContext ctx) {
        if (closing || failIndex < 0 || responsesDone < failIndex) {
            return;
        }
        closing = true;
        if (responseStarted || responsesDone > failIndex) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(MuxErrors.response(failStatus)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            promise.setSuccess();
            return;
        }
        boolean informational = msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (msg instanceof HttpResponse && !informational) {
            responseStarted = true;
        }
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && !informational && responseStarted) {
            responseStarted = false;
            responsesDone++;
            if (failIndex >= 0) {
                ctx.flush();
                answerIfDue(ctx);
            }
        }
    }

    /** Whether a request has started and not fully arrived (for the timeouts). */
    boolean inRequest() {
        return inRequest;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Item i : batch) {
            ReferenceCountUtil.release(i.msg);
        }
        batch.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        for (Item i : batch) {
            ReferenceCountUtil.release(i.msg);
        }
        batch.clear();
    }

}

package io.spoe4j.netty;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.client.SpoeResult;
import io.spoe4j.client.SpoeVariables;
import java.util.List;
import java.util.Optional;

/**
 * One request's SPOE processing as the gateway sees it: the request head, the variables of every
 * engine (proc, sess, txn, req, res) and the results so far. The handler sets it on the channel
 * ({@link #KEY}) just before passing the request head on, so the next handlers read it in their
 * {@code channelRead}. Read it on the channel's event loop; variables are a live thread-safe view.
 */
public interface SpoeExchange {

    /** The channel attribute holding the exchange of the last request passed on. */
    AttributeKey<SpoeExchange> KEY = AttributeKey.valueOf(SpoeExchange.class, "exchange");

    /** The exchange of the last request passed on by the handler on {@code channel}, if any. */
    static Optional<SpoeExchange> current(Channel channel) {
        return Optional.ofNullable(channel.attr(KEY).get());
    }

    /** The request head as passed on (rewritten by the rules, with the variable headers). */
    HttpRequest request();

    /** What sample fetches read: the request, the response once known, and {@code var()} of every engine. */
    RequestAttributes attributes();

    /** The variables of every engine, first engine first when two set the same name. */
    SpoeVariables variables();

    /** The results of the events and groups run so far, in order. */
    List<SpoeResult> results();

    /** Whether a processing failed on an engine whose policy is fail-closed. */
    boolean blocked();

    /** The backend chosen by {@code use_backend}/{@code default_backend}, if any: the gateway routes to it. */
    Optional<String> backend();
}

package io.spoe4j.spring.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.client.SpoeVariables;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HeaderEditor;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.internal.Replies;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/** Writing the rules' local answers and variable headers onto WebFlux messages. */
final class Answers {
    private Answers() {
    }

    /**
     * Writes {@code respond}'s reply as HAProxy would: status, headers in order, body, and
     * {@code Connection: close} when HAProxy closes after it ({@link Replies#toClient}). Spring
     * writes the standard reason phrase of the status.
     */
    static Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, String version,
            Decision.Respond respond, boolean bodyRead) {
        HttpHeaders in = request.getHeaders();
        boolean bodyless = in.getContentLength() <= 0 && !in.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        Replies.Wire wire = Replies.toClient(respond.reply(), new Replies.ClientRequest(!"1.0".equals(version),
                in.getOrEmpty(HttpHeaders.CONNECTION), bodyless, bodyless || bodyRead), false);
        return write(response, wire.reply(), respond.close() || wire.close());
    }

    static Mono<Void> write(ServerHttpResponse response, HttpReply reply, boolean close) {
        prepare(response, reply, close);
        if (reply.body().length == 0) {
            return response.setComplete();
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(reply.body())));
    }

    /** The reply's status and headers on a response not yet committed. */
    static void prepare(ServerHttpResponse response, HttpReply reply, boolean close) {
        response.setStatusCode(HttpStatusCode.valueOf(reply.status()));
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        for (HttpHeader h : reply.headers()) {
            headers.add(h.name(), h.value());
        }
        if (close) {
            headers.set(HttpHeaders.CONNECTION, "close");
        }
    }

    static HeaderEditor editor(HttpHeaders headers) {
        return new HeaderEditor() {
            @Override
            public void remove(String name) {
                headers.remove(name);
            }

            @Override
            public void add(String name, String value) {
                headers.add(name, value);
            }
        };
    }

    /** Removes every header whose name starts with {@code prefix}, so that clients cannot forge variables. */
    static void strip(HttpHeaders headers, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        headers.headerNames().stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(p)).toList()
                .forEach(headers::remove);
    }

    /** Sets a header per sess, txn and req (or res for a response) variable: {@code <prefix>txn-coraza-action}. */
    static void addVariables(HttpHeaders headers, String prefix, SpoeVariables variables, boolean response) {
        if (variables.isEmpty()) {
            return;
        }
        String own = response ? "res." : "req.";
        variables.forEach((n, v) -> {
            if (n.startsWith("sess.") || n.startsWith("txn.") || n.startsWith(own)) {
                headers.set(io.spoe4j.client.VariableHeaders.name(prefix, n), io.spoe4j.client.VariableHeaders.value(v));
            }
        });
    }
}

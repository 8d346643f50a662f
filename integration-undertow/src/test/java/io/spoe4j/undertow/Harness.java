package io.spoe4j.undertow;

import static org.junit.jupiter.api.Assertions.fail;

import io.spoe4j.acl.Sample;
import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.testkit.Dispatcher;
import io.spoe4j.testkit.SpoaAgent;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A testkit agent, engines, a real Undertow on port 0 and an HTTP client; closes what it made, newest first. */
final class Harness implements AutoCloseable {
    /** Far above every processing timeout used here: a request not answered by then never will be. */
    static final long BOUND_SECONDS = 30;

    static final String CONF = """
            spoe-agent ua
                messages m-req m-admin m-resp
                groups g-auth
                option var-prefix ua
                option set-on-error err
                timeout processing %s
                use-backend agents
            spoe-message m-req
                args path=path method=method
                event on-frontend-http-request
            spoe-message m-admin
                args admin=path
                event on-frontend-http-request if { path_beg /admin }
            spoe-message m-resp
                args status=status ctype=res.hdr(content-type)
                event on-http-response
            spoe-message m-auth
                args auth=req.hdr(x-auth)
            spoe-group g-auth
                messages m-auth
            """;

    /** Answers every NOTIFY by setting txn var NAME to each named argument's value. */
    static final Dispatcher ECHO = Dispatcher.of(Harness::echo);

    /** What the next handler saw. */
    record Seen(String thread, boolean ioThread, Map<String, Sample> variables, Map<String, String> headers,
            SpoeExchange spoe) {
    }

    private final List<AutoCloseable> closeables = new ArrayList<>();
    final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(BOUND_SECONDS)).build();

    static List<Action> echo(List<Message> messages) {
        List<Action> actions = new ArrayList<>();
        for (Message m : messages) {
            for (Arg a : m.args()) {
                if (!a.name().isEmpty()) {
                    actions.add(Action.setVar(Scope.TXN, a.name(), a.value()));
                }
            }
        }
        return actions;
    }

    SpoaAgent agent() {
        SpoaAgent agent = track(SpoaAgent.builder().dispatcher(ECHO).build().start());
        return agent;
    }

    SpoeEngine engine(SpoaAgent agent, FailurePolicy policy, String processingTimeout) {
        return engine(agent.endpoint(), policy, processingTimeout);
    }

    SpoeEngine engine(String server, FailurePolicy policy, String processingTimeout) {
        return track(SpoeEngine.builder()
                .config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf", CONF.formatted(processingTimeout), null))
                .server(server).threads(1).failurePolicy(policy).build());
    }

    /** The next handler: records what it saw, answers 200 with the request body echoed. */
    HttpHandler recorder() {
        return ex -> {
            record(ex);
            ex.getRequestReceiver().receiveFullBytes((e, body) -> e.getResponseSender().send(ByteBuffer.wrap(body)));
        };
    }

    void record(HttpServerExchange ex) {
        SpoeExchange spoe = SpoeExchange.all(ex).stream().findFirst().orElse(null);
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach(h -> headers.put(h.getHeaderName().toString(), String.join(",", h)));
        seen.add(new Seen(Thread.currentThread().getName(), ex.isInIoThread(),
                spoe == null ? Map.of() : spoe.variables().snapshot(), headers, spoe));
    }

    Seen takeSeen() {
        try {
            Seen s = seen.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            if (s == null) {
                fail("the next handler did not run within " + BOUND_SECONDS + " s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts Undertow on 127.0.0.1, port 0, with one IO thread; returns the base URI. */
    URI server(HttpHandler handler) {
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(2)
                .setHandler(handler).build();
        undertow.start();
        closeables.add(undertow::stop);
        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        return URI.create("http://127.0.0.1:" + address.getPort());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) {
        return await(sendAsync(request));
    }

    HttpResponse<String> get(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(BOUND_SECONDS)).build());
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("no answer within " + BOUND_SECONDS + " s: the exchange never completed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        closeables.clear();
        if (first != null) {
            throw first;
        }
    }
}

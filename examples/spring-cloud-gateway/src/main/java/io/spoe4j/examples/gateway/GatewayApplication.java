package io.spoe4j.examples.gateway;

import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Spring Cloud Gateway on :8080 with the {@code Spoe=iprep} route filter (application.yml) in front
 * of two built-in echo upstreams, :8081 (the route's) and :8082 (backend {@code echo-alt}), which
 * answer with the request they received, the SPOE variable headers included. Start
 * {@code spoe4j agent} (127.0.0.1:12345) first.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** The upstream the route sends to. */
    @Bean(destroyMethod = "disposeNow")
    DisposableServer echoUpstream(@Value("${example.upstream-port:8081}") int port) {
        return echo(port);
    }

    /** The upstream of backend {@code echo-alt} ({@code spoe4j.backends.echo-alt}). */
    @Bean(destroyMethod = "disposeNow")
    DisposableServer altUpstream(@Value("${example.alt-upstream-port:8082}") int port) {
        return echo(port);
    }

    /** Echoes the upstream's port, method, target and headers. */
    private static DisposableServer echo(int port) {
        return HttpServer.create().host("127.0.0.1").port(port)
                .handle((req, res) -> {
                    StringBuilder sb = new StringBuilder("upstream :" + port + "\n").append(req.method().name())
                            .append(' ').append(req.uri()).append('\n');
                    req.requestHeaders().forEach(h -> sb.append(h.getKey().toLowerCase(Locale.ROOT)).append(": ")
                            .append(h.getValue()).append('\n'));
                    return res.header("content-type", "text/plain").sendString(Mono.just(sb.toString())).then();
                })
                .bindNow(Duration.ofSeconds(10));
    }
}

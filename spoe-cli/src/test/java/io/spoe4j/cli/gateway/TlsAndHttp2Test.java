package io.spoe4j.cli.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.RecordedNotify;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener terminates TLS with a certificate made in the test (PEM as HAProxy's {@code crt}) and
 * negotiates HTTP/2 or HTTP/1.1 by ALPN; each HTTP/2 stream runs SPOE and is proxied as an HTTP/1.1
 * exchange, its body streamed. The JDK's HttpClient is the client.
 */
class TlsAndHttp2Test {
    @Test
    void http2AndHttp11OverTls(@TempDir Path dir) throws Exception {
        SelfSignedCertificates certs = SelfSignedCertificates.create(dir);
        var ssl = GatewayTls.server(certs.pem.toFile(), certs.pem.toFile(), List.of("h2", "http/1.1"));
        try (GatewayFixture f = new GatewayFixture(GatewayLimits.DEFAULTS, null, ssl)) {
            URI uri = URI.create("https://127.0.0.1:" + f.port() + "/h2?x=1");
            HttpClient h2 = HttpClient.newBuilder().sslContext(certs.clientContext).version(HttpClient.Version.HTTP_2)
                    .connectTimeout(GatewayFixture.WAIT).build();
            HttpResponse<String> r = h2.send(HttpRequest.newBuilder(uri).timeout(GatewayFixture.WAIT)
                    .POST(HttpRequest.BodyPublishers.ofString("hello over h2")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertEquals(200, r.statusCode());
            assertEquals("seen 13", r.body());
            String seen = f.upstream.take(GatewayFixture.WAIT);
            assertNotNull(seen);
            assertTrue(seen.startsWith("POST /h2?x=1 HTTP/1.1\r\n"), seen);
            assertTrue(seen.endsWith("hello over h2") || seen.contains("\r\nd\r\nhello over h2\r\n"), seen);
            RecordedNotify n = f.agent.takeNotify(GatewayFixture.WAIT);
            assertNotNull(n, "SPOE ran on the HTTP/2 stream");
            assertEquals("/h2", new String(((TypedValue.Str) n.arg("req", "path")).bytes(), StandardCharsets.UTF_8));

            HttpClient h1 = HttpClient.newBuilder().sslContext(certs.clientContext).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(GatewayFixture.WAIT).build();
            HttpResponse<String> r1 = h1.send(HttpRequest.newBuilder(uri.resolve("/h1")).timeout(GatewayFixture.WAIT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, r1.version());
            assertEquals("seen 0", r1.body());
            assertTrue(f.upstream.take(GatewayFixture.WAIT).startsWith("GET /h1 HTTP/1.1\r\n"));
        }
    }

    @Test
    void aKeyThatIsNotAKeyIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.pem");
        java.nio.file.Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GatewayTls.server(bad.toFile(), bad.toFile(), List.of()));
        assertTrue(e.getMessage().startsWith("TLS certificate " + bad + " cannot be used"), e.getMessage());
    }
}

package io.spoe4j.cli.gateway;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import java.io.File;
import java.util.List;

/**
 * The listener's TLS: a Netty server {@link SslContext} from PEM files (OpenSSL through
 * netty-tcnative-boringssl-static when it loads, else the JDK's provider), with ALPN offering the
 * given protocols ({@code h2}, {@code http/1.1}) in the server's order of preference.
 */
public final class GatewayTls {
    private GatewayTls() {
    }

    /**
     * {@code certChain} and {@code key} may be one file holding both, as HAProxy's {@code crt} (the
     * key in PKCS#8, {@code BEGIN PRIVATE KEY}); {@code alpn} empty for no negotiation (HTTP/1.1).
     *
     * @throws IllegalArgumentException naming the file when the certificate or key cannot be used
     */
    public static SslContext server(File certChain, File key, List<String> alpn) {
        for (String p : alpn) {
            if (!p.equals(ApplicationProtocolNames.HTTP_2) && !p.equals(ApplicationProtocolNames.HTTP_1_1)) {
                throw new IllegalArgumentException("alpn: only h2 and http/1.1 are served, got '" + p + "'");
            }
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(certChain, key).sslProvider(provider());
            if (!alpn.isEmpty()) {
                b.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
            }
            return b.build();
        } catch (Exception e) { // SSLException, or IllegalArgumentException from the PEM reader
            throw new IllegalArgumentException("TLS certificate " + certChain + (key.equals(certChain) ? "" : " / key "
                    + key) + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** OpenSSL (BoringSSL) when its native library loads here, else the JDK. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() && SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL
                : SslProvider.JDK;
    }
}

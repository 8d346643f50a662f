package io.spoe4j.config;

import static io.spoe4j.config.Configs.readCfg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.SimpleRequestAttributes;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code option forwardfor} of HTTP sections (CrowdSec's documented challenge backend has it). */
class ForwardForTest {

    @Test
    void readFromTheSectionOrItsDefaults(@TempDir Path dir) throws Exception {
        SpoeSetup s = readCfg(dir, """
                defaults
                    mode http
                    option forwardfor
                frontend fe
                    no option forwardfor
                    default_backend plain
                backend plain
                    server s1 127.0.0.1:8080
                backend custom
                    option forwardfor except 10.0.0.0/8 header X-Client if-none
                    server s1 127.0.0.1:8081
                """);
        assertEquals(Optional.empty(), s.httpProxy("fe").orElseThrow().forwardFor(), "'no option forwardfor'");
        HttpProxyConfig.ForwardFor plain = s.httpProxy("plain").orElseThrow().forwardFor().orElseThrow();
        assertEquals(Optional.empty(), plain.header(), "from defaults, HAProxy's x-forwarded-for");
        assertFalse(plain.ifNone());
        HttpProxyConfig.ForwardFor custom = s.httpProxy("custom").orElseThrow().forwardFor().orElseThrow();
        assertEquals(Optional.of("X-Client"), custom.header());
        assertTrue(custom.ifNone());
        assertTrue(custom.except().orElseThrow().test(SimpleRequestAttributes.builder()
                .client(InetAddress.getByName("10.1.2.3"), 1).build()));
        assertFalse(custom.except().orElseThrow().test(SimpleRequestAttributes.builder()
                .client(InetAddress.getByName("192.0.2.1"), 1).build()));
        assertTrue(s.warnings().stream().noneMatch(w -> w.message().contains("forwardfor")), s.warnings().toString());
    }

    @Test
    void aWrongArgumentIsHaproxysError(@TempDir Path dir) {
        SpoeConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SpoeConfigException.class, () -> readCfg(dir, """
                backend b
                    mode http
                    option forwardfor sometimes
                """));
        assertTrue(e.getMessage().contains("'option forwardfor' only supports optional values"), e.getMessage());
    }
}

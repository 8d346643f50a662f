package io.spoe4j.config;

import static io.spoe4j.config.Configs.readCfg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule whose condition reads stick-table counters is not applied, with a warning naming the
 * fetch, instead of failing the whole file: spoe4j keeps no stick table. CrowdSec's documented
 * haproxy-lua.cfg has such a rule (found by the actions conformance suite, which loads it unchanged).
 */
class StickCounterRulesTest {

    @Test
    void theRuleIsLeftOutWithAWarning(@TempDir Path dir) {
        SpoeSetup s = readCfg(dir, """
                defaults
                    mode http
                frontend test
                    acl crowdsec_challenge_backend_path path_beg /crowdsec-challenge/ /crowdsec-internal/challenge/
                    stick-table type ip size 100k expire 10s store http_req_rate(10s)
                    http-request track-sc0 src if crowdsec_challenge_backend_path
                    http-request deny status 429 if crowdsec_challenge_backend_path { sc_http_req_rate(0) gt 20 }
                    http-request deny if { src_conn_rate gt 100 }
                    http-request set-header x-kept 1
                    default_backend app
                backend app
                    server s1 127.0.0.1:8080
                """);
        assertEquals(List.of("SetHeader"), s.proxyRules("test").stream().filter(r -> r instanceof HttpActionRule)
                .map(r -> ((HttpActionRule) r).action().getClass().getSimpleName()).toList());
        List<String> warnings = s.warnings().stream().map(ConfigWarning::toString).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.contains(":7:") && w.contains("fetch 'sc_http_req_rate'")
                && w.contains("stick-table counters")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(":8:") && w.contains("fetch 'src_conn_rate'")),
                warnings.toString());
    }
}

package io.spoe4j.config;

import io.spoe4j.options.Balance;
import static io.spoe4j.config.Configs.readCfg;
import static io.spoe4j.config.Configs.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.acl.SimpleRequestAttributes;
import io.spoe4j.config.HttpAction.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The haproxy.cfg setups the real agents document (Coraza, CrowdSec, criteo's auth agent, Datadog)
 * load with every rule applied: no warning about any rule line. Each setup was also checked with
 * {@code haproxy -c} (2.6.12; Lua actions registered by a stub lua-load).
 */
class AgentSetupsTest {
    @TempDir
    Path dir;

    private static final Set<String> RULE_KEYWORDS = Set.of("http-request", "http-response", "http-after-response",
            "tcp-request", "use_backend", "default_backend");

    private SpoeSetup load(String spoeConf, String cfg) throws Exception {
        Files.writeString(dir.resolve(spoeConf), resource("agents/" + spoeConf));
        SpoeSetup s = readCfg(dir, cfg);
        List<String> lines = cfg.lines().toList();
        List<ConfigWarning> aboutRules = s.warnings().stream().filter(w -> w.origin().file().endsWith("haproxy.cfg"))
                .filter(w -> RULE_KEYWORDS.contains(lines.get(w.origin().line() - 1).strip().split("\\s+")[0]))
                .toList();
        assertEquals(List.of(), aboutRules, "every rule is applied");
        for (ConfigWarning w : s.warnings()) {
            assertTrue(w.origin().line() > 0 && w.origin().column() > 0, "file:line:col for " + w);
        }
        return s;
    }

    private static HttpAction action(SpoeSetup s, String proxy, int index) {
        return ((HttpActionRule) s.proxyRules(proxy).get(index)).action();
    }

    @Test
    void coraza() throws Exception {
        SpoeSetup s = load("coraza.conf", """
                global
                    log stdout format raw local0
                defaults
                    log global
                    option httplog
                    timeout client 1m
                    timeout server 1m
                    timeout connect 10s
                frontend test
                    mode http
                    bind *:80
                    unique-id-format %[uuid()]
                    unique-id-header X-Unique-ID
                    filter spoe engine coraza config coraza.conf
                    http-request set-var(txn.coraza.app) str(sample_app)
                    http-request send-spoe-group coraza coraza-req
                    # Currently haproxy cannot use variables to set the code or deny_status, so this needs to be manually configured here
                    http-request redirect code 302 location %[var(txn.coraza.data)] if { var(txn.coraza.action) -m str redirect }
                    http-response redirect code 302 location %[var(txn.coraza.data)] if { var(txn.coraza.action) -m str redirect }
                    http-request deny deny_status 403 hdr waf-block "request"  if { var(txn.coraza.action) -m str deny }
                    http-response deny deny_status 403 hdr waf-block "response" if { var(txn.coraza.action) -m str deny }
                    http-request silent-drop if { var(txn.coraza.action) -m str drop }
                    http-response silent-drop if { var(txn.coraza.action) -m str drop }
                    # Deny in case of an error, when processing with the Coraza SPOA
                    http-request deny deny_status 504 if { var(txn.coraza.error) -m int gt 0 }
                    http-response deny deny_status 504 if { var(txn.coraza.error) -m int gt 0 }
                    use_backend test_backend
                backend test_backend
                    mode http
                    http-request return status 200 content-type "text/plain" string "Welcome!\\n"
                backend coraza-spoa
                    mode tcp
                    balance roundrobin
                    timeout connect 5s
                    timeout server 3m
                    server s1 127.0.0.1:9000
                """);
        assertEquals(List.of("SetVarRule", "SendSpoeGroupRule", "HttpActionRule", "HttpActionRule", "HttpActionRule",
                "HttpActionRule", "HttpActionRule", "HttpActionRule", "HttpActionRule", "HttpActionRule", "UseBackendRule"),
                s.proxyRules("test").stream().map(r -> r.getClass().getSimpleName()).toList());
        HttpActionRule deny = (HttpActionRule) s.proxyRules("test").get(4);
        HttpAction.Reply reply = ((HttpAction.Deny) deny.action()).reply();
        assertEquals(403, reply.status());
        assertEquals("request", reply.headers().get(0).value().evaluate(SimpleRequestAttributes.builder().build()));
        SimpleRequestAttributes denied = SimpleRequestAttributes.builder()
                .variable("txn.coraza.action", new Sample.Str("deny")).build();
        assertTrue(deny.condition().orElseThrow().test(denied));
        HttpAction.Reply onError = ((HttpAction.Deny) action(s, "test", 8)).reply();
        assertEquals(504, onError.status());
        assertEquals(new Payload.Default(), onError.payload(), "the error page for 504");
        assertEquals(RuleDirection.HTTP_RESPONSE, s.proxyRules("test").get(5).direction());
        assertEquals("Welcome!\n", new String(((Payload.Constant) ((HttpAction.Return) action(s, "test_backend", 0))
                .reply().payload()).body()));
        assertEquals(Set.of("test", "test_backend"), Set.copyOf(s.httpProxies().stream().map(HttpProxyConfig::name)
                .toList()));
        assertEquals(java.util.Optional.of(Duration.ofSeconds(10)), s.httpProxy("test").orElseThrow().tarpitTimeout());
    }

    @Test
    void crowdsec() throws Exception {
        SpoeSetup s = load("crowdsec.conf", """
                global
                    lua-load /usr/lib/crowdsec/lua/haproxy/crowdsec.lua
                defaults
                    mode http
                    timeout connect 5s
                frontend http-in
                    bind *:80
                    unique-id-format %[uuid()]
                    filter spoe engine crowdsec config crowdsec.conf
                    tcp-request content reject if { var(sess.crowdsec.remediation) -m str ban }
                    http-request send-spoe-group crowdsec crowdsec-http-body if { req.body_size -m int le 51200 }
                    http-request send-spoe-group crowdsec crowdsec-http-no-body if { req.body_size -m int gt 51200 }
                    http-request set-header X-Crowdsec-Remediation %[var(txn.crowdsec.remediation)] if { var(txn.crowdsec.remediation) -m found }
                    http-request set-header X-Crowdsec-IsoCode %[var(txn.crowdsec.isocode)] if { var(txn.crowdsec.isocode) -m found }
                    http-request redirect location %[var(txn.crowdsec.redirect)] if { var(txn.crowdsec.remediation) -m str allow } { var(txn.crowdsec.redirect) -m found }
                    http-request lua.crowdsec_handle if { var(txn.crowdsec.remediation) -m found }
                    http-after-response set-header Set-Cookie %[var(txn.crowdsec.captcha_cookie)] if { var(txn.crowdsec.captcha_status) -m found } { var(txn.crowdsec.captcha_cookie) -m found }
                    http-after-response set-header Set-Cookie %[var(txn.crowdsec.captcha_cookie)] if { var(txn.crowdsec.captcha_status) -m found } !{ var(txn.crowdsec.captcha_cookie) -m found }
                    use_backend test_backend
                backend test_backend
                    server s1 127.0.0.1:4242
                backend crowdsec-spoa
                    mode tcp
                    server s2 127.0.0.1:9000
                """);
        List<ProxyRule> r = s.proxyRules("http-in");
        assertEquals(new HttpAction.TcpContent(false), ((HttpActionRule) r.get(0)).action());
        assertEquals(new HttpAction.Lua("crowdsec_handle", List.of()), ((HttpActionRule) r.get(6)).action());
        assertEquals(RuleDirection.HTTP_AFTER_RESPONSE, r.get(7).direction());
        assertTrue(s.warnings().stream().anyMatch(w -> w.message().startsWith("global keyword 'lua-load' is not applied")));
    }

    @Test
    void criteoAuth() throws Exception {
        SpoeSetup s = load("auth.conf", """
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5s
                    timeout server 5s
                frontend haproxynode
                    bind *:9080
                    filter spoe engine spoe-auth config auth.conf
                    acl acl_authenticated var(sess.auth.is_authenticated) -m bool
                    http-request set-var(req.oidc_client_id) str(my-client)
                    http-request redirect location %[var(sess.auth.redirect_url)] if ! acl_authenticated { var(sess.auth.redirect_url) -m found }
                    http-request set-header X-OIDC-Username %[var(sess.auth.token_claim_email)] if acl_authenticated
                    use_backend backend_unauthorized if ! { var(sess.auth.is_authenticated) -m bool }
                    default_backend backend_app
                backend backend_app
                    balance roundrobin
                    server app1 127.0.0.1:8081
                    server app2 127.0.0.1:8082 ssl verify none
                backend backend_unauthorized
                    http-response set-status 401
                    http-response set-header WWW-Authenticate 'Basic realm="Access the webapp"'
                    server app 127.0.0.1:8081
                backend backend_spoe-agent
                    mode tcp
                    balance roundrobin
                    server agent 127.0.0.1:8083
                """);
        List<ProxyRule> r = s.proxyRules("haproxynode");
        UseBackendRule unauth = (UseBackendRule) r.get(3);
        assertEquals("backend_unauthorized", unauth.name().text());
        SimpleRequestAttributes anonymous = SimpleRequestAttributes.builder().build();
        assertTrue(unauth.condition().orElseThrow().test(anonymous));
        assertFalse(unauth.condition().orElseThrow().test(SimpleRequestAttributes.builder()
                .variable("sess.auth.is_authenticated", Sample.bool(true)).build()));
        assertTrue(((UseBackendRule) r.get(4)).isDefault());
        assertEquals(new HttpAction.SetStatus(401, java.util.Optional.empty()), action(s, "backend_unauthorized", 0));
        HttpProxyConfig app = s.httpProxy("backend_app").orElseThrow();
        assertEquals(List.of("127.0.0.1:8081:false", "127.0.0.1:8082:true"), app.servers().stream()
                .map(x -> x.host() + ":" + x.port() + ":" + x.ssl()).toList());
        assertEquals(Balance.ROUNDROBIN, app.balance());
        assertTrue(app.isBackend());
        assertFalse(app.isFrontend());
        assertInstanceOf(BackendConfig.class, s.backend("backend_spoe-agent").orElseThrow(), "the agent backend is intact");
    }

    @Test
    void datadog() throws Exception {
        SpoeSetup s = load("datadog.conf", """
                global
                    lua-load /usr/local/share/haproxy/datadog_aap_blocking_response.lua
                defaults
                    mode http
                    timeout connect 5s
                frontend main
                    bind *:80
                    filter spoe engine datadog-aap-engine config datadog.conf
                    http-request set-var(txn.timeout) str(200ms)
                    http-request send-spoe-group datadog-aap-engine dd-aap-http-request-headers-msg
                    http-request set-var(sess.span_id) var(txn.dd.span_id)
                    http-request wait-for-body time 20s at-least 100k if { var(txn.dd.request_body) -m bool }
                    http-request send-spoe-group datadog-aap-engine dd-aap-http-request-body-msg if { var(txn.dd.request_body) -m bool }
                    http-request lua.send_blocking_response if { var(txn.dd.blocked) -m bool }
                    http-response send-spoe-group datadog-aap-engine dd-aap-http-response-headers-msg
                    http-response lua.send_blocking_response if { var(txn.dd.blocked) -m bool }
                    default_backend app
                backend app
                    server app 127.0.0.1:8080
                backend spoa-backend
                    mode tcp
                    server agent 127.0.0.1:3000
                """);
        List<ProxyRule> r = s.proxyRules("main");
        assertEquals(new HttpAction.WaitForBody(Duration.ofSeconds(20), 102_400), ((HttpActionRule) r.get(3)).action());
        assertEquals(new HttpAction.Lua("send_blocking_response", List.of()), ((HttpActionRule) r.get(5)).action());
        assertEquals(RuleDirection.HTTP_RESPONSE, r.get(7).direction());
    }
}

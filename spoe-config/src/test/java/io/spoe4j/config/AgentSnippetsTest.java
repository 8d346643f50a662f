package io.spoe4j.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.spoe4j.config.Configs.READER;
import static io.spoe4j.config.Configs.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spoe.conf files real agents ship parse unchanged to the expected model. */
class AgentSnippetsTest {

    private static EngineConfig read(String file, String engine) {
        return READER.parseSpoeConf(file, resource("agents/" + file), engine);
    }

    private static List<String> argNames(MessageConfig m) {
        return m.args().stream().map(MessageArg::name).toList();
    }

    @Test
    void coraza() {
        EngineConfig e = read("coraza.conf", "coraza");
        assertEquals("coraza", e.engineName());
        assertEquals("coraza-agent", e.agentName());
        assertEquals("coraza", e.varPrefix());
        assertEquals(Optional.of("error"), e.options().setOnError());
        assertEquals(Duration.ofMillis(500), e.agentOptions().processingTimeout());
        assertEquals("coraza-spoa", e.useBackend());
        assertTrue(e.messages().isEmpty(), "coraza-res is defined but not used by the agent");
        GroupConfig g = e.group("coraza-req").orElseThrow();
        assertEquals(1, g.messages().size());
        MessageConfig m = g.messages().get(0);
        assertEquals(List.of("app", "src-ip", "src-port", "dst-ip", "dst-port", "method", "path", "query", "version",
                "headers", "body", "exportRuleIDs"), argNames(m));
        assertEquals("var(txn.coraza.app)", m.args().get(0).expression().text());
        assertEquals("bool(false)", m.args().get(11).expression().text());
        assertEquals(Optional.empty(), m.event());
        assertEquals(new Origin("coraza.conf", 10, 10), m.args().get(0).origin());
        assertEquals(new Origin("coraza.conf", 3, 12), e.origin());
    }

    @Test
    void crowdsec() {
        EngineConfig e = read("crowdsec.conf", "crowdsec");
        assertEquals(1, e.messages().size());
        MessageConfig tcp = e.messages().get(0);
        assertEquals("crowdsec-tcp", tcp.name());
        assertEquals(Optional.of(SpoeEvent.ON_CLIENT_SESSION), tcp.event());
        assertEquals(List.of("id", "src-ip", "src-port"), argNames(tcp));
        assertEquals(List.of("crowdsec-http-body", "crowdsec-http-no-body"),
                e.groups().stream().map(GroupConfig::name).toList());
        assertTrue(e.group("crowdsec-http-body").orElseThrow().messages().get(0).needsRequestBody());
        assertEquals(List.of(tcp), e.messagesFor(SpoeEvent.ON_CLIENT_SESSION));
        assertTrue(e.messagesFor(SpoeEvent.ON_HTTP_RESPONSE).isEmpty());
    }

    @Test
    void spoaMirrorWithoutScope() {
        EngineConfig e = read("mirror.conf", null);
        assertEquals("mirror-agent", e.engineName());
        assertEquals("spoe", e.varPrefix());
        assertEquals(Duration.ofSeconds(5), e.agentOptions().processingTimeout());
        MessageConfig m = e.messages().get(0);
        assertEquals(List.of("arg_method", "arg_path", "arg_ver", "arg_hdrs", "arg_body"), argNames(m));
        assertEquals(Optional.of(SpoeEvent.ON_FRONTEND_HTTP_REQUEST), m.event());
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
    }

    @Test
    void criteoAuthGroupWithTwoConditionalMessages() {
        EngineConfig e = read("auth.conf", "spoe-auth");
        assertEquals("auth", e.varPrefix());
        GroupConfig g = e.group("try-auth-all").orElseThrow();
        assertEquals(List.of("try-auth-ldap", "try-auth-oidc"), g.messages().stream().map(MessageConfig::name).toList());
        MessageConfig ldap = g.messages().get(0);
        assertTrue(ldap.condition().isPresent());
        assertEquals(Optional.of(SpoeEvent.ON_FRONTEND_HTTP_REQUEST), ldap.event());
        assertEquals(8, g.messages().get(1).args().size());
        assertTrue(e.messages().isEmpty());
    }

    @Test
    void datadogExpandsTheTimeoutFromTheEnvironment() {
        EngineConfig e = read("datadog.conf", "datadog-aap-engine");
        assertEquals(Duration.ofMillis(750), e.agentOptions().processingTimeout());
        assertEquals("dd", e.varPrefix());
        assertEquals(Optional.of("spoe_error"), e.options().setOnError());
        assertEquals(4, e.groups().size());
        assertTrue(e.group("dd-aap-http-response-headers-msg").orElseThrow().messages().get(0).needsResponse());
        assertFalse(e.group("dd-aap-http-request-headers-msg").orElseThrow().messages().get(0).needsResponse());
    }

    @Test
    void modsecurityPositionalArgsAndIgnoredTimeoutsWarn() {
        EngineConfig e = read("modsecurity.conf", "modsecurity");
        MessageConfig m = e.messages().get(0);
        assertEquals(List.of("", "", "", "", "", "", "", ""), argNames(m));
        assertEquals("req.hdrs_bin", m.args().get(5).expression().text());
        assertEquals(Duration.ofMillis(100), e.agentOptions().helloTimeout());
        assertEquals(Duration.ofSeconds(30), e.agentOptions().idleTimeout());
        assertEquals(2, e.warnings().size(), e.warnings().toString());
        assertTrue(e.warnings().get(0).message().contains("ignored by HAProxy 3.1+"));
        assertEquals(5, e.warnings().get(0).origin().line());
    }

    @Test
    void haproxyCaptureLoadsWhole(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spoe.conf"), resource("agents/capture-spoe.conf"));
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, resource("agents/capture-haproxy.cfg"));
        SpoeSetup setup = READER.readHaproxyCfg(cfg);
        EngineConfig e = setup.engine("fe", "vec").orElseThrow();
        assertEquals(List.of("typed", "headers", "positional"), e.messages().stream().map(MessageConfig::name).toList());
        assertEquals(11, e.messages().get(0).args().size());
        assertEquals("ipv6(2001:db8::42)", e.messages().get(0).args().get(7).expression().text());
        assertEquals(Duration.ofSeconds(2), e.agentOptions().helloTimeout());
        BackendConfig agents = setup.backend("agents").orElseThrow();
        assertEquals("tcp", agents.mode());
        assertEquals(Optional.of(Duration.ofSeconds(2)), agents.connectTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(10)), agents.serverTimeout());
        ServerConfig a1 = agents.servers().get(0);
        assertEquals("127.0.0.1:18301", a1.addressText());
        assertFalse(a1.check());
        SendSpoeGroupRule rule = setup.rules().get(0);
        assertEquals(RuleDirection.HTTP_REQUEST, rule.direction());
        assertEquals("vec", rule.engine());
        assertEquals("grp", rule.group());
        assertEquals(Optional.empty(), rule.condition());
        assertEquals(new Origin(cfg.toString(), 11, 18), rule.origin());
        assertEquals(1, setup.filters().size());
        assertEquals("spoe.conf", setup.filters().get(0).configFile());
    }
}

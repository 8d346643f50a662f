package io.spoe4j.config;

import io.spoe4j.options.Balance;
import io.spoe4j.acl.AclCompiler;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.spoe4j.config.Configs.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading agent backends, SPOE filters and send-spoe-group rules from a haproxy.cfg. */
class HaproxyCfgTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeSpoeConf() throws Exception {
        Files.writeString(dir.resolve("iprep.conf"), """
                [ip-reputation]
                spoe-agent iprep-agent
                    messages get-ip-reputation
                    groups check-ip res-group
                    option var-prefix iprep
                    option set-on-error error
                    timeout processing 10ms
                    use-backend iprep-servers
                spoe-message get-ip-reputation
                    args ip=src
                    event on-client-session if ! { src -f whitelist.lst }
                spoe-message check
                    args ip=src
                spoe-message res
                    args status=status
                spoe-group check-ip
                    messages check
                spoe-group res-group
                    messages res
                """);
        Files.writeString(dir.resolve("whitelist.lst"), "127.0.0.1\n10.0.0.0/8\n");
    }

    private SpoeSetup read(String cfg) throws Exception {
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        // -f pattern files are resolved by the compiler (HAProxy: against the working directory)
        return SpoeConfigReader.builder().compiler(AclCompiler.builder().baseDirectory(dir).build()).build()
                .readHaproxyCfg(file);
    }

    private static final String FRONTEND = """
            frontend www
                mode http
                bind :80
                filter spoe engine ip-reputation config iprep.conf
                acl internal src 10.0.0.0/8
                tcp-request content reject if { var(sess.iprep.ip_score) -m int lt 20 }
                http-request send-spoe-group ip-reputation check-ip if !internal
                tcp-request content send-spoe-group ip-reputation check-ip
                http-response send-spoe-group ip-reputation res-group
                default_backend app
            """;

    @Test
    void readsTheMinimalExampleOfTheReference() throws Exception {
        SpoeSetup s = read("""
                global
                    nbthread 4
                defaults
                    mode http
                    timeout connect 5s
                """ + FRONTEND + """
                backend iprep-servers
                    mode spop
                    balance leastconn
                    option spop-check
                    timeout server  3m
                    default-server inter 3s
                    server iprep1 192.0.2.10:12345 check rise 4 fall 5 weight 20 maxconn 8 ssl
                    server iprep2 192.0.2.11:12345 check disabled port 9000 inter 1s
                    server local unix@/run/agent.sock
                    server abs /run/agent2.sock
                backend app
                    mode http
                    balance uri
                    server a 127.0.0.1:8080
                """);
        EngineConfig e = s.engine("www", "ip-reputation").orElseThrow();
        assertEquals("iprep-agent", e.agentName());
        assertTrue(e.messages().get(0).condition().isPresent());
        assertEquals(1, s.filters().size());
        assertEquals("www", s.filters().get(0).proxy());
        BackendConfig b = s.backend("iprep-servers").orElseThrow();
        assertEquals("spop", b.mode());
        assertEquals(Balance.LEASTCONN, b.balance());
        assertTrue(b.spopCheck());
        assertEquals(Optional.of(Duration.ofSeconds(5)), b.connectTimeout(), "inherited from defaults");
        assertEquals(Optional.of(Duration.ofMinutes(3)), b.serverTimeout());
        ServerConfig s1 = b.servers().get(0);
        assertEquals("192.0.2.10:12345", s1.addressText());
        assertEquals(InetSocketAddress.createUnresolved("192.0.2.10", 12345), s1.address());
        assertTrue(s1.check());
        assertEquals(Duration.ofSeconds(3), s1.inter(), "from default-server");
        assertEquals(4, s1.rise());
        assertEquals(5, s1.fall());
        assertEquals(20, s1.weight());
        assertEquals(8, s1.maxconn());
        assertTrue(s1.ssl());
        assertFalse(s1.disabled());
        ServerConfig s2 = b.servers().get(1);
        assertTrue(s2.disabled());
        assertEquals(Duration.ofSeconds(1), s2.inter());
        assertEquals(2, s2.rise());
        assertEquals(3, s2.fall());
        assertEquals(1, s2.weight());
        assertEquals(0, s2.maxconn());
        assertFalse(s2.ssl());
        assertEquals(UnixDomainSocketAddress.of("/run/agent.sock"), b.servers().get(2).address());
        assertEquals(UnixDomainSocketAddress.of("/run/agent2.sock"), b.servers().get(3).address());
        assertEquals(Optional.empty(), s.backend("app"), "an http backend is no agent backend");
        assertEquals(List.of(RuleDirection.HTTP_REQUEST, RuleDirection.TCP_REQUEST_CONTENT, RuleDirection.HTTP_RESPONSE),
                s.rules().stream().map(SendSpoeGroupRule::direction).toList());
        assertTrue(s.rules().get(0).condition().isPresent());
        assertEquals("res-group", s.rules().get(2).group());
        List<String> w = s.warnings().stream().map(ConfigWarning::message).toList();
        assertTrue(w.stream().noneMatch(x -> x.contains("'bind'")), "bind is applied: " + w);
        assertTrue(w.contains("server option 'port' is not used by spoe4j; ignored."), w.toString());
        assertTrue(w.contains("global keyword 'nbthread' is not applied by spoe4j; ignored."), w.toString());
        HttpActionRule reject = (HttpActionRule) s.proxyRules("www").get(0);
        assertEquals(new HttpAction.TcpContent(false), reject.action(), "tcp-request content reject is applied");
        assertEquals(RuleDirection.TCP_REQUEST_CONTENT, reject.direction());
        UseBackendRule app = (UseBackendRule) s.proxyRules("www").get(s.proxyRules("www").size() - 1);
        assertTrue(app.isDefault());
        assertEquals("app", app.name().text());
        HttpProxyConfig http = s.httpProxy("app").orElseThrow();
        assertEquals(List.of(new HttpProxyConfig.HttpServer("a", "127.0.0.1", 8080, false,
                new Origin(dir.resolve("haproxy.cfg").toString(), 29, 12))), http.servers());
        assertEquals(Optional.of(Duration.ofSeconds(5)), http.tarpitTimeout(), "timeout connect, inherited");
        assertTrue(w.contains("balance 'uri' of backend 'app' is not applied by spoe4j to HTTP servers; roundrobin is"
                + " used."), w.toString());
    }

    @Test
    void defaultsOfServersAndBackends() throws Exception {
        SpoeSetup s = read(FRONTEND.replace("    http-response send-spoe-group ip-reputation res-group\n", "")
                + "backend iprep-servers\n    server a 127.0.0.1:1\nbackend app\n    mode http\n");
        BackendConfig b = s.backend("iprep-servers").orElseThrow();
        assertEquals("tcp", b.mode());
        assertEquals(Balance.ROUNDROBIN, b.balance());
        assertFalse(b.spopCheck());
        assertEquals(Optional.empty(), b.connectTimeout());
        ServerConfig a = b.servers().get(0);
        assertEquals(io.spoe4j.options.PoolOptions.DEFAULT_HEALTH_CHECK_INTERVAL, a.inter());
        assertFalse(a.check());
    }

    @Test
    void referenceErrors() throws Exception {
        SpoeConfigException e = fails(() -> read("""
                frontend fe
                    filter spoe engine ip-reputation config iprep.conf
                    filter spoe engine ip-reputation config iprep.conf
                    http-request send-spoe-group nope check-ip
                    http-request send-spoe-group ip-reputation nogroup
                    http-request send-spoe-group ip-reputation res-group
                backend app
                    mode http
                """));
        List<String> m = e.errors().stream().map(ConfigError::message).toList();
        assertEquals(List.of(
                "Proxy fe : unknown backend 'iprep-servers' used by SPOE agent 'iprep-agent' declared at "
                        + dir.resolve("iprep.conf") + ":2.",
                "Proxy fe : duplicated name for SPOE engine 'ip-reputation'.",
                "Proxy fe : unknown backend 'iprep-servers' used by SPOE agent 'iprep-agent' declared at "
                        + dir.resolve("iprep.conf") + ":2.",
                "unable to find SPOE engine 'nope' used by the send-spoe-group 'check-ip'",
                "unable to find SPOE group 'nogroup' into SPOE engine 'ip-reputation' configuration",
                "Invalid SPOE message 'res' used by SPOE group 'res-group' at " + dir.resolve("haproxy.cfg")
                        + ":6: some args extract information from 'response', none of which is available here "
                        + "('http-request')"), m);
        assertEquals("    filter spoe engine ip-reputation config iprep.conf", e.errors().get(1).sourceLine());
        assertEquals(new Origin(dir.resolve("haproxy.cfg").toString(), 3, 12), e.errors().get(1).origin());
    }

    @Test
    void httpBackendCannotHoldAgents() throws Exception {
        SpoeConfigException e = fails(() -> read("frontend fe\n    filter spoe engine ip-reputation config iprep.conf\n"
                + "backend iprep-servers\n    mode http\n"));
        assertTrue(e.errors().get(0).message().endsWith("must use SPOP mode (it uses 'mode http')."), e.getMessage());
    }

    @Test
    void lineErrors() throws Exception {
        SpoeConfigException e = fails(() -> read("""
                bogus
                frontend fe
                    filter spoe engine
                    filter spoe config
                    filter spoe
                    filter spoe engine x config y z
                    http-request send-spoe-group onlyone
                    http-request send-spoe-group a b when x
                    server s 1.2.3.4:1
                backend be
                    server s nohostport
                    server s2 1.2.3.4:1 weight 300
                    server s3 1.2.3.4:1 inter
                    timeout connect 10x
                    balance
                defaults
                    option spop-check
                listen l
                    no option spop-check
                """));
        assertEquals(List.of(
                "1:1:unknown keyword 'bogus' out of section.",
                "3:17:'spoe' : 'engine' option without value",
                "4:17:'spoe' : 'config' option without value",
                "5:12:'spoe' : missing config file",
                "6:35:'spoe' : unknown keyword 'z' (expected engine, config)",
                "7:18:'send-spoe-group' expects 2 arguments: <engine-id> <group-id>",
                "8:38:'send-spoe-group' expects 'if' or 'unless' after <group-id>, found 'when'.",
                "9:5:'server' not allowed in frontend section.",
                "11:14:server 's' : 'nohostport': missing port (expected HOST:PORT or unix:PATH)",
                "12:32:'weight' expects an integer between 0 and 256 (got 300).",
                "13:25:'inter' expects a value.",
                "14:23:unexpected character 'x' in argument to 'timeout connect' (expected a time unit: us, ms, s, m, h, d).",
                "15:5:'balance' expects an algorithm.",
                "17:12:'option spop-check' not allowed in 'defaults' section.",
                "19:15:'option spop-check' not allowed in 'listen' section."),
                e.errors().stream().map(x -> x.origin().line() + ":" + x.origin().column() + ":" + x.message()).toList());
    }

    @Test
    void tuneBufsizeOfTheGlobalSectionSetsTheMaxFrameSizeOfItsSpoeFiles() throws Exception {
        String proxies = "frontend fe\n    filter spoe engine ip-reputation config iprep.conf\n"
                + "backend iprep-servers\n    server a 127.0.0.1:12345\n";
        assertEquals(16380, read(proxies).filters().get(0).engine().agentOptions().maxFrameSize());
        SpoeSetup big = read("global\n    tune.bufsize 32768\n" + proxies);
        assertEquals(32764, big.filters().get(0).engine().agentOptions().maxFrameSize(), "bufsize - 4, as HAProxy announces");

        Files.writeString(dir.resolve("sized.conf"), "spoe-agent a\n    messages m\n    max-frame-size 20000\n"
                + "    use-backend iprep-servers\nspoe-message m\n    args ip=src\n    event on-client-session\n");
        String sized = "frontend fe\n    filter spoe config sized.conf\nbackend iprep-servers\n    server a 127.0.0.1:1\n";
        SpoeConfigException tooBig = fails(() -> read(sized));
        assertTrue(tooBig.errors().get(1).message().contains("[256, 16380] (got 20000)"), tooBig.errors().toString());
        assertEquals(20000, read("global\n    tune.bufsize 65536\n" + sized).filters().get(0).engine().agentOptions().maxFrameSize());

        SpoeConfigException bad = fails(() -> read("global\n    tune.bufsize 100\n" + proxies));
        assertTrue(bad.errors().get(0).message().contains("'tune.bufsize' must be at least 260"), bad.errors().toString());
    }

    @Test
    void errorsOfTheSpoeConfAreReportedUnderTheFilterLine() throws Exception {
        Files.writeString(dir.resolve("bad.conf"), "spoe-agent a\n    timeout procesing 1s\n");
        SpoeConfigException e = fails(() -> read("frontend fe\n    filter spoe config bad.conf\n"));
        assertEquals("Error(s) found in configuration file " + dir.resolve("bad.conf") + ":", e.errors().get(0).message());
        assertEquals(new Origin(dir.resolve("bad.conf").toString(), 2, 13), e.errors().get(1).origin());
        SpoeConfigException missing = fails(() -> read("frontend fe\n    filter spoe config missing.conf\n"));
        assertTrue(missing.errors().get(1).message().startsWith("Could not open configuration file"));
    }

    @Test
    void unsupportedBalanceOnAnAgentBackendIsAnError() throws Exception {
        SpoeConfigException e = fails(() -> read("frontend fe\n    filter spoe engine ip-reputation config iprep.conf\n"
                + "backend iprep-servers\n    balance source\n"));
        assertEquals("unsupported balance algorithm 'source' for an agent backend (expected roundrobin, leastconn)",
                e.errors().get(0).message());
        SpoeSetup ok = read("backend other\n    balance source\n    server a 1.2.3.4:1\n");
        assertTrue(ok.backend("other").isEmpty());
        assertTrue(ok.warnings().get(0).message().contains("not usable as an agent backend"));
    }

    @Test
    void otherSectionsAreIgnoredWithAWarning() throws Exception {
        SpoeSetup s = read("userlist admins\n    user admin password x\nresolvers dns\n    nameserver a 1.1.1.1:53\n"
                + "backend b\n    mode tcp\n    server a 1.2.3.4:1\n");
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        assertEquals("section 'userlist' is not used by spoe4j; ignored.", s.warnings().get(0).message());
        assertEquals(1, s.backends().size());
    }

    @Test
    void frontendEventsInABackendFilterWarn() throws Exception {
        SpoeSetup s = read("backend be\n    mode http\n    filter spoe engine ip-reputation config iprep.conf\n"
                + "backend iprep-servers\n    server a 1.2.3.4:1\n");
        assertTrue(s.warnings().stream().anyMatch(w -> w.message().contains(
                "frontend event 'on-client-session' used on a backend proxy")), s.warnings().toString());
    }

    @Test
    void errorsComeInLineOrder() throws Exception {
        SpoeConfigException e = fails(() -> read("frontend fe\n    timeout connect x\n    filter spoe \"a\n"));
        assertEquals(List.of(2, 3), e.errors().stream().map(x -> x.origin().line()).toList());
    }

    @Test
    void uniqueIdFormatAndHeaderPerProxyInheritedFromDefaults() throws Exception {
        SpoeSetup s = read("""
                defaults
                    mode http
                    unique-id-format %[uuid()]
                frontend inherits
                    bind :80
                frontend own
                    bind :81
                    unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid
                    unique-id-header X-Unique-ID
                listen l
                    bind :82
                    unique-id-header X-Req-ID
                    unique-id-format "%ci %[req.hdr(host),lower]"
                backend be
                    unique-id-format %ci
                    server a 1.2.3.4:1
                """);
        assertEquals(Optional.of("%[uuid()]"), s.uniqueIdFormat("inherits"));
        assertEquals(Optional.empty(), s.uniqueIdHeader("inherits"));
        assertEquals(Optional.of("%{+X}o %ci:%cp_%fi:%fp_%Ts_%rt:%pid"), s.uniqueIdFormat("own"), "unescaped as HAProxy's tokenizer does");
        assertEquals(Optional.of("X-Unique-ID"), s.uniqueIdHeader("own"));
        assertEquals(Optional.of("%ci %[req.hdr(host),lower]"), s.uniqueIdFormat("l"));
        assertEquals(Optional.of("X-Req-ID"), s.uniqueIdHeader("l"));
        assertEquals(new Origin(dir.resolve("haproxy.cfg").toString(), 8, 22), s.uniqueIdFormats().get(1).origin());
        assertEquals(Optional.empty(), s.uniqueIdFormat("be"), "a backend has no frontend capability");
        assertEquals(Optional.empty(), s.uniqueIdFormat("nosuch"));
        assertTrue(s.warnings().stream().anyMatch(w -> w.message().equals(
                "'unique-id-format' ignored because backend 'be' has no frontend capability.")), s.warnings().toString());
        assertEquals(List.of("inherits", "own", "l"), s.uniqueIdFormats().stream().map(UniqueIdFormat::proxy).toList());
    }

    @Test
    void uniqueIdErrors() throws Exception {
        SpoeConfigException e = fails(() -> read("""
                frontend fe
                    unique-id-format
                    unique-id-header
                    unique-id-format %ci %cp
                    unique-id-format id-%xy
                    unique-id-format %[scr]
                """));
        assertEquals(List.of(
                "2:5:unique-id-format expects an argument.",
                "3:5:unique-id-header expects an argument.",
                "4:26:unique-id-format expects only one argument, don't forget to escape spaces!",
                "5:26:failed to parse unique-id : unknown log-format alias '%xy'",
                "6:24:failed to parse unique-id : in '%[scr]': unknown fetch 'scr', did you mean 'src'?"),
                e.errors().stream().map(x -> x.origin().line() + ":" + x.origin().column() + ":"
                        + x.message().replaceFirst("(alias '%xy').*", "$1")).toList());
    }
}

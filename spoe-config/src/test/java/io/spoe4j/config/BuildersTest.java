package io.spoe4j.config;

import io.spoe4j.options.AgentOptions;
import io.spoe4j.options.PoolOptions;
import io.spoe4j.acl.AclCompiler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static io.spoe4j.config.Configs.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model built in Java goes through the same checks as the parsed one. */
class BuildersTest {
    private static final AclCompiler ACL = AclCompiler.standard();

    private static MessageConfig message(String name, SpoeEvent event, String... exprs) {
        MessageConfig.Builder b = MessageConfig.builder(name);
        for (String e : exprs) {
            b.arg(MessageArg.of(e.replaceAll("[^a-z]", ""), ACL.sample(e)));
        }
        if (event != null) {
            b.event(event);
        }
        return b.build();
    }

    @Test
    void optionBuilderNamesTheBadOption() {
        AgentOptions.Builder b = AgentOptions.haproxyBuilder();
        EngineOptions.Builder eb = EngineOptions.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxFrameSize(100)).getMessage()
                .startsWith("'max-frame-size'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxWaitingFrames(0)).getMessage()
                .startsWith("'max-waiting-frames'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.processingTimeout(Duration.ofMillis(-1)))
                .getMessage().startsWith("'timeout processing'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ofDays(25)))
                .getMessage().startsWith("'timeout idle'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> eb.setOnError("a-b")).getMessage()
                .startsWith("'option set-on-error'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PoolOptions.builder().maxConnRate(-1)).getMessage()
                .startsWith("'maxconnrate'"));
        assertEquals(EngineOptions.DEFAULTS, EngineOptions.DEFAULTS.toBuilder().build());
        AgentOptions haproxy = AgentOptions.haproxyDefaults();
        assertEquals(haproxy, haproxy.toBuilder().build());
        assertEquals(AgentOptions.HAPROXY_PROCESSING_TIMEOUT, haproxy.processingTimeout());
    }

    @Test
    void javaBuiltEngineEqualsTheParsedOne() {
        MessageConfig m = message("m", SpoeEvent.ON_CLIENT_SESSION, "src");
        EngineConfig e = EngineConfig.builder("a").useBackend("b")
                .agentOptions(AgentOptions.haproxyBuilder().processingTimeout(Duration.ofSeconds(1)).build())
                .useMessage(m).build();
        EngineConfig parsed = Configs.parse(Configs.agent("", ""));
        assertEquals(parsed.agentName(), e.agentName());
        assertEquals(parsed.varPrefix(), e.varPrefix());
        assertEquals(parsed.options(), e.options());
        String id = AgentOptions.randomEngineId();
        assertEquals(parsed.agentOptions().toBuilder().engineId(id).build(), e.agentOptions().toBuilder().engineId(id).build());
        assertEquals(parsed.poolOptions(), e.poolOptions());
        assertEquals(parsed.useBackend(), e.useBackend());
        assertEquals(parsed.messages().get(0).name(), e.messages().get(0).name());
        assertEquals(parsed.messages().get(0).event(), e.messages().get(0).event());
        assertEquals(Origin.JAVA, e.origin());
    }

    @Test
    void javaBuiltEngineCrossChecks() {
        MessageConfig m = message("m", null, "src");
        SpoeConfigException e = fails(() -> EngineConfig.builder("my-agent")
                .defineMessage(m)
                .defineMessage(message("m", null, "dst"))
                .defineGroup("g1", Origin.JAVA, List.of(NameRef.of("m")))
                .defineGroup("g2", new Origin("x", 1, 1), List.of(NameRef.of("m"), NameRef.of("zz")))
                .useGroup(NameRef.of("g1")).useGroup(NameRef.of("g2")).useGroup(NameRef.of("g3"))
                .build());
        List<String> msgs = e.errors().stream().map(ConfigError::message).toList();
        assertEquals(6, msgs.size(), msgs.toString());
        assertTrue(msgs.get(0).startsWith("spoe-message section 'm' has the same name"));
        assertTrue(msgs.get(1).startsWith("Invalid variable prefix 'my-agent'"));
        assertTrue(msgs.get(2).startsWith("No backend declared for SPOE agent 'my-agent'"));
        assertEquals("SPOE message 'm' already belongs to the SPOE group 'g1' declared at <java>.", msgs.get(3));
        assertTrue(msgs.get(4).startsWith("SPOE group 'g2' try to use undefined SPOE message 'zz'"));
        assertTrue(msgs.get(5).startsWith("SPOE agent 'my-agent' try to use undefined SPOE group 'g3'"));
    }

    @Test
    void javaBuiltMessageCannotReadTheResponseOnARequestEvent() {
        SpoeConfigException e = fails(() -> message("m", SpoeEvent.ON_BACKEND_HTTP_REQUEST, "res.hdr(x)"));
        assertTrue(e.errors().get(0).message().contains("some args extract information from 'response'"));
        assertTrue(message("m", SpoeEvent.ON_TCP_RESPONSE, "res.hdr(x)").needsResponse());
        SpoeConfigException badName = fails(() -> message("m m", SpoeEvent.ON_CLIENT_SESSION, "src"));
        assertEquals("character ' ' is not permitted in 'spoe-message' name 'm m'.", badName.errors().get(0).message());
    }

    @Test
    void serversAndBackends() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder("s", "nohost"));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder("s", "1.2.3.4:1").weight(257));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder("s", "1.2.3.4:1").rise(0));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder("s", "1.2.3.4:1").inter(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> BackendConfig.builder("b").mode("http"));
        ServerConfig v6 = ServerConfig.builder("s", "ipv6@[2001:db8::1]:9000").build();
        assertEquals("ipv6@[2001:db8::1]:9000", v6.addressText());
        ServerConfig s = ServerConfig.builder("s", "127.0.0.1:1").build();
        SpoeConfigException dup = fails(() -> BackendConfig.builder("b").server(s).server(s).build());
        assertTrue(dup.errors().get(0).message().contains("server 's' has the same name"));
    }

    @Test
    void setupChecksReferences() {
        EngineConfig e = EngineConfig.builder("a").useBackend("agents")
                .useMessage(message("m", SpoeEvent.ON_CLIENT_SESSION, "src"))
                .defineMessage(message("r", null, "res.hdr(x)"))
                .defineGroup("g", Origin.JAVA, List.of(NameRef.of("r"))).useGroup(NameRef.of("g")).build();
        SpoeFilter f = new SpoeFilter("fe", "<java>", e, Origin.JAVA);
        BackendConfig agents = BackendConfig.builder("agents").mode("spop")
                .server(ServerConfig.builder("a1", "127.0.0.1:12345").check(true).build()).build();
        SpoeSetup ok = SpoeSetup.builder().backend(agents).filter(f)
                .rule(new SendSpoeGroupRule("fe", RuleDirection.HTTP_RESPONSE, "a", "g", Optional.empty(), Origin.JAVA))
                .build();
        assertEquals(e, ok.engine("fe", "a").orElseThrow());
        SpoeConfigException bad = fails(() -> SpoeSetup.builder().filter(f)
                .rule(new SendSpoeGroupRule("fe", RuleDirection.HTTP_REQUEST, "a", "g", Optional.empty(), Origin.JAVA))
                .build());
        assertEquals(2, bad.errors().size(), bad.getMessage());
        assertTrue(bad.errors().get(0).message().startsWith("Proxy fe : unknown backend 'agents'"));
        assertTrue(bad.errors().get(1).message().startsWith("Invalid SPOE message 'r' used by SPOE group 'g'"));
    }
}

package io.spoe4j.config;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.spoe4j.config.Configs.agent;
import static io.spoe4j.config.Configs.fails;
import static io.spoe4j.config.Configs.onlyError;
import static io.spoe4j.config.Configs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** spoe-message and spoe-group keywords, scopes, sections and the cross-checks between them. */
class MessagesGroupsScopesTest {

    private static final String BASE = "spoe-agent a\n    use-backend b\n    timeout processing 1s\n";

    @Test
    void argsNamedUnnamedAndExpressionsWithEquals() {
        MessageConfig m = parse(BASE + "    messages m\nspoe-message m\n"
                + "    args ip=src str(a=b) x=str(k=v),lower =dst \"h=req.hdr(host)\"\n"
                + "    args later=src_port\n    event on-frontend-http-request\n").messages().get(0);
        assertEquals(List.of("ip", "", "x", "", "h", "later"), m.args().stream().map(MessageArg::name).toList());
        assertEquals(List.of("src", "str(a=b)", "str(k=v),lower", "dst", "req.hdr(host)", "src_port"),
                m.args().stream().map(a -> a.expression().text()).toList());
    }

    @Test
    void allEightEvents() {
        for (SpoeEvent ev : SpoeEvent.values()) {
            MessageConfig m = parse(BASE + "    messages m\nspoe-message m\n    args src\n    event " + ev.keyword() + "\n")
                    .messages().get(0);
            assertEquals(Optional.of(ev), m.event());
            assertEquals(ev.keyword().contains("response") || ev == SpoeEvent.ON_SERVER_SESSION, ev.isResponse());
        }
    }

    @Test
    void lastEventLineWinsAndConditionsUseTheMessageAcls() {
        MessageConfig m = parse(BASE + "    messages m\nspoe-message m\n    acl local src 127.0.0.1\n"
                + "    acl local src ::1\n    args src\n    event on-client-session\n"
                + "    event on-frontend-http-request unless local\n").messages().get(0);
        assertEquals(Optional.of(SpoeEvent.ON_FRONTEND_HTTP_REQUEST), m.event());
        assertTrue(m.condition().isPresent());
        assertEquals(List.of("local"), List.copyOf(m.acls().keySet()));
    }

    @Test
    void unknownMessageKeywordIsIgnoredWithAWarning() {
        EngineConfig e = parse(agent("", "    frobnicate x\n"));
        assertEquals(1, e.warnings().size());
        assertTrue(e.warnings().get(0).message().contains("unknown keyword 'frobnicate' in spoe-message section"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "event|1|missing event name.",
        "event on-nothing|7|unknown event 'on-nothing' (expected on-client-session, on-frontend-tcp-request, on-backend-tcp-request, on-frontend-http-request, on-backend-http-request, on-server-session, on-tcp-response, on-http-response).",
        "event on-client-session when x|25|'event on-client-session' expects either 'if' or 'unless' followed by a condition but found 'when'.",
        "acl|1|'acl' expects an ACL name.",
        "acl bad!name src 1.2.3.4|8|character '!' is not permitted in acl name 'bad!name'.",
        "acl or src 1.2.3.4|5|acl name 'or' is reserved and cannot be used as an ACL name.",
        "acl x nosuchfetch 1|7|error detected while parsing ACL 'x' : ",
        "args ok=src bad=nosuchfetch|17|'args': ",
        "args bad=|10|'args': missing sample expression after 'bad='.",
        "event on-client-session if nosuchacl|28|error detected while parsing an 'event on-client-session' condition : "})
    void messageErrors(String line, int column, String message) {
        ConfigError e = onlyError(BASE + "    messages m\nspoe-message m\n    args src\n    " + line + "\n");
        // the reason after ': ' comes from spoe-acl; only the part spoe-config writes is checked exactly
        assertTrue(message.endsWith(":") ? e.message().startsWith(message) : e.message().equals(message), e.message());
        assertEquals(7, e.origin().line());
        assertEquals(4 + column, e.origin().column());
    }

    @Test
    void requestEventCannotReadTheResponse() {
        ConfigError e = onlyError(BASE + "    messages m\nspoe-message m\n    args s=status\n    event on-frontend-http-request\n");
        assertEquals("Ignore SPOE message 'm' at spoe.conf:5: some args extract information from 'response', none of "
                + "which is available here ('on-frontend-http-request')", e.message());
        assertEquals(new Origin("spoe.conf", 6, 10), e.origin());
        parse(BASE + "    messages m\nspoe-message m\n    args s=status\n    event on-http-response\n");
    }

    @Test
    void groupsResolveMessagesInOrder() {
        EngineConfig e = parse(BASE + "    groups g\nspoe-group g\n    messages m2 m1\n    messages m3\n"
                + "spoe-message m1\n    args src\nspoe-message m2\n    args dst\nspoe-message m3\n    args path\n");
        assertEquals(List.of("m2", "m1", "m3"), e.group("g").orElseThrow().messages().stream().map(MessageConfig::name).toList());
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
    }

    @Test
    void crossCheckErrors() {
        SpoeConfigException e = fails(() -> parse(BASE + "    messages m m nope\n    groups g g2 g nog\n"
                + "spoe-group g\n    messages m gm gm nom\nspoe-group g2\n    messages gm\n"
                + "spoe-message m\n    args src\n    event on-client-session\nspoe-message gm\n    args src\n"));
        assertEquals(List.of(
                "spoe-message 'm' already used.",
                "SPOE agent 'a' try to use undefined SPOE message 'nope' at spoe.conf:4.",
                "spoe-message 'gm' already used.",
                "SPOE group 'g' try to use undefined SPOE message 'nom' at spoe.conf:7.",
                "SPOE message 'gm' already belongs to the SPOE group 'g' declared at spoe.conf:6.",
                "spoe-group 'g' already used.",
                "SPOE agent 'a' try to use undefined SPOE group 'nog' at spoe.conf:5."),
                e.errors().stream().map(ConfigError::message).toList());
        assertEquals(new Origin("spoe.conf", 4, 16), e.errors().get(0).origin());
    }

    @Test
    void messagesWithoutEventWarn() {
        EngineConfig e = parse(BASE + "    messages m\nspoe-message m\n    args src\nspoe-message orphan\n    args src\n"
                + "spoe-group unused\n    messages orphan\n");
        assertTrue(e.messages().isEmpty());
        List<String> w = e.warnings().stream().map(ConfigWarning::message).toList();
        assertTrue(w.contains("Ignore SPOE message 'm' without event at spoe.conf:5."), w.toString());
        assertTrue(w.contains("SPOE message 'orphan' declared at spoe.conf:7 has no event and belongs to no group: "
                + "it is never sent."), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.startsWith("SPOE group 'unused'")), w.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spoe-message|1|1|missing name for spoe-message section.",
        "spoe-message bad/name|1|14|character '/' is not permitted in 'spoe-message' name 'bad/name'.",
        "spoe-group bad name|1|16|'spoe-group' cannot handle unexpected argument 'name'.",
        "spoe-group b@d|1|12|character '@' is not permitted in 'spoe-group' name 'b@d'.",
        "args src|1|1|unknown keyword 'args' out of section."})
    void sectionErrors(String line, int lineNo, int column, String message) {
        ConfigError e = onlyError(line + "\n" + BASE);
        assertEquals(message, e.message());
        assertEquals(new Origin("spoe.conf", lineNo, column), e.origin());
    }

    @Test
    void duplicateSections() {
        SpoeConfigException e = fails(() -> parse(BASE + "spoe-agent again\nspoe-message m\nspoe-message m\n"
                + "spoe-group g\nspoe-group g\n"));
        assertEquals(List.of("another spoe-agent section previously defined at spoe.conf:1.",
                "spoe-message section 'm' has the same name as another one declared at spoe.conf:5.",
                "spoe-group section 'g' has the same name as another one declared at spoe.conf:7."),
                e.errors().stream().map(ConfigError::message).toList());
    }

    @Test
    void scopesSelectTheEngine() {
        String text = "# top\n" + BASE.replace("spoe-agent a", "spoe-agent top")
                + "[one]  # comment\n" + BASE.replace("spoe-agent a", "spoe-agent first")
                + "[ two ]\n" + BASE.replace("spoe-agent a", "spoe-agent second") + "    timeout bogus\n";
        assertEquals("top", parse(text.substring(0, text.indexOf("[one]"))).agentName());
        EngineConfig one = parse(text.substring(0, text.indexOf("[ two ]")), "one");
        assertEquals("first", one.agentName());
        assertEquals("one", one.engineName());
        ConfigError e = fails(() -> parse(text, "two")).errors().get(0);
        assertEquals(13, e.origin().line(), "only the selected scope is checked");
        assertEquals("top", parse(text.substring(0, text.indexOf("[ two ]"))).agentName());
    }

    @Test
    void noAgentInScope() {
        assertEquals("No SPOE agent found in file spoe.conf.", onlyError("# nothing\n").message());
        SpoeConfigException missing = fails(() -> parse(BASE, "nope"));
        assertEquals("No SPOE agent found in file spoe.conf for engine 'nope' (no scope [nope] in the file;"
                + " it declares no scope: leave the engine name out).", missing.errors().get(0).message());
        SpoeConfigException other = fails(() -> parse("[iprep]\n" + BASE + "[waf]\n" + BASE, "nope"));
        assertEquals("No SPOE agent found in file spoe.conf for engine 'nope' (no scope [nope] in the file;"
                + " it declares [iprep], [waf]).", other.errors().get(0).message());
        SpoeConfigException empty = fails(() -> parse("[iprep]\n# nothing yet\n", "iprep"));
        assertEquals("No SPOE agent found in file spoe.conf for engine 'iprep'.", empty.errors().get(0).message());
    }

    @Test
    void aScopedFileReadWithoutAnEngineNameSaysWhichScopesItDeclaresAndHowToPickOne() {
        ConfigError one = onlyError("[iprep]\n" + BASE);
        assertEquals("No SPOE agent found in file spoe.conf outside a scope. The file declares scope [iprep]:"
                + " give the engine name, e.g. --engine iprep, SpoeConfigReader.readSpoeConf(path, \"iprep\") or"
                + " 'filter spoe engine iprep config ...' in haproxy.cfg.",
                one.message());
        ConfigError two = onlyError("# two engines\n[iprep]\n" + BASE + "[ waf ]\n" + BASE);
        assertTrue(two.message().contains("The file declares scopes [iprep], [waf]: give the engine name,"
                + " e.g. --engine iprep"), two.message());
        assertEquals("iprep", parse("[iprep]\n" + BASE, "iprep").engineName(), "the hint's advice works");
    }

    @Test
    void scopeLineErrors() {
        assertEquals("missing ']' at the end of the scope name.", fails(() -> parse("[abc\n" + BASE)).errors().get(0).message());
        assertEquals("unexpected text after the scope name: 'x'.", fails(() -> parse("[abc] x\n" + BASE, "abc"))
                .errors().get(0).message());
    }

    @Test
    void tokenizerErrorsAreConfigErrorsAndLineContinuationWorks() {
        ConfigError e = onlyError(BASE + "    use-backend \"b\n");
        assertEquals("unmatched double quote", e.message());
        assertEquals(new Origin("spoe.conf", 4, 17), e.origin());
        EngineConfig joined = parse("spoe-agent a\n    use-backend \\\n        b2\n    timeout processing 1s\n");
        assertEquals("b2", joined.useBackend());
        EngineConfig env = Configs.READER.parseSpoeConf("f", "spoe-agent a\n    use-backend \"${BACKEND}\"\n", null);
        assertEquals("agents", env.useBackend());
    }

    @Test
    void directives() {
        EngineConfig e = parse(".warning \"check me\"\n.notice hello\n" + BASE);
        assertEquals(List.of("warning: check me", "notice: hello"),
                e.warnings().stream().map(ConfigWarning::message).limit(2).toList());
        assertEquals("stop here", onlyError(".alert stop here\n" + BASE).message());
        assertEquals("unknown directive '.bogus'.", onlyError(".bogus\n" + BASE).message());
    }

    @Test
    void conditionalBlocks() {
        String text = """
                spoe-agent a
                .if defined(BACKEND) && !defined(NOPE_NOT_SET)
                    use-backend "$BACKEND"
                .elif 1
                    use-backend never
                .else
                    use-backend never2
                .endif
                .if 0
                    bogus keyword not parsed
                .elif streq("${BACKEND}",agents) || (strneq(a,a))
                    timeout processing 2s
                .else
                    timeout processing 3s
                .endif
                .if 0
                .if 1
                    use-backend nested-inactive
                .endif
                .else
                    option var-prefix ok
                .endif
                """;
        EngineConfig e = parse(text);
        assertEquals("agents", e.useBackend());
        assertEquals(java.time.Duration.ofSeconds(2), e.agentOptions().processingTimeout());
        assertEquals("ok", e.varPrefix());
    }

    @Test
    void conditionalBlockErrors() {
        assertEquals("'.endif' without a matching '.if'.", onlyError(BASE + ".endif\n").message());
        assertEquals("'.if' block is not closed by '.endif' at end of file.", onlyError(".if 1\n" + BASE).message());
        assertEquals("'.else' already seen for the '.if' at line 1.",
                onlyError(".if 1\n.else\n.else\n.endif\n" + BASE).message());
        assertTrue(onlyError(".if feature(OPENSSL)\n.endif\n" + BASE).message().contains("cannot be evaluated by spoe4j"));
        assertEquals("unparsable conditional expression 'maybe'.", onlyError(".if maybe\n.endif\n" + BASE).message());
        assertEquals("predicate 'streq' expects 2 arguments (got 1).",
                onlyError(".if streq(a)\n.endif\n" + BASE).message());
        assertEquals("unexpected character ')' at the end of conditional expression '1)'.",
                onlyError(".if 1)\n.endif\n" + BASE).message());
    }

    @Test
    void groupKeywordErrors() {
        String head = BASE + "    groups g\nspoe-group g\n";
        assertEquals("unknown keyword 'args' in spoe-group section.", onlyError(head + "    args src\n").message());
        ConfigError none = onlyError(head + "    messages\n");
        assertEquals("'messages' expects one or more message names.", none.message());
        assertEquals(new Origin("spoe.conf", 6, 5), none.origin());
        assertEquals("missing name for spoe-agent section.", onlyError("spoe-agent\n").message());
    }

    @Test
    void readingAMissingFileIsAConfigError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SpoeConfigException e = fails(() -> Configs.READER.readSpoeConf(dir.resolve("absent.conf")));
        assertTrue(e.errors().get(0).message().startsWith("Could not open configuration file"));
    }
}

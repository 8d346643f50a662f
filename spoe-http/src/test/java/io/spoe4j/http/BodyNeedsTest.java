package io.spoe4j.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.AclCompiler;
import io.spoe4j.client.SpoeEngine;
import io.spoe4j.config.Origin;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.SendSpoeGroupRule;
import io.spoe4j.config.SpoeConfigReader;
import io.spoe4j.testkit.SpoaAgent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which configurations make the adapters hold bodies: only those whose steps read them. */
class BodyNeedsTest {
    static final String CONF = """
            [ex]
            spoe-agent ex-agent
                messages %s
                groups plain-grp body-grp
                option var-prefix ex
                use-backend agents
            spoe-message res-plain
                args s=status h=res.hdrs
                event on-http-response
            spoe-message res-body
                args b=res.body
                event on-http-response
            spoe-message res-cond
                args s=status
                event on-http-response if { res.body_len gt 0 }
            spoe-message req-body
                args b=req.body
                event on-frontend-http-request
            spoe-message plain
                args s=status
            spoe-message grp-body
                args b=res.body
            spoe-group plain-grp
                messages plain
            spoe-group body-grp
                messages grp-body
            """;

    private final SpoaAgent agent = SpoaAgent.builder().build().start();
    private SpoeEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        agent.close();
    }

    private HttpRules plan(String messages, SendSpoeGroupRule... rules) {
        if (engine != null) {
            engine.close();
        }
        engine = SpoeEngine.builder().config(SpoeConfigReader.standard().parseSpoeConf("spoe.conf",
                CONF.formatted(messages), "ex")).server(agent.endpoint()).build();
        return HttpRules.builder().engine(engine).rules(List.of(rules)).build();
    }

    private static SendSpoeGroupRule responseGroup(String group, String condition) {
        return new SendSpoeGroupRule("gw", RuleDirection.HTTP_RESPONSE, "ex", group,
                condition == null ? Optional.empty()
                        : Optional.of(AclCompiler.standard().condition(List.of(condition.split(" ")), Map.of())),
                Origin.JAVA);
    }

    @Test
    void onlyResponseStepsReadingResBodyHoldTheBody() {
        assertFalse(plan("res-plain req-body").needsResponseBody(), "status and headers need no body");
        assertTrue(plan("res-plain req-body").needsRequestBody());
        assertTrue(plan("res-body").needsResponseBody());
        assertTrue(plan("res-cond").needsResponseBody(), "an event condition reading the body");
        assertFalse(plan("res-plain", responseGroup("plain-grp", null)).needsResponseBody());
        assertTrue(plan("res-plain", responseGroup("body-grp", null)).needsResponseBody(), "a group's message");
        assertTrue(plan("res-plain", responseGroup("plain-grp", "if { res.body_len gt 0 }")).needsResponseBody(),
                "a response group rule's condition");
    }

    @Test
    void actionsReadingABodyAndWaitForBodyAskForIt() {
        assertTrue(HttpRules.builder().rule("http-request wait-for-body time 1s at-least 1k").build().needsRequestBody());
        assertTrue(HttpRules.builder().rule("http-request set-header x %[req.body]").build().needsRequestBody());
        assertFalse(HttpRules.builder().rule("http-request set-header x %[path]").build().needsRequestBody());
        assertTrue(HttpRules.builder().rule("http-response set-var-fmt(txn.b) %[res.body]").build()
                .needsResponseBody());
        assertTrue(HttpRules.builder().rule("http-after-response set-header x y").build().hasResponseSteps());
    }
}

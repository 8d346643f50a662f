package io.spoe4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The typed accessors of {@link SpoeVariables}: text, integer and bool read as HAProxy's -m str, -m int, -m bool. */
class SpoeVariablesAccessorsTest {

    private static SpoeVariables of(Map<String, Sample> values) {
        Map<String, Sample> copy = Map.copyOf(values);
        return new SpoeVariables() {
            @Override
            public Sample get(String fullName) {
                return copy.get(fullName);
            }

            @Override
            public Map<String, Sample> snapshot() {
                return copy;
            }
        };
    }

    private static SpoeVariables one(Sample value) {
        return of(Map.of("txn.x.v", value));
    }

    @Test
    void theNaturalComparisonWorksOnAStringTheAgentSet() {
        SpoeVariables vars = one(Sample.str("deny"));
        // What the README's WAF example compares; String.valueOf(get(...)) would read "Str[value=deny]".
        assertTrue(vars.text("txn.x.v").orElse("").equals("deny"));
        assertTrue(vars.has("txn.x.v"));
        assertFalse(vars.has("txn.x.other"));
    }

    @Test
    void unsetVariablesAreEmptyForEveryAccessor() {
        SpoeVariables vars = of(Map.of());
        assertEquals(Optional.empty(), vars.text("txn.x.v"));
        assertEquals(OptionalLong.empty(), vars.integer("txn.x.v"));
        assertEquals(Optional.empty(), vars.bool("txn.x.v"));
        assertFalse(vars.has("txn.x.v"));
    }

    @Test
    void textCastsEveryTypeAsHaproxyDoes() throws Exception {
        assertEquals(Optional.of("deny"), one(Sample.str("deny")).text("txn.x.v"));
        assertEquals(Optional.of("héllo"), one(Sample.bin("héllo".getBytes(StandardCharsets.UTF_8))).text("txn.x.v"));
        assertEquals(Optional.of("-42"), one(Sample.integer(-42)).text("txn.x.v"));
        assertEquals(Optional.of("1"), one(Sample.bool(true)).text("txn.x.v"));
        assertEquals(Optional.of("0"), one(Sample.bool(false)).text("txn.x.v"));
        assertEquals(Optional.of("192.0.2.1"),
                one(new Sample.Ipv4(java.net.InetAddress.getByName("192.0.2.1").getAddress())).text("txn.x.v"));
        assertEquals(Optional.of("2001:db8::1"),
                one(new Sample.Ipv6(java.net.InetAddress.getByName("2001:db8::1").getAddress())).text("txn.x.v"));
    }

    @Test
    void integerCastsAsHaproxysMatchInt() throws Exception {
        assertEquals(OptionalLong.of(Long.MIN_VALUE), one(Sample.integer(Long.MIN_VALUE)).integer("txn.x.v"));
        assertEquals(OptionalLong.of(1), one(Sample.bool(true)).integer("txn.x.v"));
        assertEquals(OptionalLong.of(42), one(Sample.str("42")).integer("txn.x.v"));
        assertEquals(OptionalLong.of(-7), one(Sample.str("-7")).integer("txn.x.v"));
        assertEquals(OptionalLong.of(12), one(Sample.str("12ab")).integer("txn.x.v"), "leading digits, like c_str2int");
        assertEquals(OptionalLong.of(0), one(Sample.str("abc")).integer("txn.x.v"));
        assertEquals(OptionalLong.empty(), one(Sample.str("")).integer("txn.x.v"), "HAProxy has no int for \"\"");
        assertEquals(OptionalLong.empty(), one(Sample.bin(new byte[] {1})).integer("txn.x.v"), "no bin to int cast");
        assertEquals(OptionalLong.of(0xC0000201L),
                one(new Sample.Ipv4(java.net.InetAddress.getByName("192.0.2.1").getAddress())).integer("txn.x.v"));
        assertEquals(OptionalLong.empty(),
                one(new Sample.Ipv6(java.net.InetAddress.getByName("2001:db8::1").getAddress())).integer("txn.x.v"));
    }

    @Test
    void boolCastsThroughTheIntegerAsHaproxysMatchBool() {
        assertEquals(Optional.of(true), one(Sample.bool(true)).bool("txn.x.v"));
        assertEquals(Optional.of(false), one(Sample.bool(false)).bool("txn.x.v"));
        assertEquals(Optional.of(true), one(Sample.integer(-3)).bool("txn.x.v"));
        assertEquals(Optional.of(false), one(Sample.integer(0)).bool("txn.x.v"));
        assertEquals(Optional.of(true), one(Sample.str("1")).bool("txn.x.v"));
        assertEquals(Optional.of(false), one(Sample.str("0")).bool("txn.x.v"));
        assertEquals(Optional.of(false), one(Sample.str("true")).bool("txn.x.v"), "HAProxy reads \"true\" as 0");
        assertEquals(Optional.empty(), one(Sample.str("")).bool("txn.x.v"));
        assertEquals(Optional.empty(), one(Sample.bin(new byte[] {1})).bool("txn.x.v"));
    }

    @Test
    void aResultsVariablesHoldWhatItAppliedLastValueWinsAndUnsetRemoves() {
        SpoeResult r = SpoeResult.builder().engine("e").group("g").processed()
                .messages(java.util.List.of("m")).payload(SpoeResult.Payload.FITS, 10).actions(java.util.List.of())
                .applied(java.util.List.of(new SpoeResult.Variable("txn.x.a", Sample.str("allow")),
                        new SpoeResult.Variable("txn.x.a", Sample.str("deny")),
                        new SpoeResult.Variable("txn.x.score", Sample.integer(90)),
                        new SpoeResult.Variable("txn.x.gone", Sample.bool(true)),
                        new SpoeResult.Variable("txn.x.gone", null)))
                .dropped(java.util.List.of()).server("s").ids(1, 1).times(0, 0).policy(FailurePolicy.FAIL_OPEN).build();
        SpoeVariables vars = r.variables();
        assertEquals(Optional.of("deny"), vars.text("txn.x.a"));
        assertEquals(OptionalLong.of(90), vars.integer("txn.x.score"));
        assertFalse(vars.has("txn.x.gone"));
        Map<String, Sample> expected = new HashMap<>();
        expected.put("txn.x.a", Sample.str("deny"));
        expected.put("txn.x.score", Sample.integer(90));
        assertEquals(expected, vars.snapshot());
    }
}

package io.spoe4j.netty.internal;

import io.spoe4j.http.internal.MergedVariables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.spoe4j.acl.Sample;
import io.spoe4j.client.SpoeVariables;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variable headers: stripping forged ones, adding by scope, merging engines without copies. */
class VariableHeadersTest {
    /** A view that fails the test when something asks it for a snapshot. */
    private static SpoeVariables view(Map<String, Sample> values) {
        return new SpoeVariables() {
            @Override
            public Sample get(String fullName) {
                return values.get(fullName);
            }

            @Override
            public Map<String, Sample> snapshot() {
                throw new AssertionError("snapshot() called: headers must iterate the variables in place");
            }

            @Override
            public boolean isEmpty() {
                return values.isEmpty();
            }

            @Override
            public void forEach(java.util.function.BiConsumer<String, Sample> action) {
                values.forEach(action);
            }
        };
    }

    @Test
    void stripRemovesPrefixedHeadersWhateverTheirCase() {
        HttpHeaders h = new DefaultHttpHeaders();
        h.add("X-Spoe-Txn-Forged", "1").add("x-spoe-sess-b", "2").add("x-spoe-sess-b", "3").add("host", "a")
                .add("x-spo", "short");
        VariableHeaders.strip(h, "x-spoe-");
        assertEquals(List.of("host", "x-spo"), List.copyOf(h.names()).stream().sorted().toList());
    }

    @Test
    void addWritesSessTxnAndTheDirectionsScopeOnly() {
        Map<String, Sample> values = new LinkedHashMap<>();
        values.put("txn.coraza.action", Sample.str("deny"));
        values.put("sess.vec.score", Sample.integer(3));
        values.put("req.vec.r", Sample.bool(true));
        values.put("res.vec.s", Sample.str("resp"));
        values.put("proc.vec.p", Sample.str("never"));
        HttpHeaders req = new DefaultHttpHeaders();
        VariableHeaders.add(req, "x-spoe-", view(values), false);
        assertEquals("deny", req.get("x-spoe-txn-coraza-action"));
        assertEquals("3", req.get("x-spoe-sess-vec-score"));
        assertEquals("1", req.get("x-spoe-req-vec-r"));
        assertNull(req.get("x-spoe-res-vec-s"));
        assertNull(req.get("x-spoe-proc-vec-p"));
        assertEquals(3, req.size());
        HttpHeaders resp = new DefaultHttpHeaders();
        VariableHeaders.add(resp, "x-spoe-", view(values), true);
        assertEquals("resp", resp.get("x-spoe-res-vec-s"));
        assertNull(resp.get("x-spoe-req-vec-r"));
    }

    @Test
    void headerNamesFollowThePrefixGivenEachTime() {
        assertEquals("x-spoe-txn-vec-name", VariableHeaders.name("x-spoe-", "txn.vec.Name"));
        assertEquals("x-spoe-txn-vec-name", VariableHeaders.name("x-spoe-", "txn.vec.Name"));
        assertEquals("x-var-txn-vec-name", VariableHeaders.name("x-var-", "txn.vec.Name"), "another prefix, same variable");
        assertEquals("x-spoe-txn-vec-name", VariableHeaders.name("x-spoe-", "txn.vec.Name"));
        for (int i = 0; i < VariableHeaders.MAX_CACHED_NAMES + 10; i++) {
            assertEquals("p-txn-v-n" + i, VariableHeaders.name("p-", "txn.v.n" + i));
        }
    }

    @Test
    void mergedViewIsEmptyOnlyWhenEveryPartIsAndTheFirstEngineWins() {
        Map<String, Sample> first = new HashMap<>(Map.of("txn.a.x", Sample.str("first")));
        Map<String, Sample> second = new HashMap<>(Map.of("txn.a.x", Sample.str("second"), "txn.a.y", Sample.str("y")));
        MergedVariables empty = new MergedVariables(List.of(view(Map.of()), view(Map.of())));
        assertTrue(empty.isEmpty());
        HttpHeaders none = new DefaultHttpHeaders();
        VariableHeaders.add(none, "x-spoe-", empty, false);
        assertTrue(none.isEmpty());

        MergedVariables merged = new MergedVariables(List.of(view(first), view(second)));
        assertTrue(!merged.isEmpty());
        Map<String, Sample> seen = new HashMap<>();
        merged.forEach((n, v) -> assertNull(seen.put(n, v), "visited twice: " + n));
        assertEquals(Map.of("txn.a.x", Sample.str("first"), "txn.a.y", Sample.str("y")), seen);
        HttpHeaders h = new DefaultHttpHeaders();
        VariableHeaders.add(h, "x-spoe-", merged, false);
        assertEquals("first", h.get("x-spoe-txn-a-x"));
        assertEquals("y", h.get("x-spoe-txn-a-y"));
    }
}

package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded, seeded fuzzing of the expression, ACL and condition parsers: the only outcomes are a
 * compiled object (which then evaluates without throwing) or an {@link ExpressionException}
 * whose position lies inside the input.
 */
class ParserFuzzTest {
    private static final AclCompiler C = AclCompiler.standard();
    private static final RequestAttributes R = Requests.full().build();
    private static final String[] SEEDS = {
        "req.hdr(host),lower", "src", "str(users)", "var(txn.coraza.app)", "req.hdr(x,-1)",
        "str(a:b),field(2,:)", "str(x),regsub('a+',\"b\",g)", "bin(00ff),hex", "src,ipmask(24,64)",
        "path,word(1,/,2)", "str(a),json(utf8s),upper,length", "req.cook(authsession)", "int(-9),bytes(1,2)",
    };
    private static final String ALPHABET = "abcdehilmnoqrstuvx0123456789.,()'\"\\:_-/ !{}|*^$[]?+";
    private static final String[] ACL_WORDS = {
        "src", "path_beg", "hdr(host)", "-i", "-m", "str", "beg", "reg", "int", "ip", "-f", "--", "gt", "lt",
        "10.0.0.0/8", "::1", "/api", "1:5", "x", "(", ")", "-", "found", "req.hdr(x),lower", "var(txn.a)", "dst_port",
    };
    private static final String[] COND_WORDS = {
        "if", "unless", "!", "{", "}", "||", "or", "a", "b", "TRUE", "METH_GET", "src", "1.2.3.4", "-m", "int", "gt", "0",
        "path_beg", "/x", "!a", "zz",
    };

    private static String mutate(Random rnd, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int op = rnd.nextInt(3);
            int at = sb.length() == 0 ? 0 : rnd.nextInt(sb.length() + 1);
            char c = ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
            if (op == 0 || sb.length() == 0) {
                sb.insert(at, c);
            } else if (op == 1 && at < sb.length()) {
                sb.deleteCharAt(at);
            } else if (at < sb.length()) {
                sb.setCharAt(at, c);
            }
        }
        return sb.toString();
    }

    @Test
    void sampleExpressions() {
        Random rnd = new Random(20261128);
        int compiled = 0;
        for (int k = 0; k < 10_000; k++) {
            String text = k % 3 == 0 ? random(rnd, rnd.nextInt(20)) : mutate(rnd, SEEDS[rnd.nextInt(SEEDS.length)]);
            try {
                SampleExpression e = C.sample(text);
                assertNotNull(e);
                e.evaluate(R);
                compiled++;
            } catch (ExpressionException e) {
                assertTrue(e.wordIndex() == 0 && e.offset() >= 0 && e.offset() <= text.length(),
                        () -> "bad position " + e.offset() + " for '" + text + "'");
                assertTrue(!e.reason().isEmpty());
            } catch (RuntimeException e) {
                fail("'" + text + "' threw " + e, e);
            }
        }
        assertTrue(compiled > 300, "the mutations should still compile sometimes: " + compiled);
    }

    @Test
    void aclsAndConditions() {
        Random rnd = new Random(11);
        Map<String, Acl> named = Map.of("a", C.acl("a", List.of("src", "10.0.0.0/8")),
                "b", C.acl("b", List.of("method", "GET")));
        int compiled = 0;
        for (int k = 0; k < 8_000; k++) {
            List<String> words = new ArrayList<>();
            String[] pool = k % 2 == 0 ? ACL_WORDS : COND_WORDS;
            int n = rnd.nextInt(7);
            for (int w = 0; w < n; w++) {
                String word = pool[rnd.nextInt(pool.length)];
                words.add(rnd.nextInt(8) == 0 ? mutate(rnd, word) : word);
            }
            try {
                if (k % 2 == 0) {
                    C.acl("f", words).matches(R);
                } else {
                    C.condition(words, named).test(R);
                }
                compiled++;
            } catch (ExpressionException e) {
                assertTrue(e.wordIndex() >= 0 && e.wordIndex() < Math.max(1, words.size()),
                        () -> "bad word index " + e.wordIndex() + " for " + words);
                assertTrue(e.offset() >= 0 && (words.isEmpty() || e.offset() <= words.get(e.wordIndex()).length()),
                        () -> "bad offset " + e.offset() + " for " + words);
            } catch (RuntimeException e) {
                fail(words + " threw " + e, e);
            }
        }
        assertTrue(compiled > 200, "some inputs should compile: " + compiled);
    }

    private static String random(Random rnd, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

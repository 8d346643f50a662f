package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every compile error names the word, the character offset and what was expected. */
class ErrorTest {
    private static final AclCompiler C = AclCompiler.standard();

    static Stream<Object[]> sampleErrors() {
        return Stream.of(
                new Object[] {"scr", 0, "unknown fetch 'scr', did you mean 'src'?"},
                new Object[] {"req.hdr(host),lowr", 14, "unknown converter 'lowr', did you mean 'lower'?"},
                new Object[] {"completely_unknown_thing", 0, "unknown fetch 'completely_unknown_thing'"},
                new Object[] {"", 0, "expected a sample fetch name, got an empty expression"},
                new Object[] {"req.hdr(host", 7, "missing ')' to close the argument list opened here"},
                new Object[] {"req.hdr(host),", 14, "expected a converter name after ','"},
                new Object[] {"req.hdr(host)x", 13, "expected ',' or the end of the expression after 'req.hdr(...)', got 'x'"},
                new Object[] {"(x)", 0, "expected a sample fetch name, got '('"},
                new Object[] {"str('abc)", 4, "unterminated single quote"},
                new Object[] {"src(1)", 4, "in 'src': 'src' takes no argument"},
                new Object[] {"str", 0, "in 'str': 'str' expects 1 argument"},
                new Object[] {"int(abc)", 4, "in 'int': expected a signed 64-bit integer, got 'abc'"},
                new Object[] {"ipv4(1.2.3)", 5, "in 'ipv4': expected an IPv4 address, got '1.2.3'"},
                new Object[] {"bin(abc)", 4, "in 'bin': expected an even number of hex digits, got 'abc'"},
                new Object[] {"var(foo.bar)", 4, "in 'var': unknown variable scope 'foo' (expected proc, sess, txn, req or res)"},
                new Object[] {"var(txn)", 4, "in 'var': expected a variable name after 'txn.'"},
                new Object[] {"req.hdr(x,abc)", 10, "in 'req.hdr': expected an integer occurrence, got 'abc'"},
                new Object[] {"str(a),field(0,:)", 13, "in 'field': index must not be 0 (fields are numbered from 1, or from -1 at the end)"},
                new Object[] {"str(a),field(1,)", 15, "in 'field': expected a list of delimiter characters, got an empty argument"},
                new Object[] {"str(a),regsub(a,b,x)", 18, "in 'regsub': invalid regex flag 'x', only 'i' and 'g' are supported"},
                new Object[] {"str(a),regsub('(',b)", 14, "in 'regsub': invalid regex '(': Unclosed group"},
                new Object[] {"str(a),json(latin1)", 12, "in 'json': unexpected input code type 'latin1' (expected ascii, utf8, utf8s, utf8p or utf8ps)"},
                new Object[] {"src,ipmask(33)", 11, "in 'ipmask': expected a prefix length between 0 and 32, got '33'"},
                new Object[] {"str(a),bytes(-1)", 13, "in 'bytes': offset must not be negative"});
    }

    @TestFactory
    Stream<DynamicTest> sampleExpressions() {
        return sampleErrors().map(row -> DynamicTest.dynamicTest("'" + row[0] + "'", () -> {
            ExpressionException e = assertThrows(ExpressionException.class, () -> C.sample((String) row[0]));
            assertEquals(row[2], e.reason());
            assertEquals(0, e.wordIndex());
            assertEquals(row[1], e.offset());
        }));
    }

    static Stream<Object[]> aclErrors() {
        return Stream.of(
                new Object[] {"path_bgn /x", 0, 0, "unknown fetch 'path_bgn', did you mean 'path_beg'?"},
                new Object[] {"hdr_beg(host) -x foo", 1, 0, "'-x' is not a valid ACL option (expected -i, -f, -m, -n, -u, -M or --); put '--' before a pattern starting with '-'"},
                new Object[] {"path -m prefix /x", 2, 0, "unknown match method 'prefix' (expected beg, bin, bool, dir, dom, end, found, int, ip, len, reg, str, sub)"},
                new Object[] {"path -m", 1, 0, "'-m' expects a match method (beg, bin, bool, dir, dom, end, found, int, ip, len, reg, str, sub)"},
                new Object[] {"src -m bool", 2, 0, "match method 'bool' cannot be used with 'src', which returns addr"},
                new Object[] {"var(txn.x) foo", 0, 0, "'var(txn.x)' returns any, which has no default match method: give one with -m (beg, bin, bool, dir, dom, end, found, int, ip, len, reg, str, sub)"},
                new Object[] {"req.body foo", 0, 0, "'req.body' returns bin, which has no default match method: give one with -m (beg, bin, bool, dir, dom, end, found, int, ip, len, reg, str, sub)"},
                new Object[] {"src 10.0.0.0/8 not-an-ip", 2, 0, "'not-an-ip' is not a valid IPv4 or IPv6 address or network (host names are not resolved)"},
                new Object[] {"src 10.0.0.0/33", 1, 0, "'10.0.0.0/33' has an invalid prefix length (expected 0 to 32)"},
                new Object[] {"src 10.0.0.0/255.0.x.0", 1, 0, "'10.0.0.0/255.0.x.0' has an invalid netmask"},
                new Object[] {"dst_port gt x", 2, 0, "'x' is neither a number nor a supported operator"},
                new Object[] {"dst_port 1:x", 1, 0, "'1:x' is not an integer or a range (n, a:b, :b, a:)"},
                new Object[] {"path_reg ([a-z", 1, 0, "invalid regex '([a-z': Unclosed character class"},
                new Object[] {"path -m found /x", 3, 0, "match method 'found' takes no pattern, got '/x'"},
                new Object[] {"str(x) -m bin zz", 3, 0, "'zz' is not an even number of hex digits"},
                new Object[] {"path -f", 1, 0, "'-f' expects a pattern file name"},
                new Object[] {"hdr(host),lowr x", 0, 10, "unknown converter 'lowr', did you mean 'lower'?"});
    }

    @TestFactory
    Stream<DynamicTest> acls() {
        return aclErrors().map(row -> DynamicTest.dynamicTest((String) row[0], () -> {
            List<String> words = Arrays.asList(((String) row[0]).split(" "));
            ExpressionException e = assertThrows(ExpressionException.class, () -> C.acl("a", words));
            assertEquals(row[3], e.reason());
            assertEquals(row[1], e.wordIndex());
            assertEquals(row[2], e.offset());
        }));
    }

    static Stream<Object[]> conditionErrors() {
        return Stream.of(
                new Object[] {"when x", 0, 0, "a condition starts with 'if' or 'unless', got 'when'"},
                new Object[] {"if", 0, 0, "expected an ACL after 'if'"},
                new Object[] {"if is_pst", 1, 0, "unknown ACL 'is_pst', did you mean 'is_post'?"},
                new Object[] {"if !is_pst", 1, 1, "unknown ACL 'is_pst', did you mean 'is_post'?"},
                new Object[] {"if || is_post", 1, 0, "expected an ACL before '||'"},
                new Object[] {"if is_post ||", 2, 0, "expected an ACL after '||'"},
                new Object[] {"if is_post !", 2, 0, "expected an ACL after '!'"},
                new Object[] {"if { src 1.2.3.4", 1, 0, "missing '}' to close this anonymous ACL"},
                new Object[] {"if { }", 2, 0, "empty anonymous ACL: expected a criterion before '}'"},
                new Object[] {"if }", 1, 0, "'}' without a matching '{'"},
                new Object[] {"if { src { } }", 3, 0, "anonymous ACLs cannot be nested; expected '}'"},
                new Object[] {"if { scr 1.2.3.4 }", 2, 0, "unknown fetch 'scr', did you mean 'src'?"},
                new Object[] {"if { src 1.2.3.4 } { dst_port gt x }", 8, 0, "'x' is neither a number nor a supported operator"},
                new Object[] {"if { hdr(host),lowr x }", 2, 10, "unknown converter 'lowr', did you mean 'lower'?"});
    }

    @TestFactory
    Stream<DynamicTest> conditions() {
        Map<String, Acl> named = Map.of("is_post", C.acl("is_post", List.of("method", "POST")));
        return conditionErrors().map(row -> DynamicTest.dynamicTest((String) row[0], () -> {
            List<String> words = Arrays.asList(((String) row[0]).split(" "));
            ExpressionException e = assertThrows(ExpressionException.class, () -> C.condition(words, named));
            assertEquals(row[3], e.reason());
            assertEquals(row[1], e.wordIndex());
            assertEquals(row[2], e.offset());
        }));
    }

    @Test
    void messageCarriesThePosition() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> C.sample("scr"));
        assertEquals("word 0, offset 0: unknown fetch 'scr', did you mean 'src'?", e.getMessage());
    }

    @Test
    void invalidAclNameIsRejected() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> C.acl("bad name", List.of("src")));
        assertEquals("invalid character ' ' in ACL name 'bad name'", e.reason());
    }
}

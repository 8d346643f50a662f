package io.spoe4j.acl;

import static io.spoe4j.acl.Requests.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -f} pattern files: HAProxy's line format, resolution against the base directory, error
 * positions, and the indexed lookups checked against a brute-force scan on 100,000 entries.
 */
class PatternFileTest {
    @TempDir
    Path dir;

    private AclCompiler compiler() {
        return AclCompiler.builder().baseDirectory(dir).build();
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static RequestAttributes from(String address) {
        return SimpleRequestAttributes.builder().client(ip(address), 1234).build();
    }

    @Test
    void whitelistConditionAsInTheIssue() throws Exception {
        write("whitelist.lst", "# trusted networks\n\n10.0.0.0/8\n  192.168.1.0/24\r\n\t2001:db8::/32\n");
        Condition c = compiler().condition(List.of("if", "!", "{", "src", "-f", "whitelist.lst", "}"), Map.of());
        assertFalse(c.test(from("10.20.30.40")));
        assertFalse(c.test(from("192.168.1.77")));
        assertFalse(c.test(from("2001:db8::5")));
        assertTrue(c.test(from("192.168.2.1")));
        assertTrue(c.test(from("203.0.113.9")));
    }

    @Test
    void lineFormatFollowsHaproxy() throws Exception {
        // '#' only starts a comment in column 0; leading blanks are dropped, trailing ones kept
        write("words.lst", "#comment\n  alpha\n\n   \n # not a comment\nbeta  \r\ngamma");
        Acl acl = compiler().acl("w", List.of("req.fhdr(x)", "-f", "words.lst"));
        for (String[] c : new String[][] {{"alpha", "true"}, {"# not a comment", "true"}, {"beta  ", "true"},
            {"beta", "false"}, {"gamma", "true"}, {"#comment", "false"}, {"", "false"}}) {
            RequestAttributes r = SimpleRequestAttributes.builder().header("x", c[0]).build();
            assertEquals(Boolean.parseBoolean(c[1]), acl.matches(r), c[0]);
        }
    }

    @Test
    void ignoreCaseAppliesToFilesReadAfterIt() throws Exception {
        write("hosts.lst", "App1.Example.com\n");
        AclCompiler c = compiler();
        RequestAttributes r = SimpleRequestAttributes.builder().header("host", "app1.example.COM").build();
        assertTrue(c.acl("h", List.of("hdr(host)", "-i", "-f", "hosts.lst")).matches(r));
        assertFalse(c.acl("h", List.of("hdr(host)", "-f", "hosts.lst")).matches(r));
        assertFalse(c.acl("h", List.of("hdr(host)", "-f", "hosts.lst", "-i")).matches(r));
    }

    @Test
    void patternsFromFilesAndWordsCombine() throws Exception {
        write("paths.lst", "/admin\n/internal\n");
        Acl acl = compiler().acl("p", List.of("path_beg", "-f", "paths.lst", "/debug"));
        assertTrue(acl.matches(SimpleRequestAttributes.builder().uri("/internal/x").build()));
        assertTrue(acl.matches(SimpleRequestAttributes.builder().uri("/debug").build()));
        assertFalse(acl.matches(SimpleRequestAttributes.builder().uri("/public").build()));
    }

    @Test
    void mapFilesContributeTheirKeys() throws Exception {
        write("backends.map", "# host backend\napp1.example.com  be_app1\napp2.example.com\tbe_app2\n");
        AclCompiler c = compiler();
        Acl acl = c.acl("m", List.of("hdr(host)", "-i", "-M", "-f", "backends.map"));
        assertTrue(acl.matches(SimpleRequestAttributes.builder().header("host", "APP2.example.com").build()));
        assertFalse(acl.matches(SimpleRequestAttributes.builder().header("host", "be_app1").build()));
        assertFalse(c.acl("m", List.of("hdr(host)", "-f", "backends.map"))
                .matches(SimpleRequestAttributes.builder().header("host", "app1.example.com").build()));
    }

    @Test
    void absolutePathsIgnoreTheBaseDirectory() throws Exception {
        write("abs.lst", "1.2.3.4\n");
        Acl acl = AclCompiler.standard().acl("a", List.of("src", "-f", dir.resolve("abs.lst").toString()));
        assertTrue(acl.matches(from("1.2.3.4")));
    }

    @Test
    void filesAreReadOncePerCompiler() throws Exception {
        write("once.lst", "1.2.3.4\n");
        AclCompiler c = compiler();
        c.acl("a", List.of("src", "-f", "once.lst"));
        write("once.lst", "5.6.7.8\n");
        assertTrue(c.acl("a", List.of("src", "-f", "once.lst")).matches(from("1.2.3.4")));
        assertTrue(compiler().acl("a", List.of("src", "-f", "once.lst")).matches(from("5.6.7.8")));
    }

    @Test
    void missingFileNamesTheWord() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> compiler().acl("a", List.of("src", "-i", "-f", "nope.lst")));
        assertEquals(3, e.wordIndex());
        assertTrue(e.reason().startsWith("cannot read pattern file '"), e.reason());
        assertTrue(e.reason().endsWith("nope.lst' (NoSuchFileException)"), e.reason());
    }

    @Test
    void badLineNamesFileAndLine() throws Exception {
        write("bad.lst", "10.0.0.0/8\n# ok\nexample.com\n");
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> compiler().acl("a", List.of("src", "-f", "bad.lst")));
        assertEquals(2, e.wordIndex());
        assertEquals("bad.lst:3: 'example.com' is not a valid IPv4 or IPv6 address or network (host names are not resolved)",
                e.reason());
    }

    @Test
    void fileNeedsAMatchMethodFirst() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> compiler().acl("a", List.of("var(txn.x)", "-f", "x.lst")));
        assertEquals(1, e.wordIndex());
    }

    @Test
    void hundredThousandIpv4NetworksAgreeWithBruteForce() throws Exception {
        Random rnd = new Random(42);
        long[][] nets = new long[100_000][];
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < nets.length; k++) {
            long a = rnd.nextInt() & 0xFFFFFFFFL;
            int len = 16 + rnd.nextInt(17);
            long mask = (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
            nets[k] = new long[] {a & mask, mask};
            sb.append(a >>> 24).append('.').append((a >>> 16) & 255).append('.').append((a >>> 8) & 255).append('.')
                    .append(a & 255).append('/').append(len).append('\n');
        }
        write("big4.lst", sb.toString());
        Acl acl = compiler().acl("big", List.of("src", "-f", "big4.lst"));
        int hits = 0;
        for (int probe = 0; probe < 1_000; probe++) {
            long a = probe % 2 == 0 ? rnd.nextInt() & 0xFFFFFFFFL : nets[rnd.nextInt(nets.length)][0] + rnd.nextInt(3);
            boolean expected = false;
            for (long[] n : nets) {
                if ((a & n[1]) == n[0]) {
                    expected = true;
                    break;
                }
            }
            byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
            RequestAttributes r = SimpleRequestAttributes.builder().client(java.net.InetAddress.getByAddress(b), 1).build();
            assertEquals(expected, acl.matches(r), () -> "address " + (a >>> 24) + "." + ((a >>> 16) & 255));
            hits += expected ? 1 : 0;
        }
        assertTrue(hits > 400 && hits < 1_000, "probes should both hit and miss: " + hits);
    }

    @Test
    void ipv6NetworksAgreeWithBruteForce() throws Exception {
        Random rnd = new Random(7);
        List<BigInteger[]> nets = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        BigInteger all = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        for (int k = 0; k < 2_000; k++) {
            byte[] a = new byte[16];
            rnd.nextBytes(a);
            a[0] = (byte) (0x20 | (a[0] & 0x0F));
            int len = 16 + rnd.nextInt(113);
            BigInteger mask = all.shiftRight(128 - len).shiftLeft(128 - len);
            BigInteger v = new BigInteger(1, a);
            nets.add(new BigInteger[] {v.and(mask), mask});
            sb.append(java.net.InetAddress.getByAddress(a).getHostAddress()).append('/').append(len).append('\n');
        }
        write("big6.lst", sb.toString());
        Acl acl = compiler().acl("big", List.of("src", "-f", "big6.lst"));
        for (int probe = 0; probe < 1_000; probe++) {
            BigInteger a;
            if (probe % 2 == 0) {
                byte[] b = new byte[16];
                rnd.nextBytes(b);
                b[0] = (byte) (0x20 | (b[0] & 0x0F));
                a = new BigInteger(1, b);
            } else {
                a = nets.get(rnd.nextInt(nets.size()))[0].add(BigInteger.valueOf(rnd.nextInt(2)));
            }
            boolean expected = false;
            for (BigInteger[] n : nets) {
                if (a.and(n[1]).equals(n[0])) {
                    expected = true;
                    break;
                }
            }
            byte[] raw = a.toByteArray();
            byte[] b = new byte[16];
            System.arraycopy(raw, Math.max(0, raw.length - 16), b, Math.max(0, 16 - raw.length), Math.min(16, raw.length));
            RequestAttributes r = SimpleRequestAttributes.builder().client(java.net.InetAddress.getByAddress(b), 1).build();
            assertEquals(expected, acl.matches(r), a.toString(16));
        }
    }

    @Test
    void manyPrefixesAndSuffixesAgreeWithBruteForce() throws Exception {
        Random rnd = new Random(3);
        List<String> words = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 20_000; k++) {
            String w = randomWord(rnd, 1 + rnd.nextInt(8));
            words.add(w);
            sb.append(w).append('\n');
        }
        write("words.lst", sb.toString());
        AclCompiler c = compiler();
        Acl beg = c.acl("b", List.of("req.hdr(x)", "-m", "beg", "-f", "words.lst"));
        Acl end = c.acl("e", List.of("req.hdr(x)", "-m", "end", "-f", "words.lst"));
        Acl str = c.acl("s", List.of("req.hdr(x)", "-f", "words.lst"));
        for (int probe = 0; probe < 3_000; probe++) {
            String v = randomWord(rnd, rnd.nextInt(10));
            RequestAttributes r = SimpleRequestAttributes.builder().header("x", v).build();
            assertEquals(words.stream().anyMatch(v::startsWith), beg.matches(r), v);
            assertEquals(words.stream().anyMatch(v::endsWith), end.matches(r), v);
            assertEquals(words.contains(v), str.matches(r), v);
        }
    }

    private static String randomWord(Random rnd, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append((char) ('a' + rnd.nextInt(4)));
        }
        return sb.toString();
    }
}

package io.spoe4j.acl.internal;

import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The patterns of one ACL, compiled and indexed for their match method (src/pattern.c
 * semantics): a hash set for {@code str}, prefix trees for {@code beg}/{@code end}, sorted
 * merged intervals for {@code ip}, lists for the rest. The test casts the sample to the type the
 * method expects first, as HAProxy does; a failed cast never matches.
 */
final class Patterns implements BiPredicate<Sample, RequestAttributes> {

    /**
     * One pattern as written, with the -i flag in force where it appeared, the index of the word
     * it came from (the file name's word for -f) and, for files, "file:line".
     */
    record Entry(String text, boolean ignoreCase, int word, String source) {
    }

    /** Longer beg/end patterns are scanned linearly, keeping the trie's recursion shallow. */
    private static final int MAX_TRIE_DEPTH = 512;

    private final MatchMethod method;
    private final Set<String> exact = new HashSet<>();
    private final Set<String> exactIcase = new HashSet<>();
    private final List<String> plain = new ArrayList<>();
    private final List<String> plainIcase = new ArrayList<>();
    private final List<Pattern> regexes = new ArrayList<>();
    private final List<byte[]> binaries = new ArrayList<>();
    private final List<long[]> ranges = new ArrayList<>();
    private final String[] exactIcaseSmall;
    private final StringTrie trie;
    private final StringTrie trieIcase;
    private final IpRanges ips;

    Patterns(MatchMethod method, List<Entry> entries) {
        this.method = method;
        if ((method == MatchMethod.FOUND || method == MatchMethod.BOOL) && !entries.isEmpty()) {
            throw new PatternException("match method '" + method.keyword() + "' takes no pattern, got '"
                    + entries.get(0).text() + "'", entries.get(0));
        }
        IpRanges.Builder ipBuilder = new IpRanges.Builder();
        List<String> trieWords = new ArrayList<>();
        List<String> trieWordsIcase = new ArrayList<>();
        for (Entry e : entries) {
            try {
                add(e, ipBuilder, trieWords, trieWordsIcase);
            } catch (PatternException ex) {
                throw new PatternException(e.source() == null ? ex.getMessage() : e.source() + ": " + ex.getMessage(), e);
            }
        }
        ips = method == MatchMethod.IP ? ipBuilder.build() : null;
        trie = trieWords.isEmpty() ? null : StringTrie.of(trieWords);
        trieIcase = trieWordsIcase.isEmpty() ? null : StringTrie.of(trieWordsIcase);
        exactIcaseSmall = exactIcase.size() <= 8 ? exactIcase.toArray(new String[0]) : null;
    }

    private void add(Entry e, IpRanges.Builder ipBuilder, List<String> trieWords, List<String> trieWordsIcase) {
            String p = e.text();
            switch (method) {
                case INT:
                case LEN:
                    ranges.add(parseRange(p.strip()));
                    break;
                case IP:
                    addNetwork(ipBuilder, p.strip());
                    break;
                case BIN:
                    try {
                        binaries.add(HexFormat.of().parseHex(p));
                    } catch (IllegalArgumentException ex) {
                        throw new PatternException("'" + p + "' is not an even number of hex digits");
                    }
                    break;
                case STR:
                    (e.ignoreCase() ? exactIcase : exact).add(e.ignoreCase() ? Http.asciiLower(p) : p);
                    break;
                case BEG:
                case END:
                    String v = e.ignoreCase() ? Http.asciiLower(p) : p;
                    if (v.length() > MAX_TRIE_DEPTH) {
                        (e.ignoreCase() ? plainIcase : plain).add(v);
                    } else {
                        (e.ignoreCase() ? trieWordsIcase : trieWords).add(
                                method == MatchMethod.BEG ? v : new StringBuilder(v).reverse().toString());
                    }
                    break;
                case REG:
                    try {
                        regexes.add(Pattern.compile(p, e.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0));
                    } catch (PatternSyntaxException ex) {
                        throw new PatternException("invalid regex '" + p + "': " + ex.getDescription());
                    }
                    break;
                default:
                    (e.ignoreCase() ? plainIcase : plain).add(e.ignoreCase() ? Http.asciiLower(p) : p);
            }
    }

    MatchMethod method() {
        return method;
    }

    @Override
    public boolean test(Sample raw, RequestAttributes attributes) {
        Sample s = Casts.cast(raw, method.expects);
        if (s == null) {
            return false;
        }
        switch (method) {
            case FOUND:
                return true;
            case BOOL:
                return ((Sample.Bool) s).value();
            case INT:
                return inRanges(((Sample.Int) s).value());
            case LEN:
                return inRanges(HttpFetches.utf8Length(((Sample.Str) s).value()));
            case IP:
                return matchIp(s);
            case BIN:
                byte[] b = ((Sample.Bin) s).bytes();
                for (byte[] p : binaries) {
                    if (Arrays.equals(p, b)) {
                        return true;
                    }
                }
                return false;
            default:
                return matchString(((Sample.Str) s).value());
        }
    }

    private boolean matchString(String v) {
        switch (method) {
            case STR:
                return exact.contains(v) || !exactIcase.isEmpty() && containsIgnoreCase(v);
            case BEG:
                if (trie != null && trie.anyPrefixOf(v, false, false) || trieIcase != null && trieIcase.anyPrefixOf(v, false, true)) {
                    return true;
                }
                break;
            case END:
                if (trie != null && trie.anyPrefixOf(v, true, false) || trieIcase != null && trieIcase.anyPrefixOf(v, true, true)) {
                    return true;
                }
                break;
            default:
                break;
        }
        String lower = plainIcase.isEmpty() ? v : Http.asciiLower(v);
        switch (method) {
            case BEG:
                return any(plain, v, p -> v.startsWith(p)) || any(plainIcase, lower, p -> lower.startsWith(p));
            case END:
                return any(plain, v, p -> v.endsWith(p)) || any(plainIcase, lower, p -> lower.endsWith(p));
            case REG:
                return anyRegex(v);
            case SUB:
                return any(plain, v, p -> v.contains(p)) || any(plainIcase, lower, p -> lower.contains(p));
            case DOM:
                return anyWord(plain, v, "/?.:") || anyWord(plainIcase, lower, "/?.:");
            case DIR:
                return anyWord(plain, v, "/?") || anyWord(plainIcase, lower, "/?");
            default:
                return false;
        }
    }

    /**
     * java.util.regex recurses on some patterns ({@code (a|b)*}) and can overflow the stack on a
     * long sample; such a sample counts as not matching instead of failing the transaction.
     */
    private boolean anyRegex(String v) {
        try {
            for (Pattern p : regexes) {
                if (p.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        } catch (StackOverflowError e) {
            return false;
        }
    }

    /** Small sets are scanned without lower-casing the sample; big ones use the hash set. */
    private boolean containsIgnoreCase(String v) {
        if (exactIcaseSmall != null) {
            for (String p : exactIcaseSmall) {
                if (p.length() == v.length() && asciiEqualsIgnoreCase(p, v)) {
                    return true;
                }
            }
            return false;
        }
        return exactIcase.contains(Http.asciiLower(v));
    }

    /** {@code lower} is already lower-case; compares ASCII letters of {@code v} case-insensitively. */
    private static boolean asciiEqualsIgnoreCase(String lower, String v) {
        for (int i = 0; i < lower.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(List<String> patterns, String v, java.util.function.Predicate<String> p) {
        for (String s : patterns) {
            if (p.test(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyWord(List<String> patterns, String v, String delims) {
        for (String p : patterns) {
            if (matchWord(v, p, delims)) {
                return true;
            }
        }
        return false;
    }

    /**
     * HAProxy's match_word: the pattern, without its leading and trailing delimiters, must appear
     * in the sample bounded on each side by a delimiter or an end of the sample.
     */
    static boolean matchWord(String v, String pattern, String delims) {
        int ps = 0;
        int pe = pattern.length();
        while (ps < pe && delims.indexOf(pattern.charAt(ps)) >= 0) {
            ps++;
        }
        while (pe > ps && delims.indexOf(pattern.charAt(pe - 1)) >= 0) {
            pe--;
        }
        String word = pattern.substring(ps, pe);
        if (word.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int at = v.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            boolean left = at == 0 || delims.indexOf(v.charAt(at - 1)) >= 0;
            boolean right = end == v.length() || delims.indexOf(v.charAt(end)) >= 0;
            if (left && right) {
                return true;
            }
            from = at + 1;
        }
    }

    private boolean inRanges(long v) {
        for (long[] r : ranges) {
            if (v >= r[0] && v <= r[1]) {
                return true;
            }
        }
        return false;
    }

    private boolean matchIp(Sample s) {
        if (s instanceof Sample.Ipv4 v4) {
            byte[] a = v4.address();
            return ips.containsV4(a) || ips.hasV6() && ips.containsV6(Ips.v4ToV6(a));
        }
        byte[] a = ((Sample.Ipv6) s).address();
        if (ips.containsV6(a)) {
            return true;
        }
        if (!ips.hasV4()) {
            return false;
        }
        byte[] v4 = Ips.v6ToV4(a);
        return v4 != null && ips.containsV4(v4);
    }

    /** Integer patterns: {@code n}, {@code a:b}, {@code :b}, {@code a:}. */
    static long[] parseRange(String p) {
        int colon = p.indexOf(':');
        try {
            if (colon < 0) {
                long v = Long.parseLong(p);
                return new long[] {v, v};
            }
            String lo = p.substring(0, colon);
            String hi = p.substring(colon + 1);
            if (lo.isEmpty() && hi.isEmpty()) {
                throw new NumberFormatException();
            }
            return new long[] {lo.isEmpty() ? Long.MIN_VALUE : Long.parseLong(lo),
                hi.isEmpty() ? Long.MAX_VALUE : Long.parseLong(hi)};
        } catch (NumberFormatException e) {
            throw new PatternException("'" + p + "' is not an integer or a range (n, a:b, :b, a:)");
        }
    }

    /** IP patterns: an address, {@code addr/len}, or an IPv4 {@code addr/dotted.mask}. */
    static void addNetwork(IpRanges.Builder b, String p) {
        int slash = p.indexOf('/');
        String addr = slash < 0 ? p : p.substring(0, slash);
        String mask = slash < 0 ? null : p.substring(slash + 1);
        byte[] v4 = Ips.parseV4(addr);
        if (v4 != null) {
            if (mask != null && mask.indexOf('.') >= 0) {
                byte[] m = Ips.parseV4(mask);
                if (m == null) {
                    throw new PatternException("'" + p + "' has an invalid netmask");
                }
                int bits = contiguousPrefix(m);
                if (bits < 0) {
                    b.addV4Masked(v4, m);
                } else {
                    b.addV4(v4, bits);
                }
                return;
            }
            b.addV4(v4, mask == null ? 32 : prefix(p, mask, 32));
            return;
        }
        byte[] v6 = Ips.parseV6(addr);
        if (v6 == null) {
            throw new PatternException("'" + p + "' is not a valid IPv4 or IPv6 address or network"
                    + " (host names are not resolved)");
        }
        b.addV6(v6, mask == null ? 128 : prefix(p, mask, 128));
    }

    /** The prefix length of a contiguous mask, or -1 for a non-contiguous one. */
    private static int contiguousPrefix(byte[] m) {
        long v = ((m[0] & 0xFFL) << 24) | ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
        int bits = 0;
        while (bits < 32 && (v & (1L << (31 - bits))) != 0) {
            bits++;
        }
        long expected = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return v == expected ? bits : -1;
    }

    private static int prefix(String p, String mask, int max) {
        try {
            int bits = Integer.parseInt(mask);
            if (bits >= 0 && bits <= max) {
                return bits;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PatternException("'" + p + "' has an invalid prefix length (expected 0 to " + max + ")");
    }
}

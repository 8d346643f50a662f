package io.spoe4j.acl.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.acl.Condition;
import io.spoe4j.acl.ExpressionException;
import io.spoe4j.acl.SampleFetch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles {@code acl} lines and {@code if}/{@code unless} conditions as HAProxy's acl.c does:
 * criterion (a fetch, or a derived keyword such as {@code path_beg} or {@code hdr_sub(name)}),
 * flags ({@code -i -f -m -n -u -M --}), then patterns, with {@code eq ge gt le lt} operators
 * for numeric matches. Pattern files are read once per compiler and cached.
 */
public final class AclParser {
    private static final List<String> DERIVED_BASES =
            List.of("base", "path", "url", "hdr", "cook", "shdr", "urlp", "ssl_fc_sni", "req.ver", "req_ver");
    private static final List<String> DERIVED_SUFFIXES = List.of("beg", "dir", "dom", "end", "len", "reg", "sub");
    private static final String[][] PREDEFINED = {
        {"FALSE", "always_false"},
        {"HTTP", "req.proto_http"},
        {"HTTP_1.0", "req.ver", "1.0"},
        {"HTTP_1.1", "req.ver", "1.1"},
        {"HTTP_2.0", "req.ver", "2.0"},
        {"HTTP_CONTENT", "req.hdr_val(content-length)", "gt", "0"},
        {"HTTP_URL_ABS", "url_reg", "^[^/:]*://"},
        {"HTTP_URL_SLASH", "url_beg", "/"},
        {"HTTP_URL_STAR", "url", "*"},
        {"LOCALHOST", "src", "127.0.0.1/8", "::1"},
        {"METH_CONNECT", "method", "CONNECT"},
        {"METH_DELETE", "method", "DELETE"},
        {"METH_GET", "method", "GET", "HEAD"},
        {"METH_HEAD", "method", "HEAD"},
        {"METH_OPTIONS", "method", "OPTIONS"},
        {"METH_POST", "method", "POST"},
        {"METH_PUT", "method", "PUT"},
        {"METH_TRACE", "method", "TRACE"},
        {"REQ_CONTENT", "req.len", "gt", "0"},
        {"TRUE", "always_true"},
    };

    private final Registry registry;
    private final Path baseDirectory;
    private final Map<Path, List<String>> fileCache = new ConcurrentHashMap<>();
    private final Map<String, Acl> predefined;

    public AclParser(Registry registry, Path baseDirectory) {
        this.registry = registry;
        this.baseDirectory = baseDirectory;
        Map<String, Acl> p = new LinkedHashMap<>();
        for (String[] def : PREDEFINED) {
            p.put(def[0], acl(def[0], List.of(def).subList(1, def.length)));
        }
        this.predefined = Map.copyOf(p);
    }

    /** HAProxy's predefined ACLs (TRUE, METH_GET, LOCALHOST, ...), by name. */
    public Map<String, Acl> predefined() {
        return predefined;
    }

    public Acl acl(String name, List<String> words) {
        if (name == null || name.isEmpty()) {
            throw new ExpressionException(0, 0, "an ACL needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                throw new ExpressionException(0, 0, "invalid character '" + c + "' in ACL name '" + name + "'");
            }
        }
        return parseExpr(name, words, 0, words.size());
    }

    /** Parses words[from, to) as one ACL expression; error word indexes are relative to words. */
    private Acl parseExpr(String name, List<String> words, int from, int to) {
        if (from >= to) {
            throw new ExpressionException(from, 0, "expected an ACL criterion (a sample fetch such as 'src' or 'path_beg')");
        }
        String criterionText = words.get(from);
        CompiledSample criterion;
        MatchMethod method;
        try {
            List<SampleParser.Call> calls = SampleParser.parse(criterionText);
            SampleParser.Call first = calls.get(0);
            SampleFetch def = registry.fetch(first.name());
            method = null;
            if (def == null) {
                String[] derived = derived(first.name());
                if (derived == null) {
                    throw registry.unknownFetch(first.name(), first.nameOffset(), derivedKeywords());
                }
                def = registry.fetch(derived[0]);
                method = calls.size() == 1 ? MatchMethod.byKeyword(derived[1]) : null;
            }
            criterion = CompiledSample.bind(criterionText, registry, calls, def);
        } catch (ExpressionException e) {
            throw e.shifted(from, 0);
        }
        if (method == null) {
            method = MatchMethod.defaultFor(criterion.type());
        }
        boolean icase = false;
        boolean asMap = false;
        boolean loaded = false;
        List<Patterns.Entry> entries = new ArrayList<>();
        int i = from + 1;
        for (; i < to && words.get(i).startsWith("-"); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                i++;
                break;
            } else if (w.equals("-i")) {
                icase = true;
            } else if (w.equals("-n")) {
                continue;
            } else if (w.equals("-M")) {
                asMap = true;
            } else if (w.equals("-u")) {
                if (i + 1 >= to || !words.get(i + 1).matches("-?[0-9]+")) {
                    throw new ExpressionException(i, 0, "'-u' expects an integer id");
                }
                i++;
            } else if (w.equals("-m")) {
                if (loaded) {
                    throw new ExpressionException(i, 0, "'-m' must be given before patterns and files");
                }
                if (i + 1 >= to) {
                    throw new ExpressionException(i, 0, "'-m' expects a match method (" + methodList() + ")");
                }
                String m = words.get(++i);
                method = MatchMethod.byKeyword(m);
                if (method == null) {
                    String hint = Suggest.closest(m, methodNames(), List.of());
                    throw new ExpressionException(i, 0, "unknown match method '" + m + "' (expected " + methodList() + ")"
                            + (hint == null ? "" : ", did you mean '" + hint + "'?"));
                }
                if (method != MatchMethod.FOUND && !castable(criterion.type(), method)) {
                    throw new ExpressionException(i, 0, "match method '" + m + "' cannot be used with '" + criterionText
                            + "', which returns " + criterion.type().name().toLowerCase(java.util.Locale.ROOT));
                }
            } else if (w.equals("-f")) {
                if (method == null) {
                    throw new ExpressionException(i, 0, noDefault(criterionText, criterion));
                }
                if (i + 1 >= to) {
                    throw new ExpressionException(i, 0, "'-f' expects a pattern file name");
                }
                i++;
                List<String> lines = readPatternFile(words.get(i), i);
                for (int k = 0; k < lines.size(); k += 2) {
                    String pattern = asMap ? mapKey(lines.get(k)) : lines.get(k);
                    entries.add(new Patterns.Entry(pattern, icase, i, words.get(i) + ":" + lines.get(k + 1)));
                }
                loaded = true;
            } else {
                throw new ExpressionException(i, 0, "'" + w + "' is not a valid ACL option (expected -i, -f, -m, -n, -u, -M"
                        + " or --); put '--' before a pattern starting with '-'");
            }
        }
        if (method == null) {
            throw new ExpressionException(from, 0, noDefault(criterionText, criterion));
        }
        String operator = "eq";
        for (; i < to; i++) {
            String w = words.get(i);
            if (method.numeric() && isOperator(w)) {
                operator = w;
                continue;
            }
            entries.add(new Patterns.Entry(method.numeric() ? applyOperator(operator, w, i) : w, icase, i, null));
        }
        try {
            return CompiledAcl.of(name, criterion, new Patterns(method, entries));
        } catch (PatternException e) {
            throw new ExpressionException(e.entry() == null ? from : e.entry().word(), 0, e.getMessage());
        }
    }

    /** With -M the file is a map: the pattern is the key, up to the first blank. */
    private static String mapKey(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
            end++;
        }
        return line.substring(0, end);
    }

    private static boolean isOperator(String w) {
        return w.equals("eq") || w.equals("ge") || w.equals("gt") || w.equals("le") || w.equals("lt");
    }

    /** HAProxy's rewriting: "gt x" is "x+1:", "ge x" "x:", "lt x" ":x-1", "le x" ":x". */
    private static String applyOperator(String op, String w, int wordIndex) {
        if (op.equals("eq") || w.indexOf(':') >= 0) {
            return w;
        }
        long v;
        try {
            v = Long.parseLong(w);
        } catch (NumberFormatException e) {
            throw new ExpressionException(wordIndex, 0, "'" + w + "' is neither a number nor a supported operator");
        }
        switch (op) {
            case "gt":
                return (v == Long.MAX_VALUE ? v : v + 1) + ":";
            case "ge":
                return v + ":";
            case "lt":
                return ":" + (v == Long.MIN_VALUE ? v : v - 1);
            default:
                return ":" + v;
        }
    }

    private static String noDefault(String criterionText, CompiledSample criterion) {
        return "'" + criterionText + "' returns " + criterion.type().name().toLowerCase(java.util.Locale.ROOT)
                + ", which has no default match method: give one with -m (" + methodList() + ")";
    }

    private static boolean castable(io.spoe4j.acl.Sample.Type from, MatchMethod method) {
        io.spoe4j.acl.Sample.Type to = method.expects;
        switch (from) {
            case ANY:
            case STR:
                return true;
            case BIN:
                return to == io.spoe4j.acl.Sample.Type.BIN || to == io.spoe4j.acl.Sample.Type.STR;
            case BOOL:
            case INT:
                return to != io.spoe4j.acl.Sample.Type.IPV6;
            default:
                return to != io.spoe4j.acl.Sample.Type.BOOL && to != io.spoe4j.acl.Sample.Type.INT
                        || from == io.spoe4j.acl.Sample.Type.IPV4 && to == io.spoe4j.acl.Sample.Type.INT;
        }
    }

    private static Set<String> methodNames() {
        Set<String> s = new TreeSet<>();
        for (MatchMethod m : MatchMethod.values()) {
            s.add(m.keyword());
        }
        return s;
    }

    private static String methodList() {
        return String.join(", ", methodNames());
    }

    private String[] derived(String keyword) {
        int us = keyword.lastIndexOf('_');
        if (us <= 0) {
            return null;
        }
        String base = keyword.substring(0, us);
        String suffix = keyword.substring(us + 1);
        if (!DERIVED_BASES.contains(base) || !DERIVED_SUFFIXES.contains(suffix) || !registry.hasFetch(base)) {
            return null;
        }
        return new String[] {base, suffix};
    }

    private static final List<String> DERIVED_KEYWORDS = derivedKeywordList();

    private static List<String> derivedKeywordList() {
        List<String> out = new ArrayList<>();
        for (String b : DERIVED_BASES) {
            for (String s : DERIVED_SUFFIXES) {
                out.add(b + "_" + s);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> derivedKeywords() {
        return DERIVED_KEYWORDS;
    }

    /**
     * HAProxy's pattern file format: a line starting with '#' is a comment, leading spaces and
     * tabs are removed, the pattern runs to CR/LF (trailing spaces are part of it), blank
     * lines are skipped. Returns pattern, line number, pattern, line number...
     */
    private List<String> readPatternFile(String name, int wordIndex) {
        Path path = baseDirectory.resolve(name).toAbsolutePath().normalize();
        List<String> cached = fileCache.get(path);
        if (cached != null) {
            return cached;
        }
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw new ExpressionException(wordIndex, 0, "cannot read pattern file '" + path + "' ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int lineNo = 0;
        while (i < text.length()) {
            lineNo++;
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(i, end);
            i = end + 1;
            int cr = line.indexOf('\r');
            if (cr >= 0) {
                line = line.substring(0, cr);
            }
            if (line.startsWith("#")) {
                continue;
            }
            int s = 0;
            while (s < line.length() && (line.charAt(s) == ' ' || line.charAt(s) == '\t')) {
                s++;
            }
            if (s < line.length()) {
                lines.add(line.substring(s));
                lines.add(Integer.toString(lineNo));
            }
        }
        List<String> result = List.copyOf(lines);
        fileCache.put(path, result);
        return result;
    }

    /** Compiles an if/unless condition; `{` and `}` are separate words around anonymous ACLs. */
    public Condition condition(List<String> words, Map<String, Acl> named) {
        if (words.isEmpty() || !(words.get(0).equals("if") || words.get(0).equals("unless"))) {
            throw new ExpressionException(0, 0, "a condition starts with 'if' or 'unless'"
                    + (words.isEmpty() ? "" : ", got '" + words.get(0) + "'"));
        }
        boolean unless = words.get(0).equals("unless");
        Map<String, Acl> scope = named == null ? Map.of() : named;
        List<List<Acl>> suites = new ArrayList<>();
        List<List<Boolean>> negs = new ArrayList<>();
        List<Acl> suite = new ArrayList<>();
        List<Boolean> neg = new ArrayList<>();
        boolean negate = false;
        int i = 1;
        while (i < words.size()) {
            String w = words.get(i);
            int bang = 0;
            while (bang < w.length() && w.charAt(bang) == '!') {
                negate = !negate;
                bang++;
            }
            w = w.substring(bang);
            if (w.isEmpty()) {
                i++;
                continue;
            }
            if (w.equals("||") || w.equals("or")) {
                if (suite.isEmpty() || negate) {
                    throw new ExpressionException(i, 0, "expected an ACL before '" + w + "'");
                }
                suites.add(suite);
                negs.add(neg);
                suite = new ArrayList<>();
                neg = new ArrayList<>();
                i++;
                continue;
            }
            if (w.equals("{")) {
                int close = i + 1;
                while (close < words.size() && !words.get(close).equals("}")) {
                    if (words.get(close).equals("{")) {
                        throw new ExpressionException(close, 0, "anonymous ACLs cannot be nested; expected '}'");
                    }
                    close++;
                }
                if (close == words.size()) {
                    throw new ExpressionException(i, 0, "missing '}' to close this anonymous ACL");
                }
                if (close == i + 1) {
                    throw new ExpressionException(close, 0, "empty anonymous ACL: expected a criterion before '}'");
                }
                suite.add(parseExpr("anonymous", words, i + 1, close));
                neg.add(negate);
                negate = false;
                i = close + 1;
                continue;
            }
            if (w.equals("}")) {
                throw new ExpressionException(i, bang, "'}' without a matching '{'");
            }
            Acl acl = scope.get(w);
            if (acl == null) {
                acl = predefined.get(w);
            }
            if (acl == null) {
                Map<String, Acl> known = new HashMap<>(predefined);
                known.putAll(scope);
                String hint = Suggest.closest(w, known.keySet(), List.of());
                throw new ExpressionException(i, bang, "unknown ACL '" + w + "'"
                        + (hint == null ? "" : ", did you mean '" + hint + "'?"));
            }
            suite.add(acl);
            neg.add(negate);
            negate = false;
            i++;
        }
        if (negate) {
            throw new ExpressionException(words.size() - 1, 0, "expected an ACL after '!'");
        }
        if (suite.isEmpty()) {
            throw new ExpressionException(words.size() - 1, 0, suites.isEmpty()
                    ? "expected an ACL after '" + words.get(0) + "'"
                    : "expected an ACL after '" + words.get(words.size() - 1) + "'");
        }
        suites.add(suite);
        negs.add(neg);
        Acl[][] s = new Acl[suites.size()][];
        boolean[][] n = new boolean[suites.size()][];
        for (int k = 0; k < s.length; k++) {
            s[k] = suites.get(k).toArray(new Acl[0]);
            n[k] = new boolean[s[k].length];
            for (int t = 0; t < n[k].length; t++) {
                n[k][t] = negs.get(k).get(t);
            }
        }
        return new CompiledCondition(s, n, unless);
    }
}

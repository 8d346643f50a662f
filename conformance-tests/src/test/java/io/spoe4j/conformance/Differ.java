package io.spoe4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Message;
import io.spoe4j.codec.TypedValue;
import io.spoe4j.testkit.RecordedNotify;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Compares what the two agents received, field by field: NOTIFY boundaries, messages and their
 * order, arg names, types and values. Values that legitimately differ between the two listeners
 * are normalised explicitly: the proxy's own listening port ({@code dst_port}) becomes
 * {@code <frontend-port>}, and the args named in {@code varying} (client ports, unique ids,
 * timings) are compared by type only. Failures print both sides in full.
 */
final class Differ {
    private Differ() {
    }

    /** A canonical text of the NOTIFYs one side produced. */
    static String render(List<RecordedNotify> notifies, int frontendPort, Set<String> varying) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (RecordedNotify n : notifies) {
            b.append("NOTIFY ").append(i++).append('\n');
            for (Message m : n.messages()) {
                b.append("  message ").append(m.name()).append('\n');
                for (var a : m.args()) {
                    b.append("    ").append(a.name().isEmpty() ? "<unnamed>" : a.name()).append(" = ")
                            .append(value(a.value(), frontendPort, varying.contains(a.name()) || varying.contains(m.name() + "." + a.name())))
                            .append('\n');
                }
            }
        }
        return b.toString();
    }

    static String value(TypedValue v, int frontendPort, boolean typeOnly) {
        String type = v.type().name();
        if (typeOnly) {
            return type + " <varies>";
        }
        String text;
        if (v instanceof TypedValue.Binary bin) {
            text = "0x" + HexFormat.of().formatHex(bin.bytes());
        } else if (v instanceof TypedValue.Str s) {
            text = '"' + escape(s.asString()) + '"';
        } else {
            text = v.toDisplayString();
        }
        if (text.equals(Integer.toString(frontendPort))) {
            text = "<frontend-port>";
        }
        return type + " " + text.replace("127.0.0.1:" + frontendPort, "127.0.0.1:<frontend-port>");
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The variables a side exposed: {@code x-v-*} headers the upstream saw, {@code x-r-*} response headers. */
    /** As above; the values of {@code hexVars} (full variable names) are hex-encoded first (HAProxy's raw binary). */
    static String variables(Harness.Outcome outcome, Set<String> varying, List<String> hexVars) {
        return variables(outcome.answer(), outcome.upstreamSaw(), varying, hexVars);
    }

    /** The variables exposed around one answer, given the {@code x-v-*} headers the upstream saw for its request. */
    static String variables(RawHttp.Answer answer, List<String> upstreamSaw, Set<String> varying, List<String> hexVars) {
        List<String> lines = new ArrayList<>();
        lines.add("status " + answer.status());
        for (String l : upstreamSaw) {
            lines.add("upstream saw " + normaliseVar(hex(l, "x-v-", hexVars), varying));
        }
        for (String l : answer.headers("x-r-")) {
            lines.add("client saw " + normaliseVar(hex(l, "x-r-", hexVars), varying));
        }
        return String.join("\n", lines);
    }

    private static String hex(String line, String prefix, List<String> hexVars) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon);
        for (String v : hexVars) {
            if (name.equals(prefix + v.toLowerCase(java.util.Locale.ROOT).replace('.', '-'))) {
                String value = line.substring(colon + 1).trim();
                return name + ": " + HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return line;
    }

    private static String normaliseVar(String line, Set<String> varying) {
        String name = line.substring(0, line.indexOf(':'));
        for (String v : varying) {
            if (name.endsWith(v)) {
                return name + ": <varies:" + (line.substring(line.indexOf(':') + 1).trim().matches("-?\\d+") ? "int" : "other")
                        + ">";
            }
        }
        return line;
    }

    /** Asserts both sides agree; {@code expected} names the messages HAProxy must have sent (so no comparison is vacuous). */
    static void assertSame(String scenario, Harness.Pair pair, Harness h, Set<String> varying, List<String> expected) {
        String ha = render(pair.haproxy().notifies(), h.haproxyPort, varying);
        String sp = render(pair.spoe4j().notifies(), h.spoe4jPort(), varying);
        List<String> sent = pair.haproxy().notifies().stream().flatMap(n -> n.messages().stream()).map(Message::name)
                .toList();
        assertTrue(sent.containsAll(expected), () -> scenario + ": HAProxy did not send " + expected
                + " (the scenario would compare nothing); it sent:\n" + ha + "\nHAProxy output:\n" + h.haproxyOutput());
        String hv = variables(pair.haproxy(), varying, h.setup.binaryExposed);
        String sv = variables(pair.spoe4j(), varying, List.of());
        if (!ha.equals(sp) || !hv.equals(sv)) {
            throw new org.opentest4j.AssertionFailedError(scenario + ": " + (ha.equals(sp) ? "" : "NOTIFYs differ. ")
                    + (hv.equals(sv) ? "" : "Variables differ.") + "\n--- HAProxy 2.6 ---\n" + ha + hv
                    + "\n--- spoe4j ---\n" + sp + sv, ha + hv, sp + sv);
        }
    }

    /**
     * Asserts both sides agree on a whole keep-alive connection: all NOTIFYs in order, then each
     * answer's variables in order. {@code perConnection} are the messages of {@code on-client-session}:
     * HAProxy 2.6 in HTTP mode starts a stream, hence fires that event, per request, where spoe4j
     * fires it once per downstream connection (docs/behaviour.md, "Behaviour compared with HAProxy" table, row
     * {@code on-client-session}). That one difference is tolerated and asserted: HAProxy must send
     * them in exactly one NOTIFY per request, spoe4j in exactly one NOTIFY; HAProxy's NOTIFYs holding only
     * them are compared for the first request and dropped for the later ones.
     */
    static void assertSameConnection(String scenario, Harness.ConnectionPair pair, Harness h, Set<String> varying,
            List<String> expected, Set<String> perConnection) {
        int requests = pair.haproxy().answers().size();
        List<RecordedNotify> haAll = pair.haproxy().notifies();
        List<RecordedNotify> ha = new ArrayList<>();
        int haSession = 0;
        for (RecordedNotify n : haAll) {
            boolean session = !perConnection.isEmpty() && n.messages().stream().allMatch(m -> perConnection.contains(m.name()));
            if (session) {
                haSession++;
            }
            if (!session || haSession == 1) {
                ha.add(n);
            }
        }
        long spSession = pair.spoe4j().notifies().stream()
                .filter(n -> !perConnection.isEmpty() && n.messages().stream().allMatch(m -> perConnection.contains(m.name())))
                .count();
        String haText = render(haAll, h.haproxyPort, varying);
        String spText = render(pair.spoe4j().notifies(), h.spoe4jPort(), varying);
        List<String> sent = haAll.stream().flatMap(n -> n.messages().stream()).map(Message::name).toList();
        assertTrue(sent.containsAll(expected), () -> scenario + ": HAProxy did not send " + expected
                + " (the scenario would compare nothing); it sent:\n" + haText + "\nHAProxy output:\n" + h.haproxyOutput());
        if (!perConnection.isEmpty()) {
            int hs = haSession;
            assertTrue(hs == requests && spSession == 1, () -> scenario + ": on-client-session messages " + perConnection
                    + " expected once per request from HAProxy 2.6 (" + requests + ") and once per connection from spoe4j;"
                    + " HAProxy sent them in " + hs + " NOTIFYs, spoe4j in " + spSession + "\n--- HAProxy 2.6 ---\n" + haText
                    + "\n--- spoe4j ---\n" + spText);
        }
        String hn = render(ha, h.haproxyPort, varying);
        StringBuilder hv = new StringBuilder();
        StringBuilder sv = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            hv.append("request ").append(i).append('\n').append(variables(pair.haproxy().answers().get(i),
                    pair.haproxy().upstreamSaw().get(i), varying, h.setup.binaryExposed)).append('\n');
            sv.append("request ").append(i).append('\n').append(i < pair.spoe4j().answers().size()
                    ? variables(pair.spoe4j().answers().get(i), pair.spoe4j().upstreamSaw().get(i), varying, List.of())
                    : "(no answer)").append('\n');
        }
        if (!hn.equals(spText) || !hv.toString().equals(sv.toString())) {
            throw new org.opentest4j.AssertionFailedError(scenario + ": " + (hn.equals(spText) ? "" : "NOTIFYs differ. ")
                    + (hv.toString().equals(sv.toString()) ? "" : "Variables differ.")
                    + (perConnection.isEmpty() ? "" : " (HAProxy's on-client-session NOTIFYs after the first request left out)")
                    + "\n--- HAProxy 2.6 ---\n" + hn + hv + "\n--- spoe4j ---\n" + spText + sv, hn + hv, spText + sv);
        }
    }
}

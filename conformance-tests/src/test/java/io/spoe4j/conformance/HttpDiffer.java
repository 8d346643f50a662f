package io.spoe4j.conformance;

import io.spoe4j.conformance.ActionHarness.Observed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentest4j.AssertionFailedError;

/**
 * Renders what a side produced for one request as canonical text, and asserts that spoe4j's (and
 * Undertow's) equals HAProxy's: the status line (code and reason), the answer's headers in order,
 * the body bytes, what became of the connection, which upstream got the request and how (request
 * line, headers in order, body), and the NOTIFYs. The tolerances are these, and only these (the
 * docs/conformance.md table lists them with the reasons):
 * <ul>
 * <li>header names are compared lower-cased, on both hops: HAProxy stores and writes every name in
 * lower case, spoe4j keeps the case it received or was given (HTTP names are case-insensitive);</li>
 * <li>the values of the setup's {@link ActionSetup#varyingHeaders} (unique ids) and the NOTIFY args
 * of {@link ActionSetup#varyingArgs} (client ports, unique ids) are compared by presence and type;</li>
 * <li>an answer a Lua action builds ({@code txn:done(reply)}): its headers are compared grouped by name
 * (stable, so each name's values keep their order): HAProxy writes the names in the order Lua's
 * table yields them, which depends on a hash seed chosen per process;</li>
 * <li>through Undertow only: headers are compared sorted (Undertow's header map does not keep their
 * order) and the upstream is the handler behind it, seen through Undertow's exchange.</li>
 * </ul>
 */
final class HttpDiffer {
    private HttpDiffer() {
    }

    static String render(Observed o, ActionSetup setup, int minMillis, boolean sorted, boolean luaReply) {
        StringBuilder b = new StringBuilder();
        HttpWire.Result a = o.answer();
        if (a.statusLine() == null) {
            b.append("answer: none\n");
        } else {
            b.append("answer: ").append(a.statusLine()).append('\n');
            List<String> headers = new ArrayList<>();
            for (String[] h : a.headers()) {
                headers.add("  " + h[0].toLowerCase(Locale.ROOT) + ": " + h[1]);
            }
            if (sorted) {
                headers.sort(null);
            } else if (luaReply) {
                headers.sort(java.util.Comparator.comparing(h -> h.substring(0, h.indexOf(':'))));
            }
            headers.forEach(h -> b.append(h).append('\n'));
            b.append("  body ").append(a.body().length).append(" bytes: ").append(escape(a.body())).append('\n');
        }
        b.append("connection: ").append(a.connection()).append('\n');
        if (minMillis > 0) {
            b.append("answered after at least ").append(minMillis).append(" ms: ").append(a.millis() >= minMillis)
                    .append('\n');
        }
        b.append("upstream: ").append(o.upstream().equals("next handler") ? "up1" : o.upstream()).append('\n');
        UpstreamServer.Received r = o.received();
        if (r != null) {
            b.append("  ").append(r.requestLine()).append('\n');
            List<String> headers = new ArrayList<>();
            for (String h : r.headers()) {
                int c = h.indexOf(':');
                String name = h.substring(0, c).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(c + 1).strip();
                headers.add("  " + name + ": " + (setup.varyingHeaders.contains(name) ? "<varies>" : value));
            }
            if (sorted) {
                headers.sort(null);
            }
            headers.forEach(h -> b.append(h).append('\n'));
            b.append("  body ").append(r.body().length).append(" bytes: ").append(escape(r.body())).append('\n');
        }
        b.append(Differ.render(o.notifies(), o.frontendPort(), setup.varyingArgs));
        return b.toString();
    }

    static String escape(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\\') {
                b.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Asserts every other side rendered as HAProxy did; {@code expect} must appear in HAProxy's
     * rendering (so that no scenario compares nothing).
     */
    static void assertSame(String scenario, List<Observed> sides, ActionSetup setup, String expect, int minMillis,
            boolean luaReply, ActionHarness h) {
        Observed ha = sides.get(0);
        String haText = render(ha, setup, minMillis, false, luaReply);
        if (!haText.contains(expect)) {
            throw new AssertionFailedError(scenario + ": HAProxy's answer does not show '" + expect
                    + "' (the scenario would not test what it names):\n" + haText + "\nspoe4j warnings: " + h.warnings
                    + "\nHAProxy output:\n" + h.haproxyOutput());
        }
        for (Observed other : sides.subList(1, sides.size())) {
            boolean sorted = other.side().equals("undertow");
            String expected = sorted ? render(ha, setup, minMillis, true, luaReply) : haText;
            String actual = render(other, setup, minMillis, sorted, luaReply);
            if (!expected.equals(actual)) {
                throw new AssertionFailedError(scenario + ": " + other.side() + " differs from HAProxy 2.6\n--- HAProxy 2.6 ---\n"
                        + expected + "--- " + other.side() + " ---\n" + actual, expected, actual);
            }
        }
    }
}

package io.spoe4j.http.internal;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.LogFormat;
import io.spoe4j.acl.RequestAttributes;
import io.spoe4j.acl.Sample;
import io.spoe4j.config.HttpAction;
import io.spoe4j.config.HttpActionRule;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.http.Decision;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.JavaAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * What each {@link HttpAction} does to a transaction, as HAProxy 2.6's {@code http_act.c} and
 * {@code http_ana.c} do it. {@link #apply} returns null to go on, {@link #STOP_RULE_SET} for
 * {@code tcp-request content accept}, or the final decision.
 */
final class Actions {
    /** {@code tcp-request content accept}: the rest of the rule set is skipped, the request goes on. */
    static final Decision STOP_RULE_SET = new Decision.Forward(Optional.of("\0accept"));

    private Actions() {
    }

    /** Whether the action's arguments read the request body ({@code response == false}) or res.body. */
    static boolean readsBody(HttpAction action, boolean response) {
        List<LogFormat> formats = new ArrayList<>();
        if (action instanceof HttpAction.SetHeader h) {
            formats.add(h.value());
        } else if (action instanceof HttpAction.ReplaceHeader r) {
            formats.add(r.replacement());
        } else if (action instanceof HttpAction.SetRequestLine s) {
            formats.add(s.value());
        } else if (action instanceof HttpAction.SetVarFmt v) {
            formats.add(v.format());
        } else if (action instanceof HttpAction.Redirect r) {
            formats.add(r.target());
        } else if (action instanceof HttpAction.Deny d) {
            reply(d.reply(), formats);
        } else if (action instanceof HttpAction.Return r) {
            reply(r.reply(), formats);
        } else if (action instanceof HttpAction.Tarpit t) {
            reply(t.reply(), formats);
        }
        return formats.stream().anyMatch(f -> response ? f.needsResponseBody() : f.needsRequestBody());
    }

    private static void reply(HttpAction.Reply r, List<LogFormat> into) {
        r.headers().forEach(h -> into.add(h.value()));
        if (r.payload() instanceof HttpAction.Payload.Format f) {
            into.add(f.body());
        }
    }

    static Decision apply(HttpActionRule rule, DefaultHttpTransaction txn, boolean response) {
        RequestAttributes attrs = txn.attributes;
        boolean onResponse = rule.direction().isResponse();
        HttpAction action = rule.action();
        if (action instanceof HttpAction.SetHeader h) {
            String value = h.value().format(attrs);
            if (!h.add()) {
                txn.removeHeader(onResponse, h.name());
            }
            txn.addHeader(onResponse, h.name(), value);
        } else if (action instanceof HttpAction.DelHeader d) {
            List<HttpHeader> headers = onResponse ? attrs.responseHeaders() : attrs.requestHeaders();
            if (headers != null) {
                List<String> names = new ArrayList<>();
                for (HttpHeader h : headers) {
                    if (matches(d, h.name()) && names.stream().noneMatch(n -> n.equalsIgnoreCase(h.name()))) {
                        names.add(h.name());
                    }
                }
                names.forEach(n -> txn.removeHeader(onResponse, n));
            }
        } else if (action instanceof HttpAction.ReplaceHeader r) {
            replaceHeader(r, txn, onResponse);
        } else if (action instanceof HttpAction.SetRequestLine s) {
            setRequestLine(s, txn);
        } else if (action instanceof HttpAction.SetVarFmt v) {
            txn.setVariable(v.variable(), new Sample.Str(v.format().format(attrs)));
        } else if (action instanceof HttpAction.SetStatus s) {
            txn.attributes.status(s.status(), s.reason().orElse(null));
            txn.reason = s.reason().orElse(null);
        } else if (action instanceof HttpAction.SilentDrop) {
            return new Decision.Drop();
        } else if (action instanceof HttpAction.TcpContent t) {
            return t.accept() ? STOP_RULE_SET : new Decision.Drop(false);
        } else if (action instanceof HttpAction.Deny d) {
            if (emptyErrorfile(d.reply())) {
                return new Decision.Drop(false);
            }
            return new Decision.Respond(reply(d.reply(), false, txn), false, Duration.ZERO);
        } else if (action instanceof HttpAction.Return r) {
            if (emptyErrorfile(r.reply())) {
                return new Decision.Drop(false);
            }
            return new Decision.Respond(reply(r.reply(), true, txn), false, Duration.ZERO);
        } else if (action instanceof HttpAction.Tarpit t) {
            return new Decision.Respond(reply(t.reply(), false, txn), false, txn.rules().tarpitTimeout());
        } else if (action instanceof HttpAction.Redirect r) {
            return redirect(r, txn);
        } else if (action instanceof HttpAction.Lua l) {
            return lua(l, rule.direction(), txn);
        }
        // wait-for-body: the adapter buffered the body before the rules ran (HttpRules.waitForBody)
        return null;
    }

    /** An empty errorfile: HAProxy sends nothing and closes. */
    private static boolean emptyErrorfile(HttpAction.Reply r) {
        return r.payload() instanceof HttpAction.Payload.Errorfile e && e.response().length == 0;
    }

    private static boolean matches(HttpAction.DelHeader d, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String p = d.name().toLowerCase(Locale.ROOT);
        return switch (d.match()) {
            case STR -> n.equals(p);
            case BEG -> n.startsWith(p);
            case END -> n.endsWith(p);
            case SUB -> n.contains(p);
            case REG -> d.regex().orElseThrow().matcher(name).find();
        };
    }

    /**
     * HAProxy's http_replace_hdrs: the whole value of each matching occurrence (replace-header), or
     * each comma-separated value of it (replace-value; commas inside double quotes do not separate,
     * blanks around a value are not part of it and stay, as do the separators), is replaced by the
     * expanded format, {@code \1}..{@code \9} being the groups. The headers keep their place.
     */
    private static void replaceHeader(HttpAction.ReplaceHeader r, DefaultHttpTransaction txn, boolean response) {
        RequestAttributes attrs = txn.attributes;
        List<HttpHeader> headers = response ? attrs.responseHeaders() : attrs.requestHeaders();
        if (headers == null) {
            return;
        }
        String format = r.replacement().format(attrs);
        List<String> values = new ArrayList<>();
        boolean changed = false;
        for (HttpHeader h : headers) {
            if (!h.name().equalsIgnoreCase(r.name())) {
                continue;
            }
            String v = h.value();
            String out = r.eachValue() ? replaceEachValue(r, v, format) : replace(r, v, format);
            changed |= !out.equals(v);
            values.add(out);
        }
        if (changed) {
            txn.replaceHeaders(response, r.name(), values);
        }
    }

    /** replace-value over one header line: each value between commas (outside quotes), trimmed of blanks. */
    static String replaceEachValue(HttpAction.ReplaceHeader r, String line, String format) {
        StringBuilder out = new StringBuilder(line.length() + 16);
        int start = 0;
        int n = line.length();
        while (start <= n) {
            int end = valueEnd(line, start);
            int from = start;
            int to = end;
            while (from < to && isBlank(line.charAt(from))) {
                from++;
            }
            while (to > from && isBlank(line.charAt(to - 1))) {
                to--;
            }
            out.append(line, start, from).append(replace(r, line.substring(from, to), format)).append(line, to, end);
            if (end == n) {
                break;
            }
            out.append(',');
            start = end + 1;
        }
        return out.toString();
    }

    /** The index of the comma ending the value that starts at {@code from}, or the length: quoted commas do not count. */
    private static int valueEnd(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return s.length();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String replace(HttpAction.ReplaceHeader r, String value, String format) {
        Matcher m = r.regex().matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder(format.length() + 16);
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length() && Character.isDigit(format.charAt(i + 1))) {
                int g = format.charAt(++i) - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    out.append(m.group(g));
                }
            } else if (c == '\\' && i + 1 < format.length()) {
                out.append(format.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void setRequestLine(HttpAction.SetRequestLine s, DefaultHttpTransaction txn) {
        EditedAttributes attrs = txn.attributes;
        String value = s.value().format(attrs);
        if (s.part() == HttpAction.RequestLinePart.METHOD) {
            attrs.method(value);
            return;
        }
        attrs.uri(RequestLine.rewrite(attrs.uri(), s.part(), value));
    }

    private static HttpReply reply(HttpAction.Reply r, boolean isReturn, DefaultHttpTransaction txn) {
        List<HttpHeader> extra = new ArrayList<>(r.headers().size());
        for (HttpAction.HeaderFormat h : r.headers()) {
            extra.add(new HttpHeader(h.name(), h.value().format(txn.attributes)));
        }
        String type = r.contentType().orElse(null);
        HttpAction.Payload p = r.payload();
        HttpReply reply;
        if (p instanceof HttpAction.Payload.Errorfile e) {
            // HAProxy ignores hdr and content-type with an errorfile
            return Replies.parseErrorfile(e.response());
        } else if (p instanceof HttpAction.Payload.Constant c) {
            reply = Replies.reply(r.status(), type, c.body(), extra);
        } else if (p instanceof HttpAction.Payload.Format f) {
            reply = Replies.reply(r.status(), type, f.body().format(txn.attributes).getBytes(StandardCharsets.UTF_8),
                    extra);
        } else if (p instanceof HttpAction.Payload.Empty || isReturn) {
            reply = Replies.reply(r.status(), type, null, extra);
        } else {
            return txn.rules().errorReply(r.status());
        }
        // a reply larger than HAProxy's buffer is answered with the 500 page instead
        return Replies.fitsInBuffer(reply) ? reply : txn.rules().errorReply(500);
    }

    private static Decision redirect(HttpAction.Redirect r, DefaultHttpTransaction txn) {
        RequestAttributes attrs = txn.attributes;
        String target = r.target().format(attrs);
        if (target.isEmpty() && r.ignoreEmpty()) {
            return null;
        }
        String location = Replies.redirectLocation(r.type(), target, attrs.uri(),
                header(attrs.requestHeaders(), "host"), r.dropQuery(), r.appendSlash());
        if (location == null) {
            return null;
        }
        Optional<String> cookie = r.setCookie().map(Replies::setCookie).or(() -> r.clearCookie().map(Replies::clearCookie));
        // HAProxy closes after a redirect when the request has a body
        return new Decision.Respond(Replies.redirect(r.code(), location, cookie), hasBody(attrs), Duration.ZERO);
    }

    private static boolean hasBody(RequestAttributes attrs) {
        String length = header(attrs.requestHeaders(), "content-length");
        String te = header(attrs.requestHeaders(), "transfer-encoding");
        return te != null || length != null && !length.strip().equals("0");
    }

    private static String header(List<HttpHeader> headers, String name) {
        if (headers != null) {
            for (HttpHeader h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    return h.value();
                }
            }
        }
        return null;
    }

    private static Decision lua(HttpAction.Lua l, RuleDirection direction, DefaultHttpTransaction txn) {
        JavaAction action = txn.rules().action(l.name());
        if (action == null) {
            return null; // reported as a warning when the rules were built
        }
        JavaAction.Result result = action.run(new ActionContext(txn, l.args(), direction));
        if (result instanceof JavaAction.Reply reply) {
            return new Decision.Respond(reply.reply(), false, Duration.ZERO);
        }
        return result instanceof JavaAction.Drop ? new Decision.Drop() : null;
    }
}

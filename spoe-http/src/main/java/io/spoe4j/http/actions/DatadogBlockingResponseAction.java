package io.spoe4j.http.actions;

import io.spoe4j.acl.Sample;
import io.spoe4j.http.JavaAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code http-request lua.send_blocking_response}: a Java port of the action of the same name in
 * DataDog/dd-trace-go's {@code datadog_aap_blocking_response.lua}
 * ({@code contrib/haproxy/stream-processing-offload/cmd/spoa/haproxyconf/}), which answers with the
 * blocking response that the App and API Protection SPOA describes in its variables (var-prefix
 * {@code dd}, set along with {@code txn.dd.blocked}, the condition of the documented rule):
 * <ul>
 * <li>{@code txn.dd.status} (integer): the status; outside 100-599 the answer stays 200 OK. Older
 *   agents and scripts used {@code txn.dd.status_code}, read when {@code status} is unset;</li>
 * <li>{@code txn.dd.headers} (string): one {@code Name: value} per line; a line counts only when it
 *   matches the script's pattern exactly (a name of letters, digits and {@code -}, then {@code ": "},
 *   then a value of at least two characters starting with a non-blank one), others are skipped;</li>
 * <li>{@code txn.dd.body} (binary or string): the body, sent as is.</li>
 * </ul>
 * The answer is written as HAProxy's {@code txn:done(reply)} writes it: the reason phrase is
 * HAProxy's for the status, header names are lower-cased, a {@code content-length} from the agent is
 * replaced by the body's length (none is added when a {@code transfer-encoding} ends with
 * {@code chunked}). When the Lua would stop on a runtime error (status, headers or body unset, a
 * status that is not a number), the action logs it and goes on with the next rule, as HAProxy does.
 * Immutable and thread-safe; never blocks.
 */
public final class DatadogBlockingResponseAction implements JavaAction {
    /** The name haproxy.cfg calls it by: {@code lua.send_blocking_response}. */
    public static final String NAME = "send_blocking_response";

    private static final Logger log = LoggerFactory.getLogger(DatadogBlockingResponseAction.class);
    /** The script's {@code ^([%w%-]+): (%S.+)$}, over bytes (ISO-8859-1 keeps one char per byte). */
    private static final Pattern HEADER_LINE =
            Pattern.compile("([A-Za-z0-9-]+): ([^ \\t\\n\\x0B\\f\\r].+)", Pattern.DOTALL);

    /** The action; it has no settings. */
    public DatadogBlockingResponseAction() {
    }

    @Override
    public Result run(Context context) {
        try {
            return JavaAction.reply(build(context).toHttpReply());
        } catch (LuaValues.LuaError e) {
            log.warn("lua.send_blocking_response: {}; going on with the next rule", e.getMessage());
            return JavaAction.proceed();
        }
    }

    private static LuaReply build(Context context) {
        Sample body = context.variable("txn.dd.body");
        Sample status = context.variable("txn.dd.status");
        String statusName = "txn.dd.status";
        if (status == null && context.variable("txn.dd.status_code") != null) {
            status = context.variable("txn.dd.status_code");
            statusName = "txn.dd.status_code";
        }
        Sample headers = context.variable("txn.dd.headers");

        LuaReply reply = new LuaReply(200);
        Long code = LuaValues.checkInteger(status);
        if (code == null) {
            throw new LuaValues.LuaError(statusName + (status == null ? " is not set" : " is not an integer (" + status + ")"));
        }
        reply.setStatus(code);

        byte[] lines = LuaValues.string(headers);
        if (lines == null) {
            throw new LuaValues.LuaError("txn.dd.headers " + (headers == null ? "is not set" : "is not a string (" + headers + ")"));
        }
        addHeaders(reply, new String(lines, StandardCharsets.ISO_8859_1));

        reply.setBody(LuaValues.checkString(body, "txn.dd.body"));
        return reply;
    }

    private static void addHeaders(LuaReply reply, String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = i;
            while (end < n && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            if (end > i) {
                Matcher m = HEADER_LINE.matcher(text.substring(i, end));
                if (m.matches()) {
                    reply.addHeader(m.group(1), utf8(m.group(2)));
                }
            }
            i = end + 1;
        }
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}

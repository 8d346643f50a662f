package io.spoe4j.http.actions;

import io.spoe4j.acl.HttpHeader;
import io.spoe4j.acl.Sample;
import io.spoe4j.http.JavaAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code http-request lua.crowdsec_handle}: a Java port of the action of the same name in
 * crowdsecurity/cs-haproxy-spoa-bouncer's {@code lua/crowdsec.lua}, which renders the ban and captcha
 * pages from the variables the bouncer's SPOA sets (var-prefix {@code crowdsec}). It reads
 * <ul>
 * <li>{@code txn.crowdsec.remediation}: unset or empty, or {@code allow}, goes on with the next rule
 *   (the documented haproxy.cfg only calls the action for {@code ban} and {@code captcha});</li>
 * <li>{@code ban}: 403 with the ban page, rendered with {@code txn.crowdsec.contact_us_url} (a
 *   "contact us" link when not empty);</li>
 * <li>{@code captcha}: 200 with the captcha page, rendered with {@code txn.crowdsec.captcha_site_key},
 *   {@code captcha_frontend_key} (the widget's class, e.g. {@code g-recaptcha}) and
 *   {@code captcha_frontend_js} (the provider's script); the solved widget posts the form back to the
 *   same URL, which the bouncer validates;</li>
 * <li>{@code challenge}: status {@code txn.crowdsec.challenge_status} (200 when empty), body
 *   {@code challenge_body}, and {@code Content-Type}, {@code Content-Security-Policy},
 *   {@code Cache-Control}, {@code Set-Cookie} from {@code challenge_content_type}, {@code challenge_csp},
 *   {@code challenge_cache_control}, {@code challenge_cookie} when not empty;</li>
 * <li>any other value: 403 with an empty body.</li>
 * </ul>
 * Every answer carries {@code cache-control: no-cache} and {@code cache-control: no-store}. Except for
 * {@code challenge}, a request whose {@code Accept} headers all lack {@code *}, {@code text} and
 * {@code html} gets {@code Forbidden} as {@code text/plain} (even for a captcha, with its status),
 * others get the page as {@code text/html}. Headers are written as HAProxy's {@code txn:done(reply)}
 * writes them: lower-case names, then {@code content-length}. Where the Lua would stop on a runtime
 * error (a {@code challenge_status} that is not a number, a boolean where a string is wanted), the
 * action logs it and goes on with the next rule, as HAProxy does.
 *
 * <p>The captcha cookie ({@code captcha_status}, {@code captcha_cookie}), the redirect after a solved
 * captcha ({@code redirect}) and {@code isocode} are not this action's business: the bouncer's
 * haproxy.cfg handles them with its own rules ({@code http-after-response set-header Set-Cookie},
 * {@code http-request redirect}, {@code http-request set-header X-Crowdsec-IsoCode}), which spoe4j
 * runs as written; the after-response ones apply to this action's answers too. This follows the
 * current script; earlier ones also set the cookie on the captcha page and answered an {@code allow}
 * with a 302 to {@code txn.crowdsec.redirect}, for bouncers that sent the URL there.
 *
 * <p>The bundled pages are spoe4j's own minimal HTML with the bouncer's placeholders, not the
 * bouncer's pages; {@link #withTemplates} takes pages in the bouncer's Lua template syntax instead
 * (see {@code CROWDSEC_BAN_TEMPLATE_PATH} / {@code CROWDSEC_CAPTCHA_TEMPLATE_PATH}). Immutable and
 * thread-safe; never blocks.
 */
public final class CrowdSecHandleAction implements JavaAction {
    /** The name haproxy.cfg calls it by: {@code lua.crowdsec_handle}. */
    public static final String NAME = "crowdsec_handle";

    private static final Logger log = LoggerFactory.getLogger(CrowdSecHandleAction.class);
    private static final String VAR = "txn.crowdsec.";
    private static final byte[] FORBIDDEN = "Forbidden".getBytes(StandardCharsets.US_ASCII);

    private final LuaTemplate ban;
    private final LuaTemplate captcha;

    /** The action with spoe4j's bundled ban and captcha pages. */
    public CrowdSecHandleAction() {
        this(resource("crowdsec-ban.html"), resource("crowdsec-captcha.html"));
    }

    private CrowdSecHandleAction(String banTemplate, String captchaTemplate) {
        this.ban = new LuaTemplate(banTemplate);
        this.captcha = new LuaTemplate(captchaTemplate);
    }

    /**
     * The action with pages of your own, in the syntax of the bouncer's Lua templates:
     * {@code {{contact_us_url}}} in the ban page, {@code {{captcha_site_key}}},
     * {@code {{captcha_frontend_key}}} and {@code {{captcha_frontend_js}}} in the captcha page,
     * <code>{{ if NAME != "" then }}</code> ... <code>{{ end }}</code> blocks on their own lines.
     */
    public static CrowdSecHandleAction withTemplates(String banTemplate, String captchaTemplate) {
        return new CrowdSecHandleAction(Objects.requireNonNull(banTemplate, "banTemplate"),
                Objects.requireNonNull(captchaTemplate, "captchaTemplate"));
    }

    @Override
    public Result run(Context context) {
        try {
            return handle(context);
        } catch (LuaValues.LuaError e) {
            log.warn("lua.crowdsec_handle: {}; going on with the next rule", e.getMessage());
            return JavaAction.proceed();
        }
    }

    private Result handle(Context context) {
        String remediation = text(context, "remediation");
        if (remediation.isEmpty()) {
            log.warn("lua.crowdsec_handle: no remediation found (txn.crowdsec.remediation is unset)");
            return JavaAction.proceed();
        }
        if (remediation.equals("allow")) {
            log.debug("lua.crowdsec_handle called for an 'allow' remediation; going on");
            return JavaAction.proceed();
        }
        LuaReply reply = new LuaReply(403);
        reply.setBody(new byte[0]);
        reply.addHeader("cache-control", "no-cache");
        reply.addHeader("cache-control", "no-store");

        if (remediation.equals("challenge")) {
            return challenge(context, reply);
        }
        if (remediation.equals("captcha")) {
            reply.setStatus(200);
            reply.setBody(captcha.render(Map.of(
                    "captcha_site_key", checkText(context, "captcha_site_key"),
                    "captcha_frontend_key", checkText(context, "captcha_frontend_key"),
                    "captcha_frontend_js", checkText(context, "captcha_frontend_js")))
                    .getBytes(StandardCharsets.UTF_8));
        } else if (remediation.equals("ban")) {
            reply.setBody(ban.render(Map.of("contact_us_url", checkText(context, "contact_us_url")))
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (acceptsHtml(context.attributes().requestHeaders())) {
            reply.addHeader("Content-Type", "text/html");
        } else {
            reply.setBody(FORBIDDEN);
            reply.addHeader("Content-Type", "text/plain");
        }
        return JavaAction.reply(reply.toHttpReply());
    }

    private static Result challenge(Context context, LuaReply reply) {
        Sample status = context.variable(VAR + "challenge_status");
        if (status == null || text(status).isEmpty()) {
            reply.setStatus(200);
        } else {
            Long code = LuaValues.checkInteger(status);
            if (code == null) {
                throw new LuaValues.LuaError("txn.crowdsec.challenge_status is not a number (" + status + ")");
            }
            reply.setStatus(code);
        }
        Sample body = context.variable(VAR + "challenge_body");
        reply.setBody(body == null ? new byte[0] : LuaValues.checkString(body, VAR + "challenge_body"));
        addIfSet(context, reply, "challenge_content_type", "Content-Type");
        addIfSet(context, reply, "challenge_csp", "Content-Security-Policy");
        addIfSet(context, reply, "challenge_cache_control", "Cache-Control");
        addIfSet(context, reply, "challenge_cookie", "Set-Cookie");
        return JavaAction.reply(reply.toHttpReply());
    }

    private static void addIfSet(Context context, LuaReply reply, String variable, String header) {
        String value = checkText(context, variable);
        if (!value.isEmpty()) {
            reply.addHeader(header, value);
        }
    }

    /** The script's get_txn_var as text, "" when unset (for comparisons: any type is fine). */
    private static String text(Context context, String name) {
        return text(context.variable(VAR + name));
    }

    private static String text(Sample s) {
        return s == null ? "" : s.asText();
    }

    /** The same, for a value the script hands to a Lua function that wants a string: a boolean is an error. */
    private static String checkText(Context context, String name) {
        Sample s = context.variable(VAR + name);
        if (s instanceof Sample.Bool) {
            throw new LuaValues.LuaError(VAR + name + " is a boolean, not a string");
        }
        return text(s);
    }

    /**
     * The script's accept_html: true without an {@code Accept} header, else when one of them contains
     * {@code *}, {@code text} or {@code html} (its Lua pattern {@code "*}{@code /*"} matches any {@code *}).
     */
    static boolean acceptsHtml(List<HttpHeader> headers) {
        boolean any = false;
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase("accept")) {
                any = true;
                String v = h.value();
                if (v.contains("*") || v.contains("text") || v.contains("html")) {
                    return true;
                }
            }
        }
        return !any;
    }

    private static String resource(String name) {
        try (InputStream in = CrowdSecHandleAction.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

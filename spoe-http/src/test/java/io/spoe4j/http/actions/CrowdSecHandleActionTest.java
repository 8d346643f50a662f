package io.spoe4j.http.actions;

import static io.spoe4j.http.actions.Replies.assertReply;
import static io.spoe4j.http.actions.Replies.headers;
import static io.spoe4j.http.actions.Replies.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.acl.Sample;
import io.spoe4j.http.HttpReply;
import io.spoe4j.http.JavaAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrowdSecHandleActionTest {
    private static final String BAN = "<h1>banned</h1>\n"
            + "  {{ if contact_us_url != \"\" then }}\n"
            + "<a href=\"{{contact_us_url}}\">contact</a>\n"
            + "  {{ else }}\n"
            + "<p>no contact</p>\n"
            + "  {{ end }}\n"
            + "\n"
            + "<i>{{isocode}}</i>\n";
    private static final String CAPTCHA = "<script src=\"{{captcha_frontend_js}}\"></script>\r\n"
            + "<div class=\"{{captcha_frontend_key}}\" data-sitekey=\"{{captcha_site_key}}\"></div>\n";

    private final JavaAction bundled = new CrowdSecHandleAction();
    private final JavaAction custom = CrowdSecHandleAction.withTemplates(BAN, CAPTCHA);

    private static Map<String, Sample> vars(String... nameValues) {
        Map<String, Sample> m = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put("txn.crowdsec." + nameValues[i], Sample.str(nameValues[i + 1]));
        }
        return m;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<io.spoe4j.acl.HttpHeader> pageHeaders(String contentType, int length) {
        return headers("cache-control", "no-cache", "cache-control", "no-store", "content-type", contentType,
                "content-length", Integer.toString(length));
    }

    @Test
    void banWithoutContactUrlRendersThePageWithoutTheLink() {
        HttpReply r = reply(custom.run(FakeContext.of(vars("remediation", "ban"))));
        String body = "<h1>banned</h1>\n<p>no contact</p>\n<i>{{isocode}}</i>";
        assertReply(r, 403, "Forbidden", pageHeaders("text/html", body.length()), bytes(body));
    }

    @Test
    void banWithContactUrlRendersTheLink() {
        HttpReply r = reply(custom.run(FakeContext.of(
                vars("remediation", "ban", "contact_us_url", "https://example.com/contact?a=1&b=2"))));
        String body = "<h1>banned</h1>\n<a href=\"https://example.com/contact?a=1&b=2\">contact</a>\n<i>{{isocode}}</i>";
        assertReply(r, 403, "Forbidden", pageHeaders("text/html", body.length()), bytes(body));
    }

    @Test
    void bundledBanPage() {
        HttpReply bare = reply(bundled.run(FakeContext.of(vars("remediation", "ban"))));
        assertEquals(403, bare.status());
        assertEquals(pageHeaders("text/html", bare.body().length), bare.headers());
        assertTrue(bare.bodyText().startsWith("<!DOCTYPE html>"), bare.bodyText());
        assertFalse(bare.bodyText().contains("{{"), bare.bodyText());
        assertFalse(bare.bodyText().contains("Contact us"), bare.bodyText());

        HttpReply linked = reply(bundled.run(FakeContext.of(
                vars("remediation", "ban", "contact_us_url", "mailto:abuse@example.com"))));
        assertTrue(linked.bodyText().contains("href=\"mailto:abuse@example.com\">Contact us</a>"), linked.bodyText());
        assertEquals(Integer.toString(linked.body().length), linked.header("content-length"));
    }

    @Test
    void captchaRendersThePageWith200() {
        HttpReply r = reply(custom.run(FakeContext.of(vars("remediation", "captcha",
                "captcha_site_key", "site-key-1", "captcha_frontend_key", "h-captcha",
                "captcha_frontend_js", "https://hcaptcha.com/1/api.js",
                "captcha_status", "pending", "captcha_cookie", "crowdsec_captcha_cookie=x; Path=/"))));
        String body = "<script src=\"https://hcaptcha.com/1/api.js\"></script>\n"
                + "<div class=\"h-captcha\" data-sitekey=\"site-key-1\"></div>";
        // the cookie is left to haproxy.cfg's http-after-response rules, as in the Lua script
        assertReply(r, 200, "OK", pageHeaders("text/html", body.length()), bytes(body));
    }

    @Test
    void bundledCaptchaPage() {
        HttpReply r = reply(bundled.run(FakeContext.of(vars("remediation", "captcha",
                "captcha_site_key", "0x4AAA", "captcha_frontend_key", "g-recaptcha",
                "captcha_frontend_js", "https://www.google.com/recaptcha/api.js"))));
        assertEquals(200, r.status());
        assertEquals(pageHeaders("text/html", r.body().length), r.headers());
        String page = r.bodyText();
        assertTrue(page.contains("<script src=\"https://www.google.com/recaptcha/api.js\" async defer></script>"), page);
        assertTrue(page.contains("<div class=\"g-recaptcha\" data-sitekey=\"0x4AAA\""), page);
        assertTrue(page.contains("<form id=\"captcha-form\" method=\"POST\" action=\"\">"), page);
        assertFalse(page.contains("{{"), page);
    }

    @Test
    void clientsThatDoNotAcceptHtmlGetPlainForbidden() {
        HttpReply ban = reply(bundled.run(FakeContext.of(vars("remediation", "ban"), "Accept", "application/json")));
        assertReply(ban, 403, "Forbidden", pageHeaders("text/plain", 9), bytes("Forbidden"));
        // the captcha keeps its status
        HttpReply captcha = reply(bundled.run(FakeContext.of(vars("remediation", "captcha"),
                "accept", "application/json", "ACCEPT", "image/png")));
        assertReply(captcha, 200, "OK", pageHeaders("text/plain", 9), bytes("Forbidden"));
    }

    @Test
    void acceptHeadersThatCountAsHtml() {
        assertTrue(CrowdSecHandleAction.acceptsHtml(List.of()));
        assertTrue(CrowdSecHandleAction.acceptsHtml(headers("Accept", "text/html,application/xhtml+xml")));
        assertTrue(CrowdSecHandleAction.acceptsHtml(headers("Accept", "*/*")));
        assertTrue(CrowdSecHandleAction.acceptsHtml(headers("Accept", "application/*")));
        assertTrue(CrowdSecHandleAction.acceptsHtml(headers("Accept", "application/json", "accept", "text/plain")));
        assertTrue(CrowdSecHandleAction.acceptsHtml(headers("User-Agent", "curl/8")));
        assertFalse(CrowdSecHandleAction.acceptsHtml(headers("Accept", "application/json")));
        assertFalse(CrowdSecHandleAction.acceptsHtml(headers("Accept", "TEXT/HTML"))); // the Lua is case-sensitive
    }

    @Test
    void unknownRemediationAnswers403WithAnEmptyBody() {
        HttpReply r = reply(custom.run(FakeContext.of(vars("remediation", "throttle"))));
        assertReply(r, 403, "Forbidden", pageHeaders("text/html", 0), new byte[0]);
    }

    @Test
    void noRemediationOrAllowGoesOn() {
        assertInstanceOf(JavaAction.Continue.class, bundled.run(FakeContext.of(Map.of())));
        assertInstanceOf(JavaAction.Continue.class, bundled.run(FakeContext.of(vars("remediation", ""))));
        // after a solved captcha: the redirect and the cookie are haproxy.cfg's rules, not the script's
        assertInstanceOf(JavaAction.Continue.class, bundled.run(FakeContext.of(vars("remediation", "allow",
                "redirect", "1", "captcha_status", "valid", "captcha_cookie", "crowdsec_captcha_cookie=y"))));
    }

    @Test
    void challengeAnswersWhatTheBouncerPrepared() {
        Map<String, Sample> v = vars("remediation", "challenge", "challenge_status", "429",
                "challenge_content_type", "text/html; charset=utf-8", "challenge_csp", "default-src 'self'",
                "challenge_cache_control", "private", "challenge_cookie", "cs_challenge=abc; HttpOnly");
        byte[] body = {'<', 'p', '>', (byte) 0xC3, (byte) 0xA9, 0, '<'};
        v.put("txn.crowdsec.challenge_body", Sample.bin(body));
        // no Accept check for a challenge
        HttpReply r = reply(bundled.run(FakeContext.of(v, "Accept", "application/json")));
        assertReply(r, 429, "Too Many Requests", headers(
                "cache-control", "no-cache", "cache-control", "no-store",
                "content-type", "text/html; charset=utf-8",
                "content-security-policy", "default-src 'self'",
                "cache-control", "private",
                "set-cookie", "cs_challenge=abc; HttpOnly",
                "content-length", "7"), body);
    }

    @Test
    void challengeStatusDefaultsAndOddValues() {
        HttpReply bare = reply(bundled.run(FakeContext.of(vars("remediation", "challenge"))));
        assertReply(bare, 200, "OK", headers("cache-control", "no-cache", "cache-control", "no-store",
                "content-length", "0"), new byte[0]);
        assertEquals(200, reply(bundled.run(FakeContext.of(vars("remediation", "challenge", "challenge_status", "")))).status());
        assertEquals(503, reply(bundled.run(FakeContext.of(vars("remediation", "challenge", "challenge_status", " 503 ")))).status());

        Map<String, Sample> integer = vars("remediation", "challenge");
        integer.put("txn.crowdsec.challenge_status", Sample.integer(202));
        HttpReply accepted = reply(bundled.run(FakeContext.of(integer)));
        assertEquals(202, accepted.status());
        assertEquals("Accepted", accepted.reason());

        // set_status ignores a status outside 100-599: the reply keeps its 403
        HttpReply out = reply(bundled.run(FakeContext.of(vars("remediation", "challenge", "challenge_status", "700"))));
        assertEquals(403, out.status());
        assertEquals("Forbidden", out.reason());

        // tonumber fails, set_status(nil) raises: HAProxy goes on with the next rule
        assertInstanceOf(JavaAction.Continue.class,
                bundled.run(FakeContext.of(vars("remediation", "challenge", "challenge_status", "soon"))));
    }

    @Test
    void aBooleanWhereTheScriptWantsAStringGoesOn() {
        Map<String, Sample> v = vars("remediation", "captcha");
        v.put("txn.crowdsec.captcha_site_key", Sample.bool(true));
        assertInstanceOf(JavaAction.Continue.class, bundled.run(FakeContext.of(v)));
    }

    @Test
    void binaryVariablesAreReadAsText() {
        Map<String, Sample> v = new HashMap<>();
        v.put("txn.crowdsec.remediation", Sample.bin(bytes("ban")));
        v.put("txn.crowdsec.contact_us_url", Sample.bin(bytes("https://example.com/é")));
        HttpReply r = reply(custom.run(FakeContext.of(v)));
        String body = "<h1>banned</h1>\n<a href=\"https://example.com/é\">contact</a>\n<i>{{isocode}}</i>";
        assertReply(r, 403, "Forbidden", pageHeaders("text/html", bytes(body).length), bytes(body));
    }
}
